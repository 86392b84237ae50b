import DXSkillsTestSupport
import Testing

@testable import DXSkillsCore

/// Designations and leader coverage (reference §4.5) on the fixture.
@Suite("DX leaders")
struct LeaderCoverageTests {
    static let designations = TargetsFixture.designations

    /// E002 moves from S2 to S1 on 2025-04-01.
    static func transferE002(_ db: TestDatabase) async throws {
        try await Fixture.load(
            .staff,
            Fixture.staffCSV.replacingOccurrences(
                of: "E002,山﨑　花子,ヤマサキ　ハナコ,information,regular,主任,S2,2021-04-01",
                with: "E002,山﨑　花子,ヤマサキ　ハナコ,information,regular,主任,S1,2025-04-01"), into: db.owner)
    }

    func report(_ db: TestDatabase, on day: String) async throws -> [String] {
        try await db.app.transaction(Fixture.context()) { connection in
            try await LeaderCoverageReport.run(
                principal: Fixture.principal(.hr), unit: nil, asOf: Day(iso: day)!, connection: connection, logger: db.app.logger)
        }.map { line in
            "\(line.unitCode) L[\(line.leaders.joined(separator: ","))] S[\(line.subLeaders.joined(separator: ","))] W["
                + line.warnings.map { "\($0.employeeNo):\($0.reason.rawValue)" }.joined(separator: ",") + "]"
        }
    }

    @Test("a leader transferred out keeps the designation with a warning; retired and uncounted leaders warn")
    func afterTransfer() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let summary = try await Fixture.load(.designations, Self.designations, into: db.owner)
            #expect(summary.inserted == 5)
            #expect(
                try await report(db, on: "2025-03-31") == ["S1 L[] S[] W[]", "S2 L[E002] S[] W[]", "S3 L[E005] S[] W[]"])
            try await Self.transferE002(db)
            #expect(
                try await report(db, on: "2025-04-01") == [
                    "S1 L[E001] S[] W[E004:not_counted]", "S2 L[] S[E003] W[E002:moved_away]", "S3 L[] S[] W[E005:retired]",
                ])
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM designations") == 5)
        }
    }

    @Test("an open term runs to the end of its fiscal year")
    func openTerm() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.load(.designations, Self.designations, into: db.owner)
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT term_end::text FROM designations WHERE employee_no = 'E004'")
                    == ["2026-03-31"])
        }
    }

    @Test("designation rules: outside the subtree needs a reason; the term must fit the unit; end after start")
    func rules() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let header = "employee_no,unit_code,role,term_start,term_end,override_reason\n"
            let found = await rowIssues {
                try await Fixture.load(
                    .designations,
                    header + "E001,S3,leader,2025-04-01,2026-03-31,\nE003,S4,leader,2024-01-01,2024-12-31,\n"
                        + "E007,B1,leader,2025-04-01,2025-03-31,\nE006,S3,leader,2025-04-01,2026-03-31,\n",
                    into: db.owner)
            }
            #expect(
                found.map { "\($0.line) \($0.column ?? "-")" } == [
                    "2 unit_code", "3 term_end", "3 unit_code", "4 term_end", "5 term_start",
                ])
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM designations") == 0)
            let summary = try await Fixture.load(
                .designations, header + "E001,S3,leader,2025-04-01,2026-03-31,兼務のため\n", into: db.owner)
            #expect(summary.inserted == 1)
            #expect(
                try await db.owner.strings(Fixture.context(), "SELECT override_reason FROM designations") == ["兼務のため"])
        }
    }
}
