import PostgresNIO

/// `import training`: 受講記録, keyed by employee, course and completion day.
enum TrainingImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "course_code", aliases: ["研修コード"], required: true),
        CSVColumn(name: "completed_on", aliases: ["修了日"], required: true),
        CSVColumn(name: "status", aliases: ["状態"], required: false),
        CSVColumn(name: "score", aliases: ["得点"], required: false),
        CSVColumn(name: "hours", aliases: ["時間"], required: false),
    ]

    static func run(
        _ table: CSVTable, summary: inout ImportSummary, connection: PostgresConnection, context: TenantContext, logger: Logger
    )
        async throws
    {
        let staff = try await codes("SELECT employee_no FROM staff", connection: connection, logger: logger)
        let courses = try await codes("SELECT code FROM courses", connection: connection, logger: logger)
        var issues: [CSVIssue] = []
        var duplicates = DuplicateCheck<[String], [String]>()
        var rows: [[String]] = []
        rows.reserveCapacity(table.records.count)
        for record in table.records {
            var cells = CellReader(record)
            let employee = cells.required("employee_no")
            let course = cells.required("course_code")
            let day = cells.date("completed_on", required: true)
            let status = cells.labeled("status", as: TrainingStatus.self, default: .completed)
            let score = cells.integer("score", in: 0...100)
            let hours = cells.hours("hours")
            if let employee, !staff.contains(employee) { cells.fail("employee_no", employee, "unknown employee") }
            if let course, !courses.contains(course) { cells.fail("course_code", course, "unknown course") }
            issues += cells.issues
            guard cells.issues.isEmpty, let employee, let course, let day, let status else { continue }
            let row = [employee, course, day.description, status.rawValue, score.map(String.init) ?? "", hours ?? ""]
            if duplicates.admit(
                [employee, course, day.description], row, line: record.line, describe: "\(employee) \(course) \(day)",
                issues: &issues)
            {
                rows.append(row)
            }
        }
        try requireNoIssues(issues)
        try await SetUpsert(
            table: "training_records",
            key: [
                .init(name: "employee_no", type: "text"), .init(name: "course_code", type: "text"),
                .init(name: "completed_on", type: "date"),
            ],
            values: [
                .init(name: "status", type: "text"), .init(name: "score", type: "integer"), .init(name: "hours", type: "numeric"),
            ]
        ).run(rows, summary: &summary, connection: connection, context: context, logger: logger)
    }
}

/// `import certifications`: holdings (資格取得), keyed by employee, certification and acquisition day.
enum CertificationImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "cert_code", aliases: ["資格コード"], required: true),
        CSVColumn(name: "acquired_on", aliases: ["取得日"], required: true),
        CSVColumn(name: "expires_on", aliases: ["有効期限"], required: false),
    ]

    static func run(
        _ table: CSVTable, summary: inout ImportSummary, connection: PostgresConnection, context: TenantContext, logger: Logger
    )
        async throws
    {
        let staff = try await codes("SELECT employee_no FROM staff", connection: connection, logger: logger)
        let certifications = try await codes("SELECT code FROM certifications", connection: connection, logger: logger)
        var issues: [CSVIssue] = []
        var duplicates = DuplicateCheck<[String], [String]>()
        var rows: [[String]] = []
        for record in table.records {
            var cells = CellReader(record)
            let employee = cells.required("employee_no")
            let cert = cells.required("cert_code")
            let acquired = cells.date("acquired_on", required: true)
            let expires = cells.date("expires_on", required: false)
            if let employee, !staff.contains(employee) { cells.fail("employee_no", employee, "unknown employee") }
            if let cert, !certifications.contains(cert) { cells.fail("cert_code", cert, "unknown certification") }
            if let acquired, let expires, expires < acquired {
                cells.fail("expires_on", expires.description, "is before acquired_on \(acquired)")
            }
            issues += cells.issues
            guard cells.issues.isEmpty, let employee, let cert, let acquired else { continue }
            let row = [employee, cert, acquired.description, expires?.description ?? ""]
            if duplicates.admit(
                [employee, cert, acquired.description], row, line: record.line, describe: "\(employee) \(cert) \(acquired)",
                issues: &issues)
            {
                rows.append(row)
            }
        }
        try requireNoIssues(issues)
        try await SetUpsert(
            table: "cert_holdings",
            key: [
                .init(name: "employee_no", type: "text"), .init(name: "cert_code", type: "text"),
                .init(name: "acquired_on", type: "date"),
            ],
            values: [.init(name: "expires_on", type: "date")]
        ).run(rows, summary: &summary, connection: connection, context: context, logger: logger)
    }
}

