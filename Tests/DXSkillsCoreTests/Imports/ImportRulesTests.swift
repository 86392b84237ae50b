import DXSkillsTestSupport
import PostgresNIO
import Testing

@testable import DXSkillsCore

/// reference §3.1 rules, through the real importer and database.
@Suite("CSV import rules")
struct ImportRulesTests {
    func counts(_ db: TestDatabase) async throws -> [Int] {
        [
            try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM units"),
            try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM staff"),
            try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM assignments"),
        ]
    }

    func issues(_ body: () async throws -> Void) async -> [CSVIssue] { await rowIssues(body) }

    @Test("a Shift_JIS file with Japanese headers keeps 髙, 﨑 and ①")
    func shiftJIS() async throws {
        try await withTestDatabase { db in
            // setup: Japanese headers in another order, CRLF, CP932 bytes
            try await Administration.createTenant(code: Fixture.tenant, name: "テスト市", database: db.owner)
            let units = "所属名,所属コード,区分,上位所属コード,適用開始日\r\n窓口①係,S9,係,,2020-04-01\r\n"
            let staff = "職員番号,氏名,カナ,所属コード,発令日,採用日\r\nE1,髙橋　﨑子,タカハシ　サキコ,S9,2020-04-01,2020-04-01\r\n"
            let unitBytes = try #require(TextEncoder.encodeCP932(units))
            let staffBytes = try #require(TextEncoder.encodeCP932(staff))
            // act
            let unitSummary = try await Importer.run(
                .units, bytes: unitBytes, options: .init(), database: db.owner, context: Fixture.context())
            let staffSummary = try await Importer.run(
                .staff, bytes: staffBytes, options: .init(), database: db.owner, context: Fixture.context())
            // assert
            #expect(unitSummary.encoding == "sjis" && staffSummary.encoding == "sjis")
            #expect(try await db.owner.strings(Fixture.context(), "SELECT name FROM units") == ["窓口①係"])
            #expect(try await db.owner.strings(Fixture.context(), "SELECT name FROM staff") == ["髙橋　﨑子"])
        }
    }

