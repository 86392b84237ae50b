import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCore

/// Transfer impact (reference §4.7) with the targets of TargetsReportTests.
@Suite("Transfer impact")
struct TransferImpactTests {
    func setUp(_ db: TestDatabase) async throws {
        try await SkillFixture.create(db.owner)
        try await Fixture.load(.designations, LeaderCoverageTests.designations, into: db.owner)
        let document = try JSONDecoder().decode(TargetDocument.self, from: Data(TargetsReportTests.document.utf8))
        try await db.owner.transaction(Fixture.context()) { connection in
            try await Targets.set(document, connection: connection, context: Fixture.context(), logger: db.owner.logger)
        }
    }

    func footprint(_ db: TestDatabase) async throws -> [Int] {
        [
            try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM assignments"),
            try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM audit_log"),
            try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM staff WHERE retired_on IS NOT NULL"),
        ]
    }

    @Test("moving a section's only leader: the status changes and the leader leaving, with nothing written")
    func movingTheLeader() async throws {
        try await withTestDatabase { db in
            try await setUp(db)
            let before = try await footprint(db)
            let file = Array("employee_no,unit_code,effective_on\nE001,S3,2025-04-01\n".utf8)
            let impact = try await Transfers.impact(
                file, fiscalYear: nil, principal: Fixture.principal(.hr), database: db.app, requestID: nil)
            // S1 loses its only leader; K2 gains E001's DX-101 (1/1); B1 drops to 1/3 on L-SEC.
            #expect(
                impact.changes.map { "\($0.targetIndex) \($0.unitCode ?? "-") \($0.before)→\($0.after)" } == [
                    "0 S1 true→false", "2 K2 false→true", "4 B1 true→false",
                ])
            #expect(impact.leadersLeaving == [LeaderLeaving(employeeNo: "E001", unitCode: "S1", role: "leader")])
            #expect(impact.fiscalYear == 2025)
            #expect(try await footprint(db) == before)
        }
    }

    @Test("a leader moving within the subtree of the unit they lead does not leave it; one moving out does")
    func movingWithinTheSubtree() async throws {
        try await withTestDatabase { db in
            try await setUp(db)
            // E007 (部長, in B1) leads B1 itself; S1 and S2 lie below B1, S3 does not.
            try await Fixture.load(
                .designations, "employee_no,unit_code,role,term_start,term_end,working_group\nE007,B1,leader,2025-04-01,,\n",
                into: db.owner)
            let within = try await Transfers.impact(
                Array("employee_no,unit_code,effective_on\nE007,S1,2025-04-01\n".utf8), fiscalYear: nil,
                principal: Fixture.principal(.hr), database: db.app, requestID: nil)
            #expect(within.leadersLeaving == [])
            let out = try await Transfers.impact(
                Array("employee_no,unit_code,effective_on\nE007,S3,2025-04-01\nE002,S1,2025-04-01\n".utf8), fiscalYear: nil,
                principal: Fixture.principal(.hr), database: db.app, requestID: nil)
            // E002 leads S2 and moves to its sibling S1: that leaves S2's subtree too.
            #expect(
                out.leadersLeaving == [
                    LeaderLeaving(employeeNo: "E002", unitCode: "S2", role: "leader"),
                    LeaderLeaving(employeeNo: "E007", unitCode: "B1", role: "leader"),
                ])
        }
    }

    @Test("retiring staff: a leader retiring leaves; apply then carries it out for real")
    func retiring() async throws {
        try await withTestDatabase { db in
            try await setUp(db)
            let file = Array("employee_no,unit_code,effective_on\nE002,退職,2025-04-01\n".utf8)
            let impact = try await Transfers.impact(
                file, fiscalYear: 2025, principal: Fixture.principal(.hr), database: db.app, requestID: nil)
            #expect(impact.changes.map { "\($0.targetIndex) \($0.unitCode ?? "-")" } == ["0 S2"])
            #expect(impact.leadersLeaving.map(\.employeeNo) == ["E002"])
            let applied = try await Transfers.apply(file, principal: Fixture.principal(.hr), database: db.app, requestID: nil)
            #expect(applied == 1)
            #expect(
                try await db.owner.strings(Fixture.context(), "SELECT retired_on::text FROM staff WHERE employee_no = 'E002'")
                    == ["2025-03-31"])
        }
    }

    @Test("a bad transfers file is refused row by row")
    func badFile() async throws {
        try await withTestDatabase { db in
            try await setUp(db)
            let found = await rowIssues {
                _ = try await Transfers.impact(
                    Array(
                        "employee_no,unit_code,effective_on\nE999,S1,2025-04-01\nE001,S4,2025-04-01\nE003,S1,2025-05-01\n".utf8),
                    fiscalYear: nil, principal: Fixture.principal(.hr), database: db.app, requestID: nil)
            }
            #expect(found.map { "\($0.line) \($0.column ?? "-")" } == ["2 employee_no", "3 unit_code", "4 effective_on"])
        }
    }
}
