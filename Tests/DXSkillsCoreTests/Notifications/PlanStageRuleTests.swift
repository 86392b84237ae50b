import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCore

/// plan_stage_due and plan_stage_behind (reference §8) on SkillFixture with the grants of
/// NotificationRulesTests, answers worked out by hand.
///
/// E002 (S2, under B1) follows ICT-STD from 2022-04-01: 基礎期 is due 2025-03-31 and needs L-SEC 2
/// and FE, which E002 never has. I002 (S1, CareerPlanTests' staff) follows it from the same day and
/// holds both from 2023:
/// its stage is met and raises nothing. S2 has no grant: its managers are B1's, E007.
@Suite("Notification rules: plan stages")
struct PlanStageRuleTests {
    static func create(_ db: TestDatabase) async throws {
        try await SkillFixture.create(db.owner)
        try await Fixture.load(.roles, NotificationRulesTests.roles, into: db.owner)
        try await Fixture.load(.courses, CareerPlanFixture.coursesCSV, into: db.owner)
        try await Fixture.load(.staff, CareerPlanFixture.staffCSV, into: db.owner)
        _ = try await CareerPlanFixture.setTemplate(CareerPlanFixture.standard, db)
        try await Fixture.load(
            .certifications, "employee_no,cert_code,acquired_on,expires_on\nI002,FE,2023-01-01,\n", into: db.owner)
        try await Fixture.load(
            .assessments, "employee_no,skill_code,level,assessed_on,assessor\nI002,L-SEC,2,2023-01-01,E007\n",
            into: db.owner)
        try await Fixture.load(
            .careerPlans, "employee_no,template,start_on\nE002,ICT-STD,2022-04-01\nI002,ICT-STD,2022-04-01\n",
            into: db.owner)
    }

    func dryRun(_ db: TestDatabase, _ day: String) async throws -> [String] {
        try await db.app.transaction(Fixture.context()) { connection in
            try await Notifications.dryRun(
                tenant: Fixture.tenant, on: Day(iso: day)!, connection: connection, logger: db.app.logger)
        }.filter { $0.rule == .planStageDue || $0.rule == .planStageBehind }
            .map { "\($0.recipient) \($0.rule.rawValue) \($0.employeeNo ?? "-") \($0.subject) \($0.day)" }
    }

    @Test("plan_stage_due: 90, 30 and 7 days before the due day, not 89 or 91, to the member and B1's manager")
    func due() async throws {
        try await withTestDatabase { db in
            try await Self.create(db)
            let expected = ["E002 plan_stage_due E002 基礎期 2025-03-31", "E007 plan_stage_due E002 基礎期 2025-03-31"]
            for day in ["2024-12-31", "2025-03-01", "2025-03-24"] {
                #expect(try await dryRun(db, day) == expected, "\(day)")
            }
            for day in ["2024-12-30", "2025-01-01", "2025-02-28", "2025-03-02", "2025-03-23", "2025-03-25", "2025-03-31"] {
                #expect(try await dryRun(db, day) == [], "\(day)")
            }
        }
    }

    @Test("plan_stage_behind: the day after the due day only, to the member, B1's manager and hr")
    func behind() async throws {
        try await withTestDatabase { db in
            try await Self.create(db)
            #expect(
                try await dryRun(db, "2025-04-01") == [
                    "E001 plan_stage_behind E002 基礎期 2025-03-31", "E002 plan_stage_behind E002 基礎期 2025-03-31",
                    "E007 plan_stage_behind E002 基礎期 2025-03-31",
                ])
            #expect(try await dryRun(db, "2025-04-02") == [])
            // Once E002 holds FE and L-SEC 2 before the due day, the stage is met: nothing, before or after.
            try await Fixture.load(
                .certifications, "employee_no,cert_code,acquired_on,expires_on\nE002,FE,2025-03-30,\n", into: db.owner)
            try await Fixture.load(
                .assessments, "employee_no,skill_code,level,assessed_on,assessor\nE002,L-SEC,2,2025-03-31,E007\n",
                into: db.owner)
            #expect(try await dryRun(db, "2025-04-01") == [])
            #expect(
                try await dryRun(db, "2025-03-24") == [
                    "E002 plan_stage_due E002 基礎期 2025-03-31", "E007 plan_stage_due E002 基礎期 2025-03-31",
                ])
        }
    }
}