    @Test("UTF-8 with BOM, quoted commas and newlines, and every date form")
    func bomQuotesAndDates() async throws {
        try await withTestDatabase { db in
            try await Administration.createTenant(code: Fixture.tenant, name: "テスト市", database: db.owner)
            let units =
                "\u{FEFF}code,name,kind,parent_code,valid_from,valid_to,it_department\n"
                + "K1,\"総務局,本庁\",局,,2020/4/1,,\n"
                + "S1,\"人事課\n(2行目)\",課,K1,R2.4.1,,○\n"
                + "S2,\"\"\"新\"\"課\",課,K1,H31.4.1,令和7年3月31日,×\n"
            let summary = try await Fixture.load(.units, units, into: db.owner)
            #expect(summary.encoding == "utf8" && summary.inserted == 3)
            let rows = try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.query(
                    "SELECT code, name, valid_from::text, coalesce(valid_to::text, ''), it_department FROM units ORDER BY code",
                    logger: db.owner.logger
                ).decode((String, String, String, String, Bool).self).collect()
            }
            #expect(rows.map(\.0) == ["K1", "S1", "S2"])
            #expect(rows.map(\.1) == ["総務局,本庁", "人事課\n(2行目)", "\"新\"課"])
            #expect(rows.map(\.2) == ["2020-04-01", "2020-04-01", "2019-04-01"])
            #expect(rows.map(\.3) == ["", "", "2025-03-31"])
            #expect(rows.map(\.4) == [false, true, false])
        }
    }

    @Test("a quoted newline moves the line numbers of the rows after it")
    func lineNumbersAfterQuotedNewline() async throws {
        try await withTestDatabase { db in
            try await Administration.createTenant(code: Fixture.tenant, name: "テスト市", database: db.owner)
            let units = "code,name,kind,valid_from\nK1,\"a\nb\",局,2020-04-01\nK2,x,局,2020-02-30\n"
            let found = await issues { try await Fixture.load(.units, units, into: db.owner) }
            #expect(found == [CSVIssue(line: 4, column: "valid_from", value: "2020-02-30", reason: found.first?.reason ?? "")])
            #expect(found.first?.reason.contains("not a date") == true)
            #expect(try await counts(db) == [0, 0, 0])
        }
    }

    @Test("each kind of bad input is reported with line and column, and nothing is written")
    func everyErrorKind() async throws {
        try await withTestDatabase { db in
            try await Administration.createTenant(code: Fixture.tenant, name: "テスト市", database: db.owner)
            try await Fixture.load(.units, Fixture.unitsCSV, into: db.owner)
            let header = "employee_no,name,job_track,employment_type,grade,unit_code,assigned_from,hired_on,retired_on\n"
            let cases: [(String, String, [CSVIssue])] = [
                (
                    "unknown column", "employee_no,name,unit_code,assigned_from,hired_on,shoe_size\n",
                    [
                        CSVIssue(line: 1, column: "shoe_size", value: nil, reason: "")
                    ]
                ),
                (
                    "missing required column", "employee_no,name,unit_code,assigned_from\nE1,x,S1,2020-04-01\n",
                    [
                        CSVIssue(line: 1, column: "hired_on", value: nil, reason: "")
                    ]
                ),
                (
                    "bad date", header + "E1,x,general,regular,,S1,2020-04-01,2020-13-01,\n",
                    [
                        CSVIssue(line: 2, column: "hired_on", value: "2020-13-01", reason: "")
                    ]
                ),
                (
                    "unknown enumeration", header + "E1,x,manager,regular,,S1,2020-04-01,2020-04-01,\n",
                    [
                        CSVIssue(line: 2, column: "job_track", value: "manager", reason: "")
                    ]
                ),
                (
                    "unknown unit", header + "E1,x,general,regular,,S99,2020-04-01,2020-04-01,\n",
                    [
                        CSVIssue(line: 2, column: "unit_code", value: "S99", reason: "")
                    ]
                ),
                (
                    "unknown grade", header + "E1,x,general,regular,社長,S1,2020-04-01,2020-04-01,\n",
                    [
                        CSVIssue(line: 2, column: "grade", value: "社長", reason: "")
                    ]
                ),
                (
                    "unit not valid on the day", header + "E1,x,general,regular,,S4,2024-04-01,2020-04-01,\n",
                    [
                        CSVIssue(line: 2, column: "assigned_from", value: "2024-04-01", reason: "")
                    ]
                ),
                (
                    "assigned before hired", header + "E1,x,general,regular,,S1,2020-04-01,2021-04-01,\n",
                    [
                        CSVIssue(line: 2, column: "assigned_from", value: "2020-04-01", reason: "")
                    ]
                ),
                (
                    "same key, different values",
                    header + "E1,x,general,regular,,S1,2020-04-01,2020-04-01,\nE2,y,general,regular,,S1,2020-04-01,2020-04-01,\n"
                        + "E1,z,general,regular,,S1,2020-04-01,2020-04-01,\n",
                    [
                        CSVIssue(line: 4, column: nil, value: "E1", reason: "")
                    ]
                ),
                (
                    "two bad rows, both reported",
                    header + "E1,x,alien,regular,,S1,2020-04-01,2020-04-01,\nE2,,general,regular,,S1,2020-04-01,2020-04-01,\n",
                    [
                        CSVIssue(line: 2, column: "job_track", value: "alien", reason: ""),
                        CSVIssue(line: 3, column: "name", value: nil, reason: ""),
                    ]
                ),
            ]
            for (name, csv, expected) in cases {
                let found = await issues { try await Fixture.load(.staff, csv, into: db.owner) }
                #expect(
                    found.map { [$0.line.description, $0.column ?? "-", $0.value ?? "-"] }
                        == expected.map { [$0.line.description, $0.column ?? "-", $0.value ?? "-"] }, "\(name)")
                #expect(found.allSatisfy { !$0.reason.isEmpty }, "\(name)")
            }
            #expect(try await counts(db) == [7, 0, 0])
        }
    }

    @Test("an unknown parent unit and a changed parent are refused")
    func unitParents() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let found = await issues {
                try await Fixture.load(
                    .units, "code,name,kind,parent_code,valid_from\nS5,x,課,B9,2020-04-01\nS1,人事課,課,K2,2020-04-01\n",
                    into: db.owner)
            }
            #expect(found.map(\.line) == [2, 3])
            #expect(found.map(\.column) == ["parent_code", "parent_code"])
            #expect(try await counts(db) == [7, 7, 7])
        }
    }

    @Test("a dry run reports the counts and writes nothing")
    func dryRun() async throws {
        try await withTestDatabase { db in
            try await Administration.createTenant(code: Fixture.tenant, name: "テスト市", database: db.owner)
            let summary = try await Fixture.load(.units, Fixture.unitsCSV, into: db.owner, options: .init(dryRun: true))
            #expect(summary.dryRun && summary.inserted == 7 && summary.rows == 7)
            #expect(try await counts(db) == [0, 0, 0])
        }
    }

    @Test("importing the same files again changes nothing and says so")
    func reimportIsNoop() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let units = try await Fixture.load(.units, Fixture.unitsCSV, into: db.owner)
            let staff = try await Fixture.load(.staff, Fixture.staffCSV, into: db.owner)
            #expect([units.inserted, units.updated, units.unchanged] == [0, 0, 7])
            #expect([staff.inserted, staff.updated, staff.unchanged, staff.transfers] == [0, 0, 7, 0])
            #expect(try await counts(db) == [7, 7, 7])
        }
    }

    @Test("a later snapshot with a new unit records a transfer; the old assignment ends the day before")
    func transferBySnapshot() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let moved = Fixture.staffCSV.replacingOccurrences(
                of: "E002,山﨑　花子,ヤマサキ　ハナコ,information,regular,主任,S2,2021-04-01",
                with: "E002,山﨑　花子,ヤマサキ　ハナコ,information,regular,主任,S1,2025-04-01")
            let summary = try await Fixture.load(.staff, moved, into: db.owner)
            #expect([summary.inserted, summary.updated, summary.transfers] == [0, 1, 1])
            let history = try await db.owner.strings(
                Fixture.context(),
                """
                SELECT unit_code || ' ' || valid_from || ' ' || coalesce(valid_to::text, '-')
                FROM assignments WHERE employee_no = 'E002' ORDER BY valid_from
                """)
            #expect(history == ["S2 2021-04-01 2025-03-31", "S1 2025-04-01 -"])
            // The same snapshot again changes nothing.
            let again = try await Fixture.load(.staff, moved, into: db.owner)
            #expect([again.updated, again.transfers] == [0, 0])
        }
    }

    @Test("a snapshot cannot move an assignment before the current one")
    func historyCannotBeRewritten() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let earlier = Fixture.staffCSV.replacingOccurrences(of: "S2,2021-04-01,2015-04-01", with: "S1,2020-05-01,2015-04-01")
            let found = await issues { try await Fixture.load(.staff, earlier, into: db.owner) }
            #expect(found.map(\.line) == [3])
            #expect(found.first?.reason.contains("cannot rewrite history") == true)
        }
    }
}
