import DXSkillsTestSupport
import Testing

@testable import DXSkillsCore

/// `import roles` (reference §6) on the small fixture. Its users: E001–E004, E006 and E007 (the
/// staff import makes one per staff member in service; E005 retired on 2025-03-31), and the ones a
/// test adds: admin1 (admin, no staff record) and hr1 (hr, linked to E004), both granted from today.
@Suite("Role grant import")
struct RoleImportTests {
    static let header = "employee_no,user,role,unit_code,valid_from,valid_to\n"

    /// The fixture with admin1 and hr1.
    func setUp(_ db: TestDatabase) async throws {
        try await Fixture.create(db.owner)
        try await Administration.addUser(
            tenant: Fixture.tenant, name: "admin1", role: .admin, unitCode: nil, employeeNo: nil, database: db.owner)
        try await Administration.addUser(
            tenant: Fixture.tenant, name: "hr1", role: .hr, unitCode: nil, employeeNo: "E004", database: db.owner)
    }

    static let hr = Principal(tenant: Fixture.tenant, userName: "hr1", role: .hr, unitCode: nil, employeeNo: "E004")
    static let admin = Principal(tenant: Fixture.tenant, userName: "admin1", role: .admin, unitCode: nil, employeeNo: nil)
    /// A day after the grants admin1 and hr1 hold from today.
    static var later: Day { Day.today().adding(days: 30) }

    /// A roles file imported by `caller` as the service does it: as dxskills_app, under the grants' guard.
    @discardableResult
    func load(_ csv: String, as caller: Principal, into db: TestDatabase, dryRun: Bool = false) async throws -> ImportSummary {
        try await Importer.run(
            .roles, bytes: Array(csv.utf8), options: .init(dryRun: dryRun), database: db.app,
            context: TenantContext(caller, requestID: nil), caller: caller)
    }

    /// Every stored grant as `user role [unit] from..to`.
    func grants(_ db: TestDatabase) async throws -> [String] {
        try await db.owner.strings(
            Fixture.context(),
            """
            SELECT user_name || ' ' || role || coalesce(' ' || unit_code, '') || ' ' || valid_from || '..'
                   || coalesce(valid_to::text, '') FROM role_grants ORDER BY user_name, valid_from
            """)
    }

    /// A user's rights on a day, from the database's own rule.
    func rights(_ db: TestDatabase, _ user: String, on day: String) async throws -> [String] {
        try await db.owner.strings(
            Fixture.context(),
            "SELECT role || coalesce(' ' || unit_code, '') FROM user_rights(\(user), \(Day(iso: day)!))")
    }