/// `import assessments`: スキル評価. A manager may assess only staff assigned in its subtree on the day.
enum AssessmentImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "skill_code", aliases: ["スキルコード"], required: true),
        CSVColumn(name: "level", aliases: ["レベル"], required: true),
        CSVColumn(name: "assessed_on", aliases: ["評価日"], required: true),
        CSVColumn(name: "assessor", aliases: ["評価者"], required: false),
    ]

    static func run(
        _ table: CSVTable, scope: Scope, summary: inout ImportSummary, connection: PostgresConnection, context: TenantContext,
        logger: Logger
    ) async throws {
        let staff = try await codes("SELECT employee_no FROM staff", connection: connection, logger: logger)
        let skills = try await codes("SELECT code FROM skills", connection: connection, logger: logger)
        var inScope: Set<String>?
        if case .subtree(let root) = scope {
            // Staff assigned in the subtree on any day: the day itself is checked row by row below.
            inScope = try await codes(
                """
                SELECT DISTINCT a.employee_no || '|' || a.valid_from || '|' || coalesce(a.valid_to::text, '')
                FROM assignments a JOIN unit_subtree(\(root)) t ON t.code = a.unit_code WHERE a.is_primary
                """, connection: connection, logger: logger)
        }
        let spans: [String: [(Day, Day?)]] = (inScope ?? []).reduce(into: [:]) { spans, entry in
            let parts = entry.split(separator: "|", omittingEmptySubsequences: false)
            spans[String(parts[0]), default: []].append((Day(iso: String(parts[1]))!, Day(iso: String(parts[2]))))
        }
        var issues: [CSVIssue] = []
        var duplicates = DuplicateCheck<[String], [String]>()
        var rows: [[String]] = []
        for record in table.records {
            var cells = CellReader(record)
            let employee = cells.required("employee_no")
            let skill = cells.required("skill_code")
            let level = cells.integer("level", in: SkillLevel.range, required: true)
            let day = cells.date("assessed_on", required: true)
            if let employee, !staff.contains(employee) { cells.fail("employee_no", employee, "unknown employee") }
            if let skill, !skills.contains(skill) { cells.fail("skill_code", skill, "unknown skill") }
            if inScope != nil, let employee, let day, staff.contains(employee),
                !(spans[employee] ?? []).contains(where: { $0.0 <= day && ($0.1.map { day <= $0 } ?? true) })
            {
                // Out of scope reads exactly like unknown: nothing about other units leaks.
                cells.fail("employee_no", employee, "unknown employee")
            }
            issues += cells.issues
            guard cells.issues.isEmpty, let employee, let skill, let level, let day else { continue }
            let row = [employee, skill, day.description, String(level), cells.optional("assessor") ?? context.actor]
            if duplicates.admit(
                [employee, skill, day.description], row, line: record.line, describe: "\(employee) \(skill) \(day)",
                issues: &issues)
            {
                rows.append(row)
            }
        }
        try requireNoIssues(issues)
        try await SetUpsert(
            table: "assessments",
            key: [
                .init(name: "employee_no", type: "text"), .init(name: "skill_code", type: "text"),
                .init(name: "assessed_on", type: "date"),
            ],
            values: [.init(name: "level", type: "smallint"), .init(name: "assessor", type: "text")]
        ).run(rows, summary: &summary, connection: connection, context: context, logger: logger)
    }
}
