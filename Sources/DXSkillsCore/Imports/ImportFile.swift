/// Turns the bytes of an uploaded file into records, or every problem found reading it.
enum ImportFile {
    static func decode(_ bytes: [UInt8], options: ImportOptions) throws -> (text: String, encoding: TextEncoding) {
        do {
            return try TextDecoder.decode(bytes, encoding: options.encoding)
        } catch {
            throw DXSkillsError.invalidRows([CSVIssue(line: error.line, column: nil, value: nil, reason: error.reason)])
        }
    }

    static func read(_ bytes: [UInt8], columns: [CSVColumn], options: ImportOptions) throws -> (
        table: CSVTable, encoding: TextEncoding
    ) {
        let decoded = try decode(bytes, options: options)
        do {
            let table = try CSVTable.read(
                text: decoded.text, columns: columns, ignoreUnknownColumns: options.ignoreUnknownColumns)
            return (table, decoded.encoding)
        } catch {
            throw DXSkillsError.invalidRows(error.issues)
        }
    }
}

/// Keeps the first row of each natural key and flags later ones that differ from it.
struct DuplicateCheck<Key: Hashable, Row: Equatable> {
    private var seen: [Key: (line: Int, row: Row)] = [:]

    /// True when the row is new; an identical repeat is dropped quietly, a different one is an issue.
    mutating func admit(_ key: Key, _ row: Row, line: Int, describe: String, issues: inout [CSVIssue]) -> Bool {
        if let first = seen[key] {
            if first.row != row {
                issues.append(
                    CSVIssue(
                        line: line, column: nil, value: describe,
                        reason: "given again with different values (first at line \(first.line))"))
            }
            return false
        }
        seen[key] = (line, row)
        return true
    }
}
