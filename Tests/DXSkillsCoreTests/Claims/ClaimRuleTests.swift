import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Claims: who may do what, and when")
struct ClaimRuleTests {
    @Test("a manager outside the claimant's unit chain on the claim's day gets 404, for the claim and its evidence")
    func outOfScopeIsNotFound() async throws {
        try await withTestDatabase { db in
            // setup: far manages K2; E003 is in S2 under B1.
            try await ClaimFixture.create(db)
            let claim = try await ClaimFixture.submit(db)
            let far = ClaimFixture.farManager
            // act
            let approve = await ClaimFixture.error { _ = try await ClaimFixture.approve(db, claim.id, as: far) }
            let back = await ClaimFixture.error { _ = try await ClaimFixture.returnClaim(db, claim.id, reason: "x", as: far) }
            let show = await ClaimFixture.error {
                _ = try await ClaimFixture.run(db, as: far) {
                    try await Claims.show(claim.id, principal: far, connection: $0, logger: db.app.logger)
                }
            }
            let list = try await ClaimFixture.run(db, as: far) {
                try await Claims.list(state: nil, principal: far, connection: $0, logger: db.app.logger)
            }
            // assert
            #expect(approve == .notFound("claim \(claim.id)"))
            #expect(back == .notFound("claim \(claim.id)"))
            #expect(show == .notFound("claim \(claim.id)"))
            #expect(list.isEmpty)
            #expect(try await db.owner.strings(Fixture.context(), "SELECT state FROM claims") == ["submitted"])
        }
    }

