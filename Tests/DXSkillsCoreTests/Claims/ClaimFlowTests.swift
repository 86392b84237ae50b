import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Claims: the workflow")
struct ClaimFlowTests {
    @Test("submit → approve → confirm writes the training record with the claim as source; Level counts it like an imported row")
    func confirmedClaimCountsInLevel() async throws {
        try await withTestDatabase { db in
            // setup: E003 has no DX-101, so L-SEC is 0; E001's imported DX-101 gives it L-SEC 1.
            try await ClaimFixture.create(db)
            let level =
                "SELECT coalesce(max(level), 0)::int FROM skill_levels('2025-06-30') WHERE skill_code = 'L-SEC' AND employee_no = "
            #expect(try await db.owner.count(Fixture.context(), "\(unescaped: level)'E003'") == 0)
            #expect(try await db.owner.count(Fixture.context(), "\(unescaped: level)'E001'") == 1)
            // act
            let submitted = try await ClaimFixture.submit(db)
            let approved = try await ClaimFixture.approve(db, submitted.id)
            let confirmed = try await ClaimFixture.confirm(db, submitted.id)
            // assert
            #expect([submitted.state, approved.state, confirmed.state] == [.submitted, .approved, .confirmed])
            #expect(confirmed.approvedBy == "mgr" && confirmed.confirmedBy == "hr1")
            #expect(confirmed.history.map(\.to) == [.submitted, .approved, .confirmed])
            #expect(confirmed.history.map(\.actor) == ["staff1", "mgr", "hr1"])
            #expect(confirmed.evidence.map(\.mediaType) == ["image/png"])
            #expect(try await db.owner.count(Fixture.context(), "\(unescaped: level)'E003'") == 1)
            #expect(
                try await db.owner.strings(
                    Fixture.context(),
                    "SELECT status || ' ' || claim_id FROM training_records WHERE employee_no = 'E003' AND course_code = 'DX-101'"
                )
                    == ["completed \(submitted.id)"])
            // Coverage of L-SEC ≥ 1 in 情報政策課 on 2025-06-30: E002 has none, E003 now has it.
            #expect(
                try await db.owner.count(
                    Fixture.context(),
                    """
                    SELECT count(*)::int FROM unit_members('S2', '2025-06-30') m
                    JOIN skill_levels('2025-06-30') l ON l.employee_no = m.employee_no AND l.skill_code = 'L-SEC' AND l.level >= 1
                    WHERE m.unit_code = 'S2'
                    """) == 1)
        }
    }

    @Test("a certification claim confirmed becomes a holding with the claim as source")
    func certificationClaim() async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            // act
            let claim = try await ClaimFixture.submit(
                db, .certification(cert: "SG", acquiredOn: ClaimFixture.day),
                evidence: [EvidenceUpload(fileName: "合格証.pdf", bytes: ClaimFixture.pdf)])
            _ = try await ClaimFixture.approve(db, claim.id)
            _ = try await ClaimFixture.confirm(db, claim.id)
            // assert
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT acquired_on::text || ' ' || claim_id FROM cert_holdings WHERE employee_no = 'E003'"
                )
                    == ["2025-06-01 \(claim.id)"])
        }
    }

    @Test("an external course joins the catalog under its code when the claim is confirmed")
    func externalCourse() async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            let details = ClaimDetails.training(
                course: "EXT-AWS", completedOn: ClaimFixture.day, hours: 6.5, title: "AWS入門", provider: "マナビDX")
            // act
            let claim = try await ClaimFixture.submit(db, details)
            _ = try await ClaimFixture.approve(db, claim.id)
            _ = try await ClaimFixture.confirm(db, claim.id)
            // assert
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT title || ' ' || provider || ' ' || hours FROM courses WHERE code = 'EXT-AWS'")
                    == ["AWS入門 マナビDX 6.50"])
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT hours::text FROM training_records WHERE course_code = 'EXT-AWS'")
                    == ["6.50"])
        }
    }

    @Test("a returned claim keeps its history, is edited and submitted again")
    func returnAndResubmit() async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            let claim = try await ClaimFixture.submit(db)
            // act
            let returned = try await ClaimFixture.returnClaim(db, claim.id, reason: "修了証の日付が読めません")
            let principal = ClaimFixture.claimant
            let edited = ClaimDetails.training(
                course: "DX-101", completedOn: Day(iso: "2025-06-02")!, hours: 3, title: nil, provider: nil)
            let resubmitted = try await ClaimFixture.run(db, as: principal) { connection in
                try await Claims.resubmit(
                    claim.id, edited, evidence: [EvidenceUpload(fileName: "scan.jpg", bytes: ClaimFixture.jpeg)],
                    principal: principal, connection: connection, logger: db.app.logger)
            }
            // assert
            #expect(returned.state == .returned && returned.returnReason == "修了証の日付が読めません")
            #expect(resubmitted.state == .submitted && resubmitted.returnReason == nil)
            #expect(resubmitted.details == edited)
            #expect(resubmitted.evidence.map(\.mediaType) == ["image/jpeg"])
            #expect(resubmitted.history.map(\.to) == [.submitted, .returned, .submitted])
            #expect(resubmitted.history.map(\.reason) == [nil, "修了証の日付が読めません", nil])
        }
    }

    @Test("a returned claim may be withdrawn: the reason stays in its history (found by Schemathesis as staff: it was a 500)")
    func returnThenWithdraw() async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            let claim = try await ClaimFixture.submit(db)
            _ = try await ClaimFixture.returnClaim(db, claim.id, reason: "証明書が添付されていません")
            // act
            let principal = ClaimFixture.claimant
            let withdrawn = try await ClaimFixture.run(db, as: principal) { connection in
                try await Claims.withdraw(claim.id, principal: principal, connection: connection, logger: db.app.logger)
            }
            // assert
            #expect(withdrawn.state == .withdrawn && withdrawn.returnReason == nil)
            #expect(withdrawn.history.map(\.to) == [.submitted, .returned, .withdrawn])
            #expect(withdrawn.history.map(\.reason) == [nil, "証明書が添付されていません", nil])
        }
    }

    @Test("hr confirms a submitted claim directly when the claimant has no manager, not when it has one")
    func hrConfirmsWithoutManager() async throws {
        try await withTestDatabase { db in
            // setup: no manager or evaluator users at all.
            try await ClaimFixture.create(db, managers: false)
            let claim = try await ClaimFixture.submit(db)
            // act
            let confirmed = try await ClaimFixture.confirm(db, claim.id)
            // assert
            #expect(confirmed.state == .confirmed && confirmed.approvedBy == nil)
            #expect(confirmed.history.map(\.to) == [.submitted, .confirmed])
        }
        try await withTestDatabase { db in
            // setup: mgr manages B1, which holds S2.
            try await ClaimFixture.create(db)
            let claim = try await ClaimFixture.submit(db)
            // act
            let error = await ClaimFixture.error { _ = try await ClaimFixture.confirm(db, claim.id) }
            // assert
            #expect(error?.category == .conflict)
            #expect("\(error!)".contains("is submitted"))
        }
    }

    @Test("confirming a claim that collides with an imported record is refused, naming that record")
    func collisionRefused() async throws {
        try await withTestDatabase { db in
            // setup: E001 imported DX-101 on 2025-03-15 (SkillFixture); S1 is under mgr's B1.
            try await ClaimFixture.create(db)
            let e001 = Principal(tenant: Fixture.tenant, userName: "E001", role: .staff, unitCode: nil, employeeNo: "E001")
            let details = ClaimDetails.training(
                course: "DX-101", completedOn: Day(iso: "2025-03-15")!, hours: nil, title: nil, provider: nil)
            let claim = try await ClaimFixture.submit(db, details, as: e001)
            _ = try await ClaimFixture.approve(db, claim.id)
            // act
            let error = await ClaimFixture.error { _ = try await ClaimFixture.confirm(db, claim.id) }
            // assert
            #expect(error?.category == .conflict)
            #expect("\(error!)".contains("training record E001 DX-101 2025-03-15 (imported)"))
            let state = try await db.owner.strings(Fixture.context(), "SELECT state FROM claims WHERE id = \(claim.id)")
            #expect(state == ["approved"])
        }
    }

    @Test("every step is audited, and evidence bytes never reach the audit log")
    func audited() async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            // act
            let claim = try await ClaimFixture.submit(db)
            _ = try await ClaimFixture.approve(db, claim.id)
            // assert
            let rows = try await db.owner.strings(
                Fixture.context(),
                "SELECT entity || ' ' || action || ' ' || actor FROM audit_log WHERE entity LIKE 'claim%' ORDER BY id")
            #expect(
                rows == [
                    "claims insert staff1", "claim_evidence insert staff1", "claim_events insert staff1", "claims update mgr",
                    "claim_events insert mgr",
                ])
            let leaked = try await db.owner.count(
                Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE after ? 'bytes' OR before ? 'bytes'")
            #expect(leaked == 0)
            let kept = try await db.owner.strings(
                Fixture.context(), "SELECT after ->> 'size' FROM audit_log WHERE entity = 'claim_evidence'")
            #expect(kept == ["12"])
        }
    }

    /// Coverage of every unit and skill, and completion of DX-101, for the whole tenant on a day.
    static func reports(_ db: TestDatabase, on day: String) async throws -> ([CoverageLine], [CompletionLine]) {
        try await ClaimFixture.run(db, as: ClaimFixture.hr) { connection in
            (
                try await CoverageReport.run(
                    principal: ClaimFixture.hr, unit: nil, kind: nil, skill: nil, level: 1, asOf: Day(iso: day)!,
                    connection: connection, logger: db.app.logger),
                try await CompletionReport.run(
                    principal: ClaimFixture.hr, course: "DX-101", unit: nil, kind: nil, fiscalYear: nil, asOf: Day(iso: day)!,
                    connection: connection, logger: db.app.logger)
            )
        }
    }

    @Test("a confirmed claim gives coverage and completion identical to the same row imported; before confirmation, none")
    func confirmedClaimEqualsImportedRow() async throws {
        try await withTestDatabase { claimed in
            try await withTestDatabase { imported in
                // setup: the same city twice
                try await ClaimFixture.create(claimed)
                try await ClaimFixture.create(imported)
                let before = try await Self.reports(claimed, on: "2025-06-30")
                #expect(try await Self.reports(imported, on: "2025-06-30") == before)
                // act: E003's DX-101 of 2025-06-01 with 2.5 hours, claimed and approved in one, imported in the other
                let details = ClaimDetails.training(
                    course: "DX-101", completedOn: ClaimFixture.day, hours: 2.5, title: nil, provider: nil)
                let id = try await ClaimFixture.submit(claimed, details).id
                _ = try await ClaimFixture.approve(claimed, id)
                #expect(try await Self.reports(claimed, on: "2025-06-30") == before, "an approved claim counts nowhere")
                _ = try await ClaimFixture.confirm(claimed, id)
                try await Fixture.load(
                    .training, "employee_no,course_code,completed_on,status,score,hours\nE003,DX-101,2025-06-01,completed,,2.5\n",
                    into: imported.owner)
                // assert: every line of both reports, on the day and before it
                let after = try await Self.reports(claimed, on: "2025-06-30")
                #expect(after != before)
                #expect(try await Self.reports(imported, on: "2025-06-30") == after)
                #expect(try await Self.reports(claimed, on: "2025-05-31") == Self.reports(imported, on: "2025-05-31"))
                let row =
                    "SELECT concat_ws(' ', employee_no, course_code, completed_on, status, hours) FROM training_records WHERE employee_no = 'E003' ORDER BY 1"
                #expect(
                    try await claimed.owner.strings(Fixture.context(), "\(unescaped: row)")
                        == imported.owner.strings(Fixture.context(), "\(unescaped: row)"))
            }
        }
    }
}
