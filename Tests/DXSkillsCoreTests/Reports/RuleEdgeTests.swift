import DXSkillsTestSupport
import Testing

@testable import DXSkillsCore

/// Edges of Level (reference §4.3) and Headcount (§4.2) on `SkillFixture`, answers worked out by hand.
@Suite("Rule edges")
struct RuleEdgeTests {
    @Test("a record that is not completed grants nothing; a score equal to the pass score passes, from its day")
    func statusAndPassScore() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            // DS-201 (pass score 70) grants P-DS 3: E001 incomplete with 90, E007 absent, E002 exactly 70 on 3/1.
            try await Fixture.load(
                .training,
                """
                employee_no,course_code,completed_on,status,score,hours
                E001,DS-201,2025-02-01,incomplete,90,
                E007,DS-201,2025-02-01,absent,,
                E002,DS-201,2025-03-01,completed,70,

                """, into: db.owner)
            let reports = SkillReportsTests()
            // S2 holds E002 and E003 (passed with 80 on 2/1); S1 holds E001 (E004 is not counted); B1 adds E007.
            #expect(
                try await reports.coverage(db, skill: "P-DS", level: 3, on: "2025-02-28", unit: "B1")
                    == ["B1": [4, 1], "S1": [1, 0], "S2": [2, 1]])
            #expect(
                try await reports.coverage(db, skill: "P-DS", level: 3, on: "2025-03-01", unit: "B1")
                    == ["B1": [4, 2], "S1": [1, 0], "S2": [2, 2]])
        }
    }

    @Test("a transfer effective on E counts in the old unit on E − 1 and in the new one from E")
    func transferEdge() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            try await Fixture.load(
                .staff,
                Fixture.staffCSV.replacingOccurrences(
                    of: "E003,佐藤　三郎,サトウ　サブロウ,general,fixed_term,主事,S2,2022-04-01",
                    with: "E003,佐藤　三郎,サトウ　サブロウ,general,fixed_term,主事,S1,2025-06-01"), into: db.owner)
            let reports = SkillReportsTests()
            // L-DATA ≥ 1: E001 (DX-101) in S1; E003 (DS-201) moves S2 → S1 on 6/1; E002 failed DS-201; E007 (DX-101) sits in B1.
            #expect(
                try await reports.coverage(db, skill: "L-DATA", level: 1, on: "2025-05-31", unit: "B1")
                    == ["B1": [4, 3], "S1": [1, 1], "S2": [2, 1]])
            #expect(
                try await reports.coverage(db, skill: "L-DATA", level: 1, on: "2025-06-01", unit: "B1")
                    == ["B1": [4, 3], "S1": [2, 2], "S2": [1, 0]])
        }
    }

    @Test("a secondary post (兼務) is never counted: not in its unit's headcount, not twice in the parent's")
    func secondaryPostNotCounted() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let reports = SkillReportsTests()
            let before = try await reports.coverage(db, skill: "L-DATA", level: 1, on: "2025-04-01", unit: "B1")
            #expect(before == ["B1": [4, 2], "S1": [1, 1], "S2": [2, 1]])
            // E003 (S2, L-DATA 1 through DS-201) and E002 (S2, none) also hold posts in S1 from 2025-01-01.
            try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.run(
                    """
                    INSERT INTO assignments (tenant_id, employee_no, unit_code, valid_from, valid_to, is_primary)
                    VALUES (\(Fixture.tenant), 'E003', 'S1', '2025-01-01', NULL, false), (\(Fixture.tenant), 'E002', 'S1', '2025-01-01', NULL, false)
                    """, logger: db.owner.logger)
            }
            #expect(
                try await db.owner.count(
                    Fixture.context(), "SELECT count(*)::int FROM assignments WHERE NOT is_primary AND unit_code = 'S1'") == 2)
            #expect(try await reports.coverage(db, skill: "L-DATA", level: 1, on: "2025-04-01", unit: "B1") == before)
        }
    }

    @Test("the expiring window's lower bound: a holding is expiring on its last valid day, not the day after")
    func expiringLowerBound() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            func expiring(on day: String, within days: Int) async throws -> [String] {
                try await db.app.transaction(Fixture.context()) { connection in
                    try await ExpiringCertificationsReport.run(
                        principal: Fixture.principal(.hr), within: days, asOf: Day(iso: day)!, connection: connection,
                        logger: db.app.logger)
                }.map { "\($0.employeeNo) \($0.certCode) \($0.expiresOn)" }
            }
            // E002's SC is valid through 2025-03-31.
            #expect(try await expiring(on: "2025-03-31", within: 0) == ["E002 SC 2025-03-31"])
            #expect(try await expiring(on: "2025-03-31", within: 90) == ["E002 SC 2025-03-31"])
            #expect(try await expiring(on: "2025-04-01", within: 90) == [])
        }
    }

    @Test("an external stage (secondment) warns of no placement, wherever the staff sits; it and business stages do")
    func externalPlacement() throws {
        let start = Day(iso: "2024-04-01")!
        let on = Day(iso: "2025-06-01")!
        func stages(_ current: Placement) -> [PlanStage] {
            [
                PlanStage(name: "基礎期", placement: .it, dueOn: Day(iso: "2025-03-31")!, status: .met, unmet: []),
                PlanStage(name: "出向期", placement: current, dueOn: Day(iso: "2027-03-31")!, status: .open, unmet: []),
            ]
        }
        func warnings(_ current: Placement, unit: String?, it: Bool) -> [String] {
            CareerPlanReport.placementWarnings(stages(current), startOn: start, unitCode: unit, itDepartment: it, asOf: on)
                .map { "\($0.reason.rawValue) \($0.stage) \($0.placement.rawValue) \($0.unitCode ?? "-")" }
        }
        for (unit, it) in [("K1", true), ("S2", false)] {
            #expect(warnings(.external, unit: unit, it: it) == [])
        }
        #expect(warnings(.external, unit: nil, it: false) == [])
        // The same stage as it or business: the mismatches and the missing unit are warned of.
        #expect(warnings(.business, unit: "K1", it: true) == ["placement_mismatch 出向期 business K1"])
        #expect(warnings(.it, unit: "S2", it: false) == ["placement_mismatch 出向期 it S2"])
        #expect(warnings(.it, unit: nil, it: false) == ["not_assigned 出向期 it -"])
    }

    @Test("a requirement met after its due date leaves the stage behind, with what was missing on that day")
    func metAfterDue() async throws {
        try await withTestDatabase { db in
            try await PlanStageRuleTests.create(db)
            // E002's 基礎期 is due 2025-03-31 and needs L-SEC 2 and FE. Its SC (L-SEC 4) is valid through
            // 2025-03-31, so L-SEC holds on the due day; FE arrives on 2025-04-05, too late.
            try await Fixture.load(
                .certifications, "employee_no,cert_code,acquired_on,expires_on\nE002,FE,2025-04-05,\n", into: db.owner)
            try await Fixture.load(
                .assessments, "employee_no,skill_code,level,assessed_on,assessor\nE002,L-SEC,2,2025-04-05,E007\n",
                into: db.owner)
            let plans = try await CareerPlanTests.plans(db, employee: "E002", on: "2025-06-01")
            let plan = try #require(plans.first)
            #expect(
                plan.stages.map(CareerPlanTests.describe) == [
                    "基礎期 2025-03-31 behind [cert:FE]", "業務経験期 2028-03-31 open [course:BPR-201]",
                ])
            #expect(plan.status == .behind)
            // The day before they arrive, the same: what counts is the due day.
            let before = try await CareerPlanTests.plans(db, employee: "E002", on: "2025-04-04")
            #expect(before.first?.stages.first.map(CareerPlanTests.describe) == "基礎期 2025-03-31 behind [cert:FE]")
        }
    }
}
