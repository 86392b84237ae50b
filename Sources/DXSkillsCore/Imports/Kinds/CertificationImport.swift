import PostgresNIO

/// `import certifications`: holdings (資格取得), keyed by employee, certification and acquisition day.
enum CertificationImport: SetImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "cert_code", aliases: ["資格コード"], required: true),
        CSVColumn(name: "acquired_on", aliases: ["取得日"], required: true),
        CSVColumn(name: "expires_on", aliases: ["有効期限"], required: false),
    ]

    static let target = SetUpsert(
        table: "cert_holdings",
        key: [
            .init(name: "employee_no", type: "text"), .init(name: "cert_code", type: "text"),
            .init(name: "acquired_on", type: "date"),
        ],
        values: [.init(name: "expires_on", type: "date")])

    struct Known {
        let staff: Set<String>
        let certifications: Set<String>
        let own: String?
    }

    static func known(_ input: ImportInput) async throws -> Known {
        Known(
            staff: try await input.codes("SELECT employee_no FROM staff"),
            certifications: try await input.codes("SELECT code FROM certifications"), own: input.own)
    }

    static func row(_ cells: inout CellReader, _ known: inout Known) -> [String]? {
        let employee = cells.required("employee_no")
        let cert = cells.required("cert_code")
        let acquired = cells.date("acquired_on", required: true)
        let expires = cells.date("expires_on", required: false)
        if let employee, !known.staff.contains(employee) { cells.fail("employee_no", employee, .unknownEmployee) }
        if let cert, !known.certifications.contains(cert) { cells.fail("cert_code", cert, .unknownCertification) }
        cells.refuseOwnEvidence(employee, own: known.own)
        if let acquired, let expires, expires < acquired {
            cells.fail("expires_on", expires.description, .beforeColumn, ["column": "acquired_on", "day": "\(acquired)"])
        }
        guard cells.issues.isEmpty, let employee, let cert, let acquired else { return nil }
        return [employee, cert, acquired.description, expires?.description ?? ""]
    }
}
