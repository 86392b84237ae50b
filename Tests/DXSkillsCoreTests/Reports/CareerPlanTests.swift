import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCore

/// Career path templates, the career-plans import and plan status (reference §4.9) on SkillFixture plus
/// four information-track staff of our own.
@Suite("Career plans")
struct CareerPlanTests {
    static func plans(
        _ db: TestDatabase, as principal: Principal = Fixture.principal(.hr), unit: String? = nil, employee: String? = nil,
        status: PlanStatus? = nil, on day: String = "2025-06-01"
    ) async throws -> [CareerPlanStatus] {
        try await db.app.transaction(Fixture.context()) { connection in
            try await CareerPlanReport.run(
                principal: principal, unit: unit, employeeNo: employee, status: status, asOf: Day(iso: day)!,
                connection: connection, logger: db.app.logger)
        }
    }

    /// Inserted, updated, unchanged.
    static func counts(_ summary: ImportSummary) -> [Int] { [summary.inserted, summary.updated, summary.unchanged] }

    /// A stage as "name due status [unmet…]" for exact comparisons.
    static func describe(_ stage: PlanStage) -> String {
        let unmet = stage.unmet.map { r in
            if let skill = r.skill { return "\(skill)>=\(r.level!)(\(r.reached!))" }
            if let cert = r.cert { return "cert:\(cert)" + (r.lapsedOn.map { "(lapsed \($0))" } ?? "") }
            return "course:\(r.course!)"
        }
        return "\(stage.name) \(stage.dueOn) \(stage.status.rawValue) [\(unmet.joined(separator: ","))]"
    }

    static func warnings(_ plan: CareerPlanStatus) -> [String] {
        plan.warnings.map { "\($0.reason.rawValue) \($0.stage) \($0.placement.rawValue) \($0.unitCode ?? "-")" }
    }

