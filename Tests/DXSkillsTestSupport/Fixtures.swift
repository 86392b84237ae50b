import DXSkillsCore

/// A small hand-made organization whose numbers the tests work out by hand.
///
///     K1 総務局 ─ B1 総務部 ─ S1 人事課
///                        └ S2 情報政策課 (IT)
///     K2 市民局 ─ S3 市民課
///              └ S4 旧窓口課 (ended 2024-03-31)
public enum Fixture {
    public static let tenant = "999991"
    public static let otherTenant = "999992"

    public static let unitsCSV = """
        code,name,kind,parent_code,valid_from,valid_to,it_department
        K1,総務局,局,,2020-04-01,,false
        B1,総務部,部,K1,2020-04-01,,false
        S1,人事課,課,B1,2020-04-01,,false
        S2,情報政策課,課,B1,2020-04-01,,true
        K2,市民局,局,,2020-04-01,,false
        S3,市民課,課,K2,2020-04-01,,false
        S4,旧窓口課,課,K2,2020-04-01,2024-03-31,false

        """

    /// E004 is 会計年度任用 (not counted by default); E005 retires 2025-03-31; E006 is hired 2025-05-01.
    public static let staffCSV = """
        employee_no,name,kana,job_track,employment_type,grade,unit_code,assigned_from,hired_on,retired_on
        E001,髙橋　一郎,タカハシ　イチロウ,general,regular,課長,S1,2020-04-01,2000-04-01,
        E002,山﨑　花子,ヤマサキ　ハナコ,information,regular,主任,S2,2021-04-01,2015-04-01,
        E003,佐藤　三郎,サトウ　サブロウ,general,fixed_term,主事,S2,2022-04-01,2022-04-01,
        E004,鈴木　四郎,スズキ　シロウ,general,fiscal_year,,S1,2024-04-01,2024-04-01,
        E005,田中　五郎,タナカ　ゴロウ,technical,regular,係長,S3,2020-04-01,1990-04-01,2025-03-31
        E006,伊藤　六子,イトウ　ムツコ,general,regular,主事,S3,2025-05-01,2025-05-01,
        E007,渡辺　七海,ワタナベ　ナナミ,general,regular,部長,B1,2020-04-01,1985-04-01,

        """

    public static func context(_ tenant: String = tenant, actor: String = "test", requestID: String? = nil) -> TenantContext {
        TenantContext(tenant: tenant, actor: actor, requestID: requestID)
    }

    /// Imports a CSV text as `kind` into a tenant.
    @discardableResult
    public static func load(
        _ kind: ImportKind, _ csv: String, into database: Database, tenant: String = tenant, options: ImportOptions = .init()
    ) async throws -> ImportSummary {
        // As hr: the staff import's users may be written only by hr and admin.
        try await Importer.run(
            kind, bytes: Array(csv.utf8), options: options, database: database,
            context: TenantContext(tenant: tenant, actor: "test", role: .hr))
    }

    /// The tenant with the units and staff above.
    public static func create(_ database: Database, tenant: String = tenant, name: String = "テスト市") async throws {
        try await Administration.createTenant(code: tenant, name: name, database: database)
        try await load(.units, unitsCSV, into: database, tenant: tenant)
        try await load(.staff, staffCSV, into: database, tenant: tenant)
    }

    /// A user of `tenant` and a one-day token for it, as `admin user add` and `admin token issue` make them.
    public static func userWithToken(
        _ name: String, role: Role, unit: String? = nil, employeeNo: String? = nil, tenant: String = tenant,
        database: Database
    ) async throws -> String {
        try await Administration.addUser(
            tenant: tenant, name: name, role: role, unitCode: unit, employeeNo: employeeNo, database: database)
        let context = context(tenant)
        return try await database.transaction(context) { connection in
            try await TokenStore.issue(
                user: name, expiresInDays: 1, connection: connection, context: context, logger: database.logger
            ).token
        }
    }

    public static func principal(_ role: Role, unit: String? = nil, employeeNo: String? = nil, tenant: String = tenant)
        -> Principal
    {
        Principal(tenant: tenant, userName: "\(role.rawValue)1", role: role, unitCode: unit, employeeNo: employeeNo)
    }
}

/// The row problems an import reports (empty when it succeeds); any other error becomes one issue at line 0.
public func rowIssues(_ body: () async throws -> Void) async -> [CSVIssue] {
    do {
        try await body()
        return []
    } catch DXSkillsError.invalidRows(let issues, _) {
        return issues
    } catch {
        return [CSVIssue(line: 0, column: nil, value: nil, .receivedText, ["text": "unexpected \(error)"])]
    }
}
