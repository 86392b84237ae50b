import PostgresNIO

/// `import career-plans`: キャリアプラン, keyed by employee and template. Only information-track
/// staff (情報職) follow a career path template.
enum CareerPlanImport: SetImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "template", aliases: ["キャリアパス"], required: true),
        CSVColumn(name: "start_on", aliases: ["開始日"], required: true),
    ]

    static let target = SetUpsert(
        table: "career_plans",
        key: [.init(name: "employee_no", type: "text"), .init(name: "template_code", type: "text")],
        values: [.init(name: "start_on", type: "date")])

    struct Known {
        /// Each staff member's job track.
        var tracks: [String: String] = [:]
        var templates: Set<String> = []
    }

    static func known(_ input: ImportInput) async throws -> Known {
        var known = Known()
        for try await (employee, track) in try await input.connection.query(
            "SELECT employee_no, job_track FROM staff", logger: input.logger
        ).decode((String, String).self) {
            known.tracks[employee] = track
        }
        known.templates = try await input.codes("SELECT code FROM career_templates")
        return known
    }

    static func row(_ cells: inout CellReader, _ known: inout Known) -> [String]? {
        let employee = cells.required("employee_no")
        let template = cells.required("template")
        let start = cells.date("start_on", required: true)
        if let employee {
            if let track = known.tracks[employee] {
                if track != JobTrack.information.rawValue {
                    let label = JobTrack(rawValue: track).map { "\(track)/\($0.japanese)" } ?? track
                    cells.fail(
                        "employee_no", employee,
                        .planNotInformationTrack, ["track": "\(label)"])
                }
            } else {
                cells.fail("employee_no", employee, .unknownEmployee)
            }
        }
        if let template, !known.templates.contains(template) {
            cells.fail("template", template, .unknownTemplateHint)
        }
        guard cells.issues.isEmpty, let employee, let template, let start else { return nil }
        return [employee, template, start.description]
    }
}
