import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsDemo

/// The demo's claims and self-assessments: every state, through the workflow's own deciders.
@Suite("Demo claims")
struct DemoClaimsTests {
    @Test("claims in every state fill the manager's 承認待ち and hr's 確認待ち; the confirmed one is a training record")
    func everyState() async throws {
        try await withTestDatabase { db in
            // setup: the demo city as `admin demo` loads it, up to its users
            let city = DemoCity()
            let tenant = city.tenantCode
            try await Administration.createTenant(code: tenant, name: city.tenantName, database: db.owner)
            for snapshot in city.snapshots() {
                try await Fixture.load(.units, snapshot.unitsCSV, into: db.owner, tenant: tenant)
                try await Fixture.load(.staff, snapshot.staffCSV, into: db.owner, tenant: tenant)
            }
            let skills = DemoSkills(city: city)
            for (kind, csv) in [(ImportKind.courses, skills.coursesCSV), (.training, skills.trainingCSV)] {
                try await Fixture.load(kind, csv, into: db.owner, tenant: tenant)
            }
            for user in city.users() {
                try await Administration.addUser(
                    tenant: tenant, name: user.name, role: user.role, unitCode: user.unitCode, employeeNo: user.employeeNo,
                    database: db.owner)
            }
            // act
            let today = Day(iso: "2026-12-02")!
            let summary = try await DemoClaims(tenant: tenant, users: city.users()).load(into: db.owner, today: today)
            // assert
            #expect(summary.claims == [.submitted: 3, .approved: 1, .confirmed: 1, .returned: 1, .withdrawn: 1])
            #expect(summary.selfAssessments == 12)
            let users = Dictionary(uniqueKeysWithValues: city.users().map { ($0.name, $0) })
            func queue(_ name: String) async throws -> [Claim] {
                let user = users[name]!
                let principal = Principal(
                    tenant: tenant, userName: name, role: user.role, unitCode: user.unitCode, employeeNo: user.employeeNo)
                return try await db.app.transaction(TenantContext(principal, requestID: nil)) { connection in
                    try await Claims.list(state: nil, principal: principal, connection: connection, logger: db.app.logger)
                }
            }
            let manager = try await queue("manager1")
            #expect(manager.count >= 2 && manager.allSatisfy { $0.state == .submitted })
            let hr = try await queue("hr1")
            #expect(hr.contains { $0.state == .approved })
            let own = try await queue("staff1")
            #expect(own.map(\.submittedBy) == ["staff1"])
            let confirmed = try await db.owner.strings(
                TenantContext(tenant: tenant, actor: "test"),
                """
                SELECT t.employee_no || ' ' || c.title FROM training_records t JOIN courses c ON c.code = t.course_code
                WHERE t.claim_id IS NOT NULL
                """)
            #expect(confirmed.count == 1 && confirmed[0].hasSuffix(" マナビDX 生成AI活用講座"))
            #expect(EvidenceRules.mediaType(of: DemoClaims.pdf) == "application/pdf")
        }
    }
}
