import Foundation

/// A problem in an input file, where a person can find it.
public struct CSVIssue: Error, Sendable, Hashable, Codable {
    public let line: Int
    public let column: String?
    public let value: String?
    public let reason: String

    public init(line: Int, column: String?, value: String?, reason: String) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }
}

/// Every problem found while reading a file.
public struct CSVReadError: Error, Sendable {
    public let issues: [CSVIssue]
}

/// A column an import knows: its English name and Japanese aliases (SPEC §3.1).
public struct CSVColumn: Sendable {
    public let name: String
    public let aliases: [String]
    public let required: Bool

    public init(name: String, aliases: [String], required: Bool) {
        self.name = name
        self.aliases = aliases
        self.required = required
    }
}

/// One data record with the physical line it starts on (the header is line 1).
public struct CSVRecord: Sendable {
    public let line: Int
    let cells: [String: String]

    /// The trimmed cell of a known column; nil when the column is absent or the cell empty.
    public subscript(column name: String) -> String? { cells[name] }
}

/// A file read against the columns an import knows.
public struct CSVTable: Sendable {
    public let columns: [String]
    public let records: [CSVRecord]

    /// Reads a decoded file. Header problems (unknown, repeated or missing columns) and rows with the
    /// wrong number of fields are all reported together.
    public static func read(text: String, columns: [CSVColumn], ignoreUnknownColumns: Bool) throws(CSVReadError)
        -> CSVTable
    {
        let rows = try CSVParser.records(text)
        guard let header = rows.first else {
            throw CSVReadError(
                issues: columns.filter(\.required).map {
                    CSVIssue(line: 1, column: $0.name, value: nil, reason: "required column missing (the file is empty)")
                })
        }
        var issues: [CSVIssue] = []
        var positions: [(index: Int, name: String)] = []
        var seen: [String: String] = [:]
        for (index, raw) in header.fields.enumerated() {
            let title = raw.trimmingCharacters(in: .whitespaces.union(["\u{FEFF}"]))
            guard let column = columns.first(where: { $0.name == title.lowercased() || $0.aliases.contains(title) }) else {
                if !ignoreUnknownColumns && !title.isEmpty {
                    issues.append(
                        CSVIssue(
                            line: header.line, column: title, value: nil,
                            reason: "unknown column: use \(columns.map(\.name).joined(separator: ", ")) or their Japanese names"))
                }
                continue
            }
            if let first = seen[column.name] {
                issues.append(
                    CSVIssue(line: header.line, column: title, value: nil, reason: "column given twice (also as \(first))"))
                continue
            }
            seen[column.name] = title
            positions.append((index, column.name))
        }
        for column in columns where column.required && seen[column.name] == nil {
            issues.append(
                CSVIssue(
                    line: header.line, column: column.name, value: nil,
                    reason: "required column missing (\(([column.name] + column.aliases).joined(separator: " / ")))"))
        }
        guard issues.isEmpty else { throw CSVReadError(issues: issues) }
        var records: [CSVRecord] = []
        records.reserveCapacity(rows.count - 1)
        for row in rows.dropFirst() {
            guard row.fields.count == header.fields.count else {
                issues.append(
                    CSVIssue(
                        line: row.line, column: nil, value: nil,
                        reason: "row has \(row.fields.count) fields, header has \(header.fields.count)"))
                continue
            }
            var cells: [String: String] = [:]
            for (index, name) in positions {
                let value = row.fields[index].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { cells[name] = value }
            }
            records.append(CSVRecord(line: row.line, cells: cells))
        }
        guard issues.isEmpty else { throw CSVReadError(issues: issues) }
        return CSVTable(columns: positions.map(\.name), records: records)
    }
}
