/// `import skills`: the tenant's own skills (a built-in code may be overridden).
enum SkillImport: SetImport {
    static let columns = [
        CSVColumn(name: "code", aliases: ["スキルコード"], required: true),
        CSVColumn(name: "name", aliases: ["スキル名"], required: true),
        CSVColumn(name: "category", aliases: ["分類"], required: false),
        CSVColumn(name: "framework", aliases: ["体系"], required: false),
    ]

    static let target = SetUpsert(
        table: "skills", key: [.init(name: "code", type: "text")],
        values: [
            .init(name: "name", type: "text"), .init(name: "category", type: "text"), .init(name: "framework", type: "text"),
            .init(name: "builtin", type: "boolean"),
        ])

    static func row(_ cells: inout CellReader, _ known: inout Void) -> [String]? {
        let code = cells.required("code")
        let name = cells.required("name")
        guard cells.issues.isEmpty, let code, let name else { return nil }
        return [code, name, cells.optional("category") ?? "", cells.optional("framework") ?? "own", "false"]
    }
}
