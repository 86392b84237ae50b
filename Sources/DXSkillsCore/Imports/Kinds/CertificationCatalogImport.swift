/// `import certification-catalog` (資格マスタ); a tenant's entry overrides a built-in one.
enum CertificationCatalogImport: GrantingImport {
    static let columns = [
        CSVColumn(name: "code", aliases: ["資格コード"], required: true),
        CSVColumn(name: "name", aliases: ["資格名"], required: true),
        CSVColumn(name: "valid_years", aliases: ["有効年数"], required: false),
        CSVColumn(name: "points", aliases: ["点数"], required: false),
        CSVColumn(name: "skills", aliases: ["付与スキル"], required: false),
    ]

    static let target = SetUpsert(
        table: "certifications", key: [.init(name: "code", type: "text")],
        values: [
            .init(name: "name", type: "text"), .init(name: "valid_years", type: "integer"),
            .init(name: "points", type: "integer"), .init(name: "builtin", type: "boolean"),
        ])
    static let grants = (table: "certification_skills", ownerColumn: "cert_code")

    static func row(_ cells: inout CellReader, _ skills: inout Set<String>) -> GrantingRow? {
        let code = cells.required("code")
        let name = cells.required("name")
        let years = cells.integer("valid_years", in: 1...99)
        let points = cells.integer("points", in: 0...10_000)
        let granted = cells.skillLevels("skills", known: skills)
        guard cells.issues.isEmpty, let code, let name else { return nil }
        return GrantingRow(cells: [code, name, years.map(String.init) ?? "", String(points ?? 0), "false"], grants: granted)
    }
}