    @Test("the unit chain is that of the claim's day: a transfer later does not move the claim to the new unit's manager")
    func scopeOnTheClaimsDay() async throws {
        try await withTestDatabase { db in
            // setup: E003 moves from S2 to S3 (under K2) on 2025-10-01; the claim's day is 2025-06-01.
            try await ClaimFixture.create(db)
            try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.run(
                    "UPDATE assignments SET valid_to = '2025-09-30' WHERE employee_no = 'E003' AND is_primary",
                    logger: db.owner.logger)
                try await connection.run(
                    """
                    INSERT INTO assignments (tenant_id, employee_no, unit_code, valid_from)
                    VALUES ('\(unescaped: Fixture.tenant)', 'E003', 'S3', '2025-10-01')
                    """, logger: db.owner.logger)
            }
            let claim = try await ClaimFixture.submit(db)
            // act
            let far = await ClaimFixture.error { _ = try await ClaimFixture.approve(db, claim.id, as: ClaimFixture.farManager) }
            let approved = try await ClaimFixture.approve(db, claim.id)
            // assert
            #expect(far?.category == .notFound)
            #expect(approved.state == .approved)
        }
    }

    @Test("nobody decides their own claim: not a manager in its own scope, not hr")
    func noSelfDecision() async throws {
        try await withTestDatabase { db in
            // setup: mgr is E007 in B1, inside its own scope; an hr user who is E001.
            try await ClaimFixture.create(db)
            let own = try await ClaimFixture.submit(db, as: ClaimFixture.manager)
            let hrStaff = Principal(tenant: Fixture.tenant, userName: "hr2", role: .hr, unitCode: nil, employeeNo: "E001")
            let hrOwn = try await ClaimFixture.submit(db, as: hrStaff)
            // act
            let approve = await ClaimFixture.error { _ = try await ClaimFixture.approve(db, own.id) }
            let back = await ClaimFixture.error { _ = try await ClaimFixture.returnClaim(db, own.id, reason: "x") }
            _ = try await ClaimFixture.approve(db, hrOwn.id)
            let confirm = await ClaimFixture.error { _ = try await ClaimFixture.confirm(db, hrOwn.id, as: hrStaff) }
            // assert
            #expect(approve == .forbidden("nobody decides their own claim (claim \(own.id))"))
            #expect(back == .forbidden("nobody decides their own claim (claim \(own.id))"))
            #expect(confirm == .forbidden("nobody decides their own claim (claim \(hrOwn.id))"))
        }
    }

    @Test("a transition the states do not allow is a conflict naming the current state")
    func wrongTransitions() async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            let claim = try await ClaimFixture.submit(db)
            _ = try await ClaimFixture.approve(db, claim.id)
            // act
            let again = await ClaimFixture.error { _ = try await ClaimFixture.approve(db, claim.id) }
            let managerReturn = await ClaimFixture.error { _ = try await ClaimFixture.returnClaim(db, claim.id, reason: "x") }
            _ = try await ClaimFixture.confirm(db, claim.id)
            let withdraw = await ClaimFixture.error {
                _ = try await ClaimFixture.run(db, as: ClaimFixture.claimant) {
                    try await Claims.withdraw(claim.id, principal: ClaimFixture.claimant, connection: $0, logger: db.app.logger)
                }
            }
            let confirmAgain = await ClaimFixture.error { _ = try await ClaimFixture.confirm(db, claim.id) }
            let resubmit = await ClaimFixture.error {
                _ = try await ClaimFixture.run(db, as: ClaimFixture.claimant) {
                    try await Claims.resubmit(
                        claim.id, ClaimFixture.dx101, evidence: nil, principal: ClaimFixture.claimant, connection: $0,
                        logger: db.app.logger)
                }
            }
            // assert
            #expect(again == .conflict("claim \(claim.id) is approved: it cannot be approved"))
            #expect(managerReturn == .conflict("claim \(claim.id) is approved: it cannot be returned by its approver"))
            #expect(withdraw == .conflict("claim \(claim.id) is confirmed: it cannot be withdrawn"))
            #expect(confirmAgain == .conflict("claim \(claim.id) is confirmed: it cannot be confirmed"))
            #expect(resubmit == .conflict("claim \(claim.id) is confirmed: it cannot be edited and submitted again"))
            #expect(again?.category.status == 409)
        }
    }

    @Test("a withdrawn claim can no longer be approved; only the claimant withdraws")
    func withdrawal() async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            let claim = try await ClaimFixture.submit(db)
            let other = Fixture.principal(.staff, employeeNo: "E002")
            // act
            let byOther = await ClaimFixture.error {
                _ = try await ClaimFixture.run(db, as: other) {
                    try await Claims.withdraw(claim.id, principal: other, connection: $0, logger: db.app.logger)
                }
            }
            let withdrawn = try await ClaimFixture.run(db, as: ClaimFixture.claimant) {
                try await Claims.withdraw(claim.id, principal: ClaimFixture.claimant, connection: $0, logger: db.app.logger)
            }
            let approve = await ClaimFixture.error { _ = try await ClaimFixture.approve(db, claim.id) }
            // assert
            #expect(byOther == .notFound("claim \(claim.id)"))
            #expect(withdrawn.state == .withdrawn)
            #expect(approve == .conflict("claim \(claim.id) is withdrawn: it cannot be approved"))
        }
    }

    @Test("two approvers deciding at once: exactly one wins, the other sees the state the first left")
    func concurrentApprovals() async throws {
        try await withTestDatabase { db in
            // setup: mgr (B1) and mgr2 (K1) both hold S2.
            try await ClaimFixture.create(db)
            for _ in 0..<5 {
                let claim = try await ClaimFixture.submit(db)
                // act
                let outcomes = await withTaskGroup(of: DXSkillsError?.self) { group in
                    for approver in [ClaimFixture.manager, ClaimFixture.secondManager] {
                        group.addTask {
                            await ClaimFixture.error { _ = try await ClaimFixture.approve(db, claim.id, as: approver) }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                // assert
                #expect(outcomes.filter { $0 == nil }.count == 1)
                #expect(outcomes.compactMap { $0 } == [.conflict("claim \(claim.id) is approved: it cannot be approved")])
                #expect(
                    try await db.owner.count(
                        Fixture.context(), "SELECT count(*)::int FROM claim_events WHERE claim_id = \(claim.id)") == 2)
            }
        }
    }

    @Test("queues: a manager sees submitted claims of its scope, hr the approved ones, staff their own")
    func queues() async throws {
        try await withTestDatabase { db in
            // setup: one claim approved, one submitted.
            try await ClaimFixture.create(db)
            let first = try await ClaimFixture.submit(db)
            let second = try await ClaimFixture.submit(
                db, .certification(cert: "SG", acquiredOn: ClaimFixture.day))
            _ = try await ClaimFixture.approve(db, first.id)
            func ids(_ principal: Principal, _ state: ClaimState? = nil) async throws -> [Int] {
                try await ClaimFixture.run(db, as: principal) {
                    try await Claims.list(state: state, principal: principal, connection: $0, logger: db.app.logger).map(\.id)
                }
            }
            // act, assert
            #expect(try await ids(ClaimFixture.manager) == [second.id])
            #expect(try await ids(ClaimFixture.hr) == [first.id])
            #expect(try await ids(ClaimFixture.claimant) == [first.id, second.id])
            #expect(try await ids(ClaimFixture.claimant, .approved) == [first.id])
            #expect(try await ids(Fixture.principal(.staff, employeeNo: "E002")) == [])
        }
    }
}