    @Test("due dates: the day before the anniversary; a 29 February start counts from 1 March")
    func dueDates() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let days = try await db.owner.strings(
                Fixture.context(),
                """
                SELECT career_due_on(s::date, y)::text FROM (VALUES ('2020-04-01', 3), ('2024-02-29', 1), ('2024-02-29', 4),
                  ('2023-03-01', 1), ('2024-02-28', 1)) v(s, y)
                """)
            #expect(days == ["2023-03-31", "2025-02-28", "2028-02-29", "2024-02-29", "2025-02-27"])
        }
    }

    @Test("every plan on D: met early, behind for a missing or lapsed certification, 29 February, placement, completed")
    func statusOnDay() async throws {
        try await withTestDatabase { db in
            // setup
            try await CareerPlanFixture.create(db)
            // act
            let plans = try await Self.plans(db)
            // assert
            #expect(plans.map(\.employeeNo) == ["E002", "I001", "I002", "I003", "I004"])
            #expect(plans.map(\.status) == [.behind, .completed, .behind, .onTrack, .noPlan])
            let byEmployee = Dictionary(uniqueKeysWithValues: plans.map { ($0.employeeNo, $0) })
            // E002: L-SEC 4 from SC (2022-04-01 to 2025-03-31) holds on 2023-03-31, but FE was never held.
            // On D its stage is 業務経験期 (business) while S2 is the IT department.
            #expect(
                byEmployee["E002"]!.stages.map(Self.describe) == [
                    "基礎期 2023-03-31 behind [cert:FE]", "業務経験期 2026-03-31 open [course:BPR-201]",
                ])
            #expect(Self.warnings(byEmployee["E002"]!) == ["placement_mismatch 業務経験期 business S2"])
            // I001: both stages met, the second ten months before it is due (BPR-201 passed 2024-05-10).
            #expect(
                byEmployee["I001"]!.stages.map(Self.describe) == ["基礎期 2023-03-31 met []", "業務経験期 2026-03-31 met []"])
            #expect(byEmployee["I001"]!.warnings.isEmpty)
            // I002: FE lapsed 2024-02-29, so it does not hold on the due date 2024-03-31; BPR-201 was
            // completed with 50, under the pass score 60.
            #expect(
                byEmployee["I002"]!.stages.map(Self.describe) == [
                    "基礎期 2024-03-31 behind [cert:FE(lapsed 2024-02-29)]", "業務経験期 2027-03-31 open [course:BPR-201]",
                ])
            #expect(byEmployee["I002"]!.warnings.isEmpty)
            // I003 started 2024-02-29: 1 year → 2025-03-01 → due 2025-02-28, the day IP was acquired;
            // 4 years → 2028-03-01 → due 2028-02-29. P-SE is at 2 of 3.
            #expect(
                byEmployee["I003"]!.stages.map(Self.describe) == [
                    "一年目 2025-02-28 met []", "四年目 2028-02-29 open [P-SE>=3(2)]",
                ])
            #expect(byEmployee["I003"]!.startOn == Day(iso: "2024-02-29"))
            #expect(byEmployee["I004"]!.stages.isEmpty && byEmployee["I004"]!.template == nil)
        }
    }

    @Test("earlier, a stage not yet due is open with the level reached; no unit on D is a warning")
    func beforeDue() async throws {
        try await withTestDatabase { db in
            try await CareerPlanFixture.create(db)
            // On 2022-01-01 I001 has FE (2021-10-01) but no L-SEC yet (assessed 2022-06-01), and no
            // assignment before 2023-04-01. I003 and I004 are not hired yet; I002's FE is still valid.
            let plans = try await Self.plans(db, on: "2022-01-01")
            #expect(plans.map(\.employeeNo) == ["E002", "I001", "I002"])
            let i001 = plans[1]
            #expect(i001.status == .onTrack)
            #expect(
                i001.stages.map(Self.describe) == [
                    "基礎期 2023-03-31 open [L-SEC>=2(0)]", "業務経験期 2026-03-31 open [course:BPR-201]",
                ])
            #expect(Self.warnings(i001) == ["not_assigned 基礎期 it -"])
            #expect(plans[2].stages.map(Self.describe).first == "基礎期 2024-03-31 met []")
        }
    }

    @Test("--status filters, and staff without a plan drop out of any other status")
    func statusFilter() async throws {
        try await withTestDatabase { db in
            try await CareerPlanFixture.create(db)
            #expect(try await Self.plans(db, status: .behind).map(\.employeeNo) == ["E002", "I002"])
            #expect(try await Self.plans(db, status: .completed).map(\.employeeNo) == ["I001"])
            #expect(try await Self.plans(db, status: .noPlan).map(\.employeeNo) == ["I004"])
        }
    }

    @Test("scope: a manager sees its subtree, an evaluator its own, staff only itself; others are 404")
    func scope() async throws {
        try await withTestDatabase { db in
            try await CareerPlanFixture.create(db)
            let manager = Fixture.principal(.manager, unit: "B1")
            #expect(try await Self.plans(db, as: manager).map(\.employeeNo) == ["E002", "I002", "I003"])
            #expect(try await Self.plans(db, as: manager, unit: "S2").map(\.employeeNo) == ["E002", "I003"])
            #expect(try await Self.plans(db, as: manager, employee: "I002").map(\.status) == [.behind])
            await #expect(throws: DXSkillsError.notFound("career plan of staff I001")) {
                try await Self.plans(db, as: manager, employee: "I001")
            }
            await #expect(throws: DXSkillsError.notFound("unit S3")) {
                try await Self.plans(db, as: manager, unit: "S3")
            }
            let evaluator = Fixture.principal(.evaluator, unit: "K2")
            #expect(try await Self.plans(db, as: evaluator).map(\.employeeNo) == ["I001", "I004"])
            let staff = Fixture.principal(.staff, employeeNo: "I001")
            #expect(try await Self.plans(db, as: staff).map(\.employeeNo) == ["I001"])
            await #expect(throws: DXSkillsError.notFound("career plan of staff E002")) {
                try await Self.plans(db, as: staff, employee: "E002")
            }
            // Unknown employee and a general staff member without a plan read alike.
            for employee in ["E404", "E001"] {
                await #expect(throws: DXSkillsError.notFound("career plan of staff \(employee)")) {
                    try await Self.plans(db, employee: employee)
                }
            }
        }
    }

    @Test("the import refuses non-information staff, unknown staff and templates, bad dates; again is a no-op")
    func importRules() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            try await Fixture.load(.staff, CareerPlanFixture.staffCSV, into: db.owner)
            try await Fixture.load(.courses, CareerPlanFixture.coursesCSV, into: db.owner)
            _ = try await CareerPlanFixture.setTemplate(CareerPlanFixture.standard, db)
            let found = await rowIssues {
                try await Fixture.load(
                    .careerPlans,
                    "職員番号,キャリアパス,開始日\nI001,ICT-STD,2020-04-01\nE003,ICT-STD,2022-04-01\nE404,ICT-STD,2022-04-01\n"
                        + "I004,NOPE,2025-04-01\nI004,ICT-STD,2025-02-30\n",
                    into: db.owner)
            }
            #expect(
                found.map { "\($0.line) \($0.column ?? "-") \($0.value ?? "-")" } == [
                    "3 employee_no E003", "4 employee_no E404", "5 template NOPE", "6 start_on 2025-02-30",
                ])
            #expect(found.first?.reason.contains("general/一般行政") == true)
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM career_plans") == 0)
            let csv = "employee_no,template,start_on\nI001,ICT-STD,2020-04-01\nI002,ICT-STD,2021-04-01\n"
            let first = try await Fixture.load(.careerPlans, csv, into: db.owner)
            #expect(Self.counts(first) == [2, 0, 0])
            let again = try await Fixture.load(.careerPlans, csv, into: db.owner)
            #expect(Self.counts(again) == [0, 0, 2])
            let moved = try await Fixture.load(
                .careerPlans, "employee_no,template,start_on\nI001,ICT-STD,2020-10-01\n", into: db.owner)
            #expect(Self.counts(moved) == [0, 1, 0])
            #expect(
                try await db.owner.count(
                    Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE entity = 'career_plans'") == 3)
        }
    }

    @Test("a bad template is refused with every problem named; the same template again changes nothing")
    func templateValidation() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let bad = """
                {"code": " ", "name": "x", "stages": [
                  {"name": "A", "years": 1.5, "placement": "remote",
                   "requires": [{"skill": "NOPE", "level": 5}, {"cert": "XX"}, {"course": "YY"}, {"skill": "L-SEC"},
                                {"cert": "FE", "course": "DX-101"}]},
                  {"name": "", "years": 0, "placement": "it"}]}
                """
            await #expect {
                _ = try await CareerPlanFixture.setTemplate(bad, db)
            } throws: { error in
                guard case DXSkillsError.invalid(let message) = error else { return false }
                return message.text(.en).components(separatedBy: "; ") == [
                    "code: required (the template's code, e.g. ICT-STD)",
                    "stages[0].years: 1.5 is not a whole number of years from 1 to 50",
                    "stages[0].placement: remote is not one of it, business, external",
                    "stages[0].requires[0].skill: unknown skill NOPE",
                    "stages[0].requires[0].level: 5 is not a skill level 1 to 4",
                    "stages[0].requires[1].cert: unknown certification XX",
                    "stages[0].requires[2].course: unknown course YY",
                    "stages[0].requires[3].level: missing is not a skill level 1 to 4",
                    "stages[0].requires[4]: give exactly one of skill (with level), cert or course",
                    "stages[1].name: required",
                    "stages[1].years: 0 is not a whole number of years from 1 to 50",
                ]
            }
            await #expect(throws: DXSkillsError.invalid("stages: at least one stage is required")) {
                _ = try await CareerPlanFixture.setTemplate(#"{"code": "EMPTY", "name": "空", "stages": []}"#, db)
            }
            try await Fixture.load(.courses, CareerPlanFixture.coursesCSV, into: db.owner)
            #expect(try await CareerPlanFixture.setTemplate(CareerPlanFixture.standard, db).outcome == .inserted)
            #expect(try await CareerPlanFixture.setTemplate(CareerPlanFixture.standard, db).outcome == .unchanged)
            let longer = CareerPlanFixture.standard.replacingOccurrences(
                of: "\"years\": 3, \"placement\": \"business\"", with: "\"years\": 4, \"placement\": \"business\"")
            #expect(try await CareerPlanFixture.setTemplate(longer, db).outcome == .updated)
            #expect(
                try await db.owner.count(
                    Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE entity = 'career_templates'") == 2)
            let stored = try await db.app.transaction(Fixture.context()) { connection in
                try await CareerTemplates.list(connection: connection, logger: db.app.logger)
            }
            #expect(stored.map { $0.stages.map(\.years) } == [[3, 4]])
            #expect(stored[0].stages[0].requires == [.init(skill: "L-SEC", level: 2), .init(cert: "FE")])
        }
    }
}
