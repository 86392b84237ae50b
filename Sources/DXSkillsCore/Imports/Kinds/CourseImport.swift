/// `import courses`: the course catalog and the skill levels each course grants.
enum CourseImport: GrantingImport {
    static let columns = [
        CSVColumn(name: "code", aliases: ["研修コード"], required: true),
        CSVColumn(name: "title", aliases: ["研修名"], required: true),
        CSVColumn(name: "hours", aliases: ["時間"], required: false),
        CSVColumn(name: "provider", aliases: ["実施機関"], required: false),
        CSVColumn(name: "delivery", aliases: ["形式"], required: false),
        CSVColumn(name: "pass_score", aliases: ["合格点"], required: false),
        CSVColumn(name: "skills", aliases: ["付与スキル"], required: false),
    ]

    static let target = SetUpsert(
        table: "courses", key: [.init(name: "code", type: "text")],
        values: [
            .init(name: "title", type: "text"), .init(name: "hours", type: "numeric"), .init(name: "provider", type: "text"),
            .init(name: "delivery", type: "text"), .init(name: "pass_score", type: "integer"),
        ])
    static let grants = (table: "course_skills", ownerColumn: "course_code")

    static func row(_ cells: inout CellReader, _ skills: inout Set<String>) -> GrantingRow? {
        let code = cells.required("code")
        let title = cells.required("title")
        let hours = cells.hours("hours")
        let delivery = cells.labeled("delivery", as: Delivery.self, default: .classroom)
        let passScore = cells.integer("pass_score", in: 0...100)
        let granted = cells.skillLevels("skills", known: skills)
        guard cells.issues.isEmpty, let code, let title, let delivery else { return nil }
        return GrantingRow(
            cells: [
                code, title, hours ?? "0", cells.optional("provider") ?? "", delivery.rawValue,
                passScore.map(String.init) ?? "",
            ], grants: granted)
    }
}
