import DXSkillsTestSupport
import Testing

@testable import DXSkillsCore

/// `claim_waiting` (reference §8) on `ClaimFixture`: E003 (S2) claims today; mgr manages B1 and
/// mgr2 K1, both above S2, so both may approve; far (K2) may not. hr9 confirms once approved.
/// The grants begin today, so the days checked are today's and later.
@Suite("Notification rule claim_waiting")
struct ClaimWaitingTests {
    func waiting(_ db: TestDatabase, _ day: Day) async throws -> [String] {
        try await db.app.transaction(Fixture.context()) { connection in
            try await Notifications.dryRun(tenant: Fixture.tenant, on: day, connection: connection, logger: db.app.logger)
        }.filter { $0.rule == .claimWaiting }.map { "\($0.recipient) \($0.employeeNo ?? "-") \($0.subject) \($0.day)" }
    }

    @Test("a claim waiting exactly 3 days reaches those who may decide it, again at 6; once approved, hr")
    func waitingClaims() async throws {
        try await withTestDatabase { db in
            try await ClaimFixture.create(db)
            try await Administration.addUser(
                tenant: Fixture.tenant, name: "hr9", role: .hr, unitCode: nil, employeeNo: nil, database: db.owner)
            let claim = try await ClaimFixture.submit(db)
            let today = Day.today()
            func at(_ days: Int) -> Day { today.adding(days: days) }
            #expect(try await waiting(db, at(2)) == [])
            #expect(try await waiting(db, at(3)) == ["mgr E003 \(claim.id) \(at(3))", "mgr2 E003 \(claim.id) \(at(3))"])
            #expect(try await waiting(db, at(4)) == [])
            #expect(try await waiting(db, at(6)) == ["mgr E003 \(claim.id) \(at(6))", "mgr2 E003 \(claim.id) \(at(6))"])
            _ = try await ClaimFixture.approve(db, claim.id)
            #expect(try await waiting(db, at(3)) == ["hr9 E003 \(claim.id) \(at(3))"])
            _ = try await ClaimFixture.confirm(db, claim.id)
            #expect(try await waiting(db, at(3)) == [])
        }
    }
}
