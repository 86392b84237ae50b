import PostgresNIO

/// Row problems found, or nothing: an import is all or nothing.
func requireNoIssues(_ issues: [CSVIssue]) throws {
    guard issues.isEmpty else { throw DXSkillsError.invalidRows(issues.sorted { $0.line < $1.line }) }
}

/// `import skills`: the tenant's own skills (a built-in code may be overridden).
enum SkillImport {
    static let columns = [
        CSVColumn(name: "code", aliases: ["スキルコード"], required: true),
        CSVColumn(name: "name", aliases: ["スキル名"], required: true),
        CSVColumn(name: "category", aliases: ["分類"], required: false),
        CSVColumn(name: "framework", aliases: ["体系"], required: false),
    ]

    static func run(
        _ table: CSVTable, summary: inout ImportSummary, connection: PostgresConnection, context: TenantContext, logger: Logger
    )
        async throws
    {
        var issues: [CSVIssue] = []
        var duplicates = DuplicateCheck<String, [String]>()
        var rows: [[String]] = []
        for record in table.records {
            var cells = CellReader(record)
            let code = cells.required("code")
            let name = cells.required("name")
            issues += cells.issues
            guard cells.issues.isEmpty, let code, let name else { continue }
            let row = [code, name, cells.optional("category") ?? "", cells.optional("framework") ?? "own", "false"]
            if duplicates.admit(code, row, line: record.line, describe: code, issues: &issues) { rows.append(row) }
        }
        try requireNoIssues(issues)
        try await SetUpsert(
            table: "skills", key: [.init(name: "code", type: "text")],
            values: [
                .init(name: "name", type: "text"), .init(name: "category", type: "text"), .init(name: "framework", type: "text"),
                .init(name: "builtin", type: "boolean"),
            ]
        ).run(rows, summary: &summary, connection: connection, context: context, logger: logger)
    }
}

/// The skill levels a course or certification grants, kept equal to the file's list.
enum GrantedSkills {
    static func replace(
        table: String, ownerColumn: String, grants: [(owner: String, skills: [(skill: String, level: Int)])],
        connection: PostgresConnection, context: TenantContext, logger: Logger
    ) async throws {
        guard !grants.isEmpty else { return }
        let pairs = grants.flatMap { grant in grant.skills.map { [grant.owner, $0.skill, String($0.level)] } }
        var ignored = ImportSummary(kind: .skills, rows: 0, encoding: .utf8, dryRun: false)
        try await SetUpsert(
            table: table, key: [.init(name: ownerColumn, type: "text"), .init(name: "skill_code", type: "text")],
            values: [.init(name: "level", type: "smallint")]
        ).run(pairs, summary: &ignored, connection: connection, context: context, logger: logger)
        var bindings = PostgresBindings()
        bindings.append(grants.map(\.owner))
        bindings.append(pairs.map { $0[0] + "\u{1F}" + $0[1] })
        try await connection.run(
            PostgresQuery(
                unsafeSQL: """
                    DELETE FROM \(table) WHERE \(ownerColumn) = ANY($1::text[])
                      AND NOT (\(ownerColumn) || chr(31) || skill_code = ANY($2::text[]))
                    """, binds: bindings), logger: logger)
    }
}

/// `import courses`.
enum CourseImport {
    static let columns = [
        CSVColumn(name: "code", aliases: ["研修コード"], required: true),
        CSVColumn(name: "title", aliases: ["研修名"], required: true),
        CSVColumn(name: "hours", aliases: ["時間"], required: false),
        CSVColumn(name: "provider", aliases: ["実施機関"], required: false),
        CSVColumn(name: "delivery", aliases: ["形式"], required: false),
        CSVColumn(name: "pass_score", aliases: ["合格点"], required: false),
        CSVColumn(name: "skills", aliases: ["付与スキル"], required: false),
    ]

