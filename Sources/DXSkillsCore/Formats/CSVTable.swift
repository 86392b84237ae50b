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

/// A column an import knows: its English name and Japanese aliases (reference §3.1).
public struct CSVColumn: Sendable {
    public let name: String
    public let aliases: [String]
    public let required: Bool
    /// Words a code column takes in place of a code (the transfers file's RETIRE/退職).
    public let keywords: Set<String>

    public init(name: String, aliases: [String], required: Bool, keywords: Set<String> = []) {
        self.name = name
        self.aliases = aliases
        self.required = required
        self.keywords = keywords
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
        if rows.count == 1 {
            issues.append(
                CSVIssue(line: header.line, column: nil, value: nil, reason: "no rows after the header: nothing to import"))
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
    let keywords: [String: Set<String>]

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
        self.keywords = Dictionary(columns.map { ($0.name, $0.keywords) }, uniquingKeysWith: { a, _ in a })
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
            var value = row.fields[index].trimmingWhitespace()
            if let problem = Self.problem(value, column: name) {
                return .failure(CSVIssue(line: row.line, column: name, value: String(value.prefix(40)), reason: problem))
            }
            // Codes are read here, for every import at once: each code cell is the normalised code or an issue.
            if Self.codeColumns.contains(name), !value.isEmpty, keywords[name]?.contains(value) != true {
                switch Code.parse(value) {
                case .success(let code): value = code
                case .failure(let problem):
                    return .failure(
                        CSVIssue(line: row.line, column: name, value: String(value.prefix(40)), reason: problem.reason))
                }
            }
            if !value.isEmpty { cells[name] = value }
        }
        return .success(CSVRecord(line: row.line, cells: cells))
    }

    /// The longest cell accepted: names and notes fit easily; a 10 MB field is a broken file.
    static let maximumCellLength = 1_000

    /// Columns holding codes and numbers that other rows and files refer to (see `Code`); the codes
    /// inside a `skills` list are read by `CellReader.skillLevels`.
    static let codeColumns: Set<String> = [
        "code", "employee_no", "unit_code", "parent_code", "course_code", "cert_code", "skill_code", "assessor", "evaluator",
        "template", "item",
    ]

    /// What is wrong with a cell whatever its column: length, control characters.
    static func problem(_ value: String, column: String) -> String? {
        if value.utf8.count > maximumCellLength, value.count > maximumCellLength {
            return "longer than \(maximumCellLength) characters"
        }
        if value.unicodeScalars.contains(where: {
            ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F
        }) {
            return "contains a control character"
        }
        return nil
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