    @Test("each kind of bad row is reported at its line and column, every one at once, and nothing is written")
    func everyProblem() async throws {
        try await withTestDatabase { db in
            // setup: E002 is to be evaluator of S2 from October, a grant the bad file does not name.
            try await setUp(db)
            try await load(Self.header + "E002,,evaluator,S2,2025-10-01,\n", as: Self.hr, into: db)
            let before = try await grants(db)
            let csv =
                Self.header + """
                    E999,,manager,S1,2025-04-01,
                    E005,,staff,,2025-04-01,
                    ,nobody,hr,,2025-04-01,
                    E001,,manager,S9,2025-04-01,
                    E003,,manager,S4,2025-04-01,
                    E006,,hr,S1,2025-05-01,
                    E007,,evaluator,,2025-04-01,
                    E001,,manager,S1,2025-04-01,2025-03-01
                    E001,,manager,S1,2025-04-01,2025-09-30
                    E001,,evaluator,B1,2025-09-01,
                    E002,,manager,S2,2025-04-01,
                    E004,,staff,,2025-04-01,
                    ,hr1,hr,,2025-04-01,
                    ,admin1,admin,,2025-04-01,
                    E003,E003,staff,,2025-04-01,
                    ,,staff,,2025-04-01,
                    E003,,chief,,2025-04-01,
                    ,admin1,staff,,2025-06-01,
                    ,admin1,hr,,\(Self.later),

                    """

            // act
            let found = await rowIssues { try await load(csv, as: Self.hr, into: db) }

            // assert
            #expect(
                found.map { "\($0.line) \($0.column ?? "-") \($0.value ?? "-")" } == [
                    "2 employee_no E999",  // unknown employee
                    "3 valid_from 2025-04-01",  // E005 retired on 2025-03-31
                    "4 user nobody",  // unknown user
                    "5 unit_code S9",  // unknown unit
                    "6 unit_code S4",  // S4 ended on 2024-03-31
                    "7 unit_code S1",  // an hr grant has no unit
                    "8 unit_code -",  // an evaluator grant needs one
                    "9 valid_to 2025-03-01",  // before valid_from
                    "11 valid_from 2025-09-01",  // overlaps line 10, E001's grant to 2025-09-30
                    "12 valid_to -",  // open, and E002's stored grant begins on 2025-10-01
                    "13 employee_no E004",  // hr1's own staff member
                    "14 user hr1",  // hr1 itself
                    "15 role admin",  // hr grants no admin
                    "16 user E003",  // employee_no and user both
                    "17 employee_no -",  // neither
                    "18 role chief",  // no such role
                    "19 role staff",  // admin1 is linked to no staff member
                    "20 user admin1",  // would end admin1's admin grant
                ])
            let reasons = Dictionary(found.map { ($0.line, $0.reason) }, uniquingKeysWith: { a, _ in a })
            #expect(reasons[2] == "unknown employee")
            #expect(reasons[3] == "E005 retired on 2025-03-31, before this grant begins")
            #expect(reasons[6] == "unit S4 is valid from 2020-04-01 to 2024-03-31, not on valid_from 2025-04-01")
            #expect(reasons[11]?.hasPrefix("overlaps line 10 (E001 manager S1 from 2025-04-01 to 2025-09-30)") == true)
            #expect(
                reasons[12]?.hasPrefix(
                    "overlaps the stored grant E002 evaluator S2 from 2025-10-01 to (open), which begins later and is not in the file: end this grant by 2025-09-30"
                ) == true)
            #expect(reasons[13]?.hasPrefix("nobody may change their own grant") == true)
            #expect(reasons[14]?.hasPrefix("nobody may change their own grant") == true)
            #expect(reasons[15] == "only an admin may grant the role admin; ask an admin to import this row")
            #expect(reasons[18]?.contains("admin/管理者, hr/人事, manager/所属長, evaluator/評価者, staff/職員") == true)
            #expect(reasons[20]?.hasPrefix("would end the admin grant of admin1") == true)
            #expect(try await grants(db) == before)
        }
    }

    @Test("an April file moves a 課長: the old grant ends the day before the new one begins")
    func aprilMove() async throws {
        try await withTestDatabase { db in
            // setup: E001 is manager of S1 since 2024-04-01.
            try await setUp(db)
            try await load(Self.header + "E001,,manager,S1,2024-04-01,\n", as: Self.hr, into: db)

            // act: the April file, with Japanese headers, labels and a 和暦 date, moves E001 to S3.
            let summary = try await load("職員番号,権限,所属コード,開始日,終了日\nE001,所属長,S3,R7.4.1,\n", as: Self.hr, into: db)

            // assert
            #expect([summary.inserted, summary.updated, summary.unchanged, summary.transfers] == [1, 0, 0, 1])
            #expect(try await rights(db, "E001", on: "2025-03-31") == ["manager S1"])
            #expect(try await rights(db, "E001", on: "2025-04-01") == ["manager S3"])
            #expect(
                try await grants(db).filter { $0.hasPrefix("E001 ") } == [
                    "E001 manager S1 2024-04-01..2025-03-31", "E001 manager S3 2025-04-01..",
                ])
        }
    }

    @Test("the same file again writes nothing and no audit row; a changed row updates its grant in place")
    func repeatAndUpsert() async throws {
        try await withTestDatabase { db in
            // setup
            try await setUp(db)
            let csv =
                Self.header
                + "E001,,manager,S1,2024-04-01,2025-03-31\nE001,,manager,S3,2025-04-01,\n,E002,evaluator,S2,2025-04-01,\n"
            let first = try await load(csv, as: Self.hr, into: db)
            let audited = try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM audit_log")

            // act
            let again = try await load(csv, as: Self.hr, into: db)
            let changed = try await load(Self.header + "E001,,evaluator,S3,2025-04-01,2026-03-31\n", as: Self.hr, into: db)

            // assert: three new grants, then the same three unchanged and not one audit row; then one update.
            #expect([first.inserted, first.updated, first.unchanged, first.transfers] == [3, 0, 0, 0])
            #expect([again.inserted, again.updated, again.unchanged, again.transfers] == [0, 0, 3, 0])
            #expect([changed.inserted, changed.updated, changed.unchanged, changed.transfers] == [0, 1, 0, 0])
            #expect(
                try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM audit_log") == audited + 1)
            #expect(
                try await grants(db).filter { $0.hasPrefix("E00") } == [
                    "E001 manager S1 2024-04-01..2025-03-31", "E001 evaluator S3 2025-04-01..2026-03-31",
                    "E002 evaluator S2 2025-04-01..",
                ])
        }
    }

    @Test("a dry run counts what it would write and writes nothing")
    func dryRun() async throws {
        try await withTestDatabase { db in
            // setup
            try await setUp(db)
            try await load(Self.header + "E001,,manager,S1,2024-04-01,\n", as: Self.hr, into: db)
            let before = try await grants(db)

            // act
            let summary = try await load(Self.header + "E001,,manager,S3,2025-04-01,\n", as: Self.hr, into: db, dryRun: true)

            // assert
            #expect([summary.inserted, summary.transfers] == [1, 1])
            #expect(summary.dryRun)
            #expect(try await grants(db) == before)
        }
    }

    @Test("only an admin grants admin, nobody changes their own grant, and the database's guard says the same")
    func adminAndOwn() async throws {
        try await withTestDatabase { db in
            // setup
            try await setUp(db)
            let adminRow = Self.header + "E007,,admin,,\(Self.later),\n"

            // act
            let byHR = await rowIssues { try await load(adminRow, as: Self.hr, into: db) }
            let byAdmin = try await load(adminRow, as: Self.admin, into: db)
            let own = await rowIssues { try await load(Self.header + ",admin1,hr,,\(Self.later),\n", as: Self.admin, into: db) }
            let manager = Principal(tenant: Fixture.tenant, userName: "m1", role: .manager, unitCode: "B1", employeeNo: nil)
            var refused: DXSkillsError?
            do { try await load(Self.header + "E003,,staff,,2025-04-01,\n", as: manager, into: db) } catch let error
                as DXSkillsError
            {
                refused = error
            }
            // The guard, written to directly as the service by hr: no admin grant.
            let guardState = await AuditGuardTests.appState(
                db, TenantContext(Self.hr, requestID: nil),
                "INSERT INTO role_grants (tenant_id, user_name, role, valid_from) "
                    + "VALUES ('\(Fixture.tenant)', 'E006', 'admin', '\(Self.later)')")

            // assert
            #expect(byHR.map { "\($0.line) \($0.column ?? "-")" } == ["2 role"])
            #expect(byAdmin.inserted == 1)
            // E007 is staff until the day before.
            #expect(try await rights(db, "E007", on: Self.later.description) == ["admin"])
            #expect(try await rights(db, "E007", on: Self.later.adding(days: -1).description) == ["staff"])
            #expect(own.map { "\($0.line) \($0.column ?? "-") \($0.value ?? "-")" } == ["2 user admin1"])
            #expect(refused == .forbidden("role manager may not import roles"))
            #expect(!ImportKind.roles.allows(.manager) && ImportKind.roles.allows(.hr) && ImportKind.roles.allows(.admin))
            #expect(guardState == "42501")
        }
    }
}