    static func run(
        _ table: CSVTable, summary: inout ImportSummary, connection: PostgresConnection, context: TenantContext, logger: Logger
    )
        async throws
    {
        let skills = try await codes("SELECT code FROM skills", connection: connection, logger: logger)
        var issues: [CSVIssue] = []
        var duplicates = DuplicateCheck<String, [String]>()
        var rows: [[String]] = []
        var grants: [(owner: String, skills: [(skill: String, level: Int)])] = []
        for record in table.records {
            var cells = CellReader(record)
            let code = cells.required("code")
            let title = cells.required("title")
            let hours = cells.hours("hours")
            let delivery = cells.labeled("delivery", as: Delivery.self, default: .classroom)
            let passScore = cells.integer("pass_score", in: 0...100)
            let granted = cells.skillLevels("skills", known: skills)
            issues += cells.issues
            guard cells.issues.isEmpty, let code, let title, let delivery else { continue }
            let grantText = granted.map { "\($0.skill):\($0.level)" }.joined(separator: ";")
            let row = [
                code, title, hours ?? "0", cells.optional("provider") ?? "", delivery.rawValue, passScore.map(String.init) ?? "",
            ]
            if duplicates.admit(code, row + [grantText], line: record.line, describe: code, issues: &issues) {
                rows.append(row)
                grants.append((code, granted))
            }
        }
        try requireNoIssues(issues)
        try await SetUpsert(
            table: "courses", key: [.init(name: "code", type: "text")],
            values: [
                .init(name: "title", type: "text"), .init(name: "hours", type: "numeric"), .init(name: "provider", type: "text"),
                .init(name: "delivery", type: "text"), .init(name: "pass_score", type: "integer"),
            ]
        ).run(rows, summary: &summary, connection: connection, context: context, logger: logger)
        try await GrantedSkills.replace(
            table: "course_skills", ownerColumn: "course_code", grants: grants, connection: connection, context: context,
            logger: logger)
    }
}

/// `import certification-catalog` (資格マスタ); a tenant's entry overrides a built-in one.
enum CertificationCatalogImport {
    static let columns = [
        CSVColumn(name: "code", aliases: ["資格コード"], required: true),
        CSVColumn(name: "name", aliases: ["資格名"], required: true),
        CSVColumn(name: "valid_years", aliases: ["有効年数"], required: false),
        CSVColumn(name: "points", aliases: ["点数"], required: false),
        CSVColumn(name: "skills", aliases: ["付与スキル"], required: false),
    ]

    static func run(
        _ table: CSVTable, summary: inout ImportSummary, connection: PostgresConnection, context: TenantContext, logger: Logger
    )
        async throws
    {
        let skills = try await codes("SELECT code FROM skills", connection: connection, logger: logger)
        var issues: [CSVIssue] = []
        var duplicates = DuplicateCheck<String, [String]>()
        var rows: [[String]] = []
        var grants: [(owner: String, skills: [(skill: String, level: Int)])] = []
        for record in table.records {
            var cells = CellReader(record)
            let code = cells.required("code")
            let name = cells.required("name")
            let years = cells.integer("valid_years", in: 1...99)
            let points = cells.integer("points", in: 0...10_000)
            let granted = cells.skillLevels("skills", known: skills)
            issues += cells.issues
            guard cells.issues.isEmpty, let code, let name else { continue }
            let row = [code, name, years.map(String.init) ?? "", String(points ?? 0), "false"]
            let grantText = granted.map { "\($0.skill):\($0.level)" }.joined(separator: ";")
            if duplicates.admit(code, row + [grantText], line: record.line, describe: code, issues: &issues) {
                rows.append(row)
                grants.append((code, granted))
            }
        }
        try requireNoIssues(issues)
        try await SetUpsert(
            table: "certifications", key: [.init(name: "code", type: "text")],
            values: [
                .init(name: "name", type: "text"), .init(name: "valid_years", type: "integer"),
                .init(name: "points", type: "integer"), .init(name: "builtin", type: "boolean"),
            ]
        ).run(rows, summary: &summary, connection: connection, context: context, logger: logger)
        try await GrantedSkills.replace(
            table: "certification_skills", ownerColumn: "cert_code", grants: grants, connection: connection, context: context,
            logger: logger)
    }
}
