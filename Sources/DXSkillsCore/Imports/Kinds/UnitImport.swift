import PostgresNIO

/// One row of a units file (reference §3.1).
struct UnitRow: Equatable, Sendable {
    var code: String
    var name: String
    var kind: String
    var parentCode: String?
    var validFrom: Day
    var validTo: Day?
    var itDepartment: Bool
}

/// `import units`: upsert on the unit code; a unit's parent never changes.
enum UnitImport: RowImport {
    static let columns = [
        CSVColumn(name: "code", aliases: ["所属コード"], required: true),
        CSVColumn(name: "name", aliases: ["所属名"], required: true),
        CSVColumn(name: "kind", aliases: ["区分"], required: true),
        CSVColumn(name: "parent_code", aliases: ["上位所属コード"], required: false),
        CSVColumn(name: "valid_from", aliases: ["適用開始日"], required: true),
        CSVColumn(name: "valid_to", aliases: ["適用終了日"], required: false),
        CSVColumn(name: "it_department", aliases: ["情報部門"], required: false),
    ]

    static func row(_ cells: inout CellReader, _ known: inout Void) -> UnitRow? {
        let code = cells.required("code")
        let name = cells.required("name")
        let kind = cells.required("kind")
        let parent = cells.optional("parent_code")
        let validFrom = cells.date("valid_from", required: true)
        let validTo = cells.date("valid_to", required: false)
        let it = cells.flag("it_department")
        if let validFrom, let validTo, validTo < validFrom {
            cells.fail("valid_to", validTo.description, .endsBeforeColumn, ["column": "valid_from", "day": "\(validFrom)"])
        }
        if let code, parent == code { cells.fail("parent_code", parent, .ownParent) }
        guard cells.issues.isEmpty, let code, let name, let kind, let validFrom else { return nil }
        return UnitRow(
            code: code, name: name, kind: kind, parentCode: parent, validFrom: validFrom, validTo: validTo, itDepartment: it)
    }

    static func key(_ row: UnitRow) -> [String] { [row.code] }

    /// Checked against the stored units, then planned: new units, changed ones.
    static func write(_ rows: [Lined<UnitRow>], _ input: ImportInput, summary: inout ImportSummary) async throws {
        let (connection, context, logger) = (input.connection, input.context, input.logger)
        var existing: [String: UnitRow] = [:]
        let stored = try await connection.query(
            "SELECT code, name, kind, parent_code, valid_from, valid_to, it_department FROM units", logger: logger)
        for try await (code, name, kind, parent, from, to, it) in stored.decode(
            (String, String, String, String?, Day, Day?, Bool).self)
        {
            existing[code] = UnitRow(
                code: code, name: name, kind: kind, parentCode: parent, validFrom: from, validTo: to,
                itDepartment: it)
        }
        var issues: [CSVIssue] = []
        var merged = existing
        for (_, row) in rows { merged[row.code] = row }
        for (line, row) in rows {
            if let old = existing[row.code], old.parentCode != row.parentCode {
                issues.append(
                    CSVIssue(
                        line: line, column: "parent_code", value: row.parentCode ?? "",
                        .parentNeverChanges,
                        ["unit": "\(row.code)", "parent": old.parentCode.map { .text($0) } ?? .key(.noParent)]))
                continue
            }
            if let parent = row.parentCode, merged[parent] == nil {
                issues.append(CSVIssue(line: line, column: "parent_code", value: parent, .unknownUnit))
                continue
            }
            if loops(from: row.code, in: merged) {
                issues.append(
                    CSVIssue(
                        line: line, column: "parent_code", value: row.parentCode,
                        .parentLoop))
            }
        }
        guard issues.isEmpty else { throw DXSkillsError.invalidRows(issues) }

        let inserts = rows.map(\.row).filter { existing[$0.code] == nil }
        let updates = rows.map(\.row).filter { existing[$0.code] != nil && existing[$0.code] != $0 }
        summary.inserted = inserts.count
        summary.updated = updates.count
        summary.unchanged = rows.count - inserts.count - updates.count
        guard !summary.dryRun else { return }
        if !inserts.isEmpty {
            try await connection.run(
                """
                INSERT INTO units (tenant_id, code, name, kind, parent_code, valid_from, valid_to, it_department)
                SELECT \(context.tenant), code, name, kind, nullif(parent, ''), valid_from::date, nullif(valid_to, '')::date, it
                FROM unnest(\(inserts.map(\.code)), \(inserts.map(\.name)), \(inserts.map(\.kind)),
                            \(inserts.map { $0.parentCode ?? "" }), \(inserts.map(\.validFrom.description)),
                            \(inserts.map { $0.validTo?.description ?? "" }), \(inserts.map(\.itDepartment)))
                  AS v(code, name, kind, parent, valid_from, valid_to, it)
                """, logger: logger)
        }
        if !updates.isEmpty {
            try await connection.run(
                """
                UPDATE units SET name = v.name, kind = v.kind, valid_from = v.valid_from::date,
                  valid_to = nullif(v.valid_to, '')::date, it_department = v.it
                FROM unnest(\(updates.map(\.code)), \(updates.map(\.name)), \(updates.map(\.kind)),
                            \(updates.map(\.validFrom.description)), \(updates.map { $0.validTo?.description ?? "" }),
                            \(updates.map(\.itDepartment)))
                  AS v(code, name, kind, valid_from, valid_to, it)
                WHERE units.code = v.code
                """, logger: logger)
        }
    }

    private static func loops(from code: String, in units: [String: UnitRow]) -> Bool {
        var seen: Set<String> = [code]
        var current = units[code]?.parentCode
        while let parent = current {
            if !seen.insert(parent).inserted { return true }
            current = units[parent]?.parentCode
        }
        return false
    }
}
