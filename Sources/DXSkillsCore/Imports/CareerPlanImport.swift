import PostgresNIO

/// `import career-plans`: キャリアプラン, keyed by employee and template. Only information-track
/// staff (情報職) follow a career path template.
enum CareerPlanImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "template", aliases: ["キャリアパス"], required: true),
        CSVColumn(name: "start_on", aliases: ["開始日"], required: true),
    ]

    static func run(
        _ table: CSVTable, summary: inout ImportSummary, connection: PostgresConnection, context: TenantContext, logger: Logger
    ) async throws {
        var tracks: [String: String] = [:]
        for try await (employee, track) in try await connection.query(
            "SELECT employee_no, job_track FROM staff", logger: logger
        ).decode((String, String).self) {
            tracks[employee] = track
        }
        let templates = try await codes("SELECT code FROM career_templates", connection: connection, logger: logger)
        var issues: [CSVIssue] = []
        var duplicates = DuplicateCheck<[String], [String]>()
        var rows: [[String]] = []
        for record in table.records {
            var cells = CellReader(record)
            let employee = cells.required("employee_no")
            let template = cells.required("template")
            let start = cells.date("start_on", required: true)
            if let employee {
                if let track = tracks[employee] {
                    if track != JobTrack.information.rawValue {
                        let label = JobTrack(rawValue: track).map { "\(track)/\($0.japanese)" } ?? track
                        cells.fail(
                            "employee_no", employee,
                            "job track is \(label): only information-track staff (information/情報職) may have a career plan")
                    }
                } else {
                    cells.fail("employee_no", employee, "unknown employee")
                }
            }
            if let template, !templates.contains(template) {
                cells.fail("template", template, "unknown career path template (store it with `career-template set` first)")
            }
            issues += cells.issues
            guard cells.issues.isEmpty, let employee, let template, let start else { continue }
            let row = [employee, template, start.description]
            if duplicates.admit(
                [employee, template], row, line: record.line, describe: "\(employee) \(template)", issues: &issues)
            {
                rows.append(row)
            }
        }
        try requireNoIssues(issues)
        try await SetUpsert(
            table: "career_plans",
            key: [.init(name: "employee_no", type: "text"), .init(name: "template_code", type: "text")],
            values: [.init(name: "start_on", type: "date")]
        ).run(rows, summary: &summary, connection: connection, context: context, logger: logger)
    }
}
