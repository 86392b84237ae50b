import DXSkillsCore
import DXSkillsTestSupport
import Testing

@testable import DXSkillsDemo

/// The demo city's career path templates and plans, against the career-plan report of Core.
@Suite("Demo career plans")
struct DemoCareerPlansTests {
    @Test("the demo city's templates and plans load, and every information-track staff member is listed once or per plan")
    func demo() async throws {
        try await withTestDatabase { db in
            let city = DemoCity(staff: 120, seed: 3)
            try await Administration.createTenant(code: city.tenantCode, name: city.tenantName, database: db.owner)
            let context = TenantContext(tenant: city.tenantCode, actor: "demo")
            for snapshot in city.snapshots() {
                try await Fixture.load(.units, snapshot.unitsCSV, into: db.owner, tenant: city.tenantCode)
                try await Fixture.load(.staff, snapshot.staffCSV, into: db.owner, tenant: city.tenantCode)
            }
            let skills = DemoSkills(city: city, seed: 3)
            for (kind, csv) in [
                (ImportKind.courses, skills.coursesCSV), (.training, skills.trainingCSV),
                (.certifications, skills.certificationsCSV), (.assessments, skills.assessmentsCSV),
            ] {
                try await Fixture.load(kind, csv, into: db.owner, tenant: city.tenantCode)
            }
            let demo = DemoCareerPlans(city: city, seed: 3)
            let summary = try await demo.load(into: db.owner, context: context)
            #expect(summary.inserted == demo.plansCSV.split(separator: "\n").count - 1)
            #expect(summary.inserted > 0)
            #expect(DemoCareerPlans(city: city, seed: 3).plansCSV == demo.plansCSV)
            let plans = try await db.app.transaction(context) { connection in
                try await CareerPlanReport.run(
                    principal: Fixture.principal(.hr, tenant: city.tenantCode), asOf: Day(iso: "2026-06-01")!,
                    connection: connection, logger: db.app.logger)
            }
            let information = try await db.owner.count(
                context,
                """
                SELECT count(*)::int FROM staff WHERE job_track = 'information'
                  AND hired_on <= '2026-06-01' AND (retired_on IS NULL OR '2026-06-01' <= retired_on)
                """)
            #expect(Set(plans.map(\.employeeNo)).count == information)
            #expect(plans.filter { $0.status != .noPlan }.count <= summary.inserted)
        }
    }
}
