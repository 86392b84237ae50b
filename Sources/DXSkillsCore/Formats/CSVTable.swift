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
        let header = try CSVHeader(rows.first, columns: columns, ignoreUnknownColumns: ignoreUnknownColumns)
        var issues: [CSVIssue] = []
        var records: [CSVRecord] = []
        records.reserveCapacity(rows.count)
        for row in rows.dropFirst() {
            switch header.record(row) {
            case .success(let record): records.append(record)
            case .failure(let issue): issues.append(issue)
            }
        }
        guard issues.isEmpty else { throw CSVReadError(issues: issues) }
        return CSVTable(columns: header.positions.map(\.name), records: records)
    }
}

/// A file's header matched against the columns an import knows.
struct CSVHeader {
    let line: Int
    let width: Int
    let positions: [(index: Int, name: String)]

    init(_ header: CSVParser.Record?, columns: [CSVColumn], ignoreUnknownColumns: Bool) throws(CSVReadError) {
        guard let header else {
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
        self.line = header.line
        self.width = header.fields.count
        self.positions = positions
    }

    /// A data row as cells of known columns, or the issue that it has the wrong number of fields.
    func record(_ row: CSVParser.Record) -> Result<CSVRecord, CSVIssue> {
        guard row.fields.count == width else {
            return .failure(
                CSVIssue(
                    line: row.line, column: nil, value: nil, reason: "row has \(row.fields.count) fields, header has \(width)"))
        }
        var cells: [String: String] = [:]
        for (index, name) in positions {
            let value = row.fields[index].trimmingWhitespace()
            if !value.isEmpty { cells[name] = value }
        }
        return .success(CSVRecord(line: row.line, cells: cells))
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)` without a trip through NSString when nothing needs trimming
    /// (almost every cell of a large file).
    func trimmingWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !CharacterSet.whitespaces.contains(first) && !CharacterSet.whitespaces.contains(last) { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
