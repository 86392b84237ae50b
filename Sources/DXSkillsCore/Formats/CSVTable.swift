import Foundation

/// A problem in an input file, where a person can find it: the line, the column (its name, and
/// where the file has it: the number counted from 1 and the header as the file writes it), the
/// value, and what is wrong as a catalog message.
public struct CSVIssue: Error, Sendable, Hashable, Codable {
    public let line: Int
    public let column: String?
    public let value: String?
    public let message: Message
    /// The column's place in the file's header, counted from 1; nil when the problem has no column
    /// or the file has no such column (a required column missing).
    public var columnNumber: Int?
    /// The header cell of that column as the file writes it (`職員番号` or `employee_no`).
    public var columnTitle: String?
    /// The key a problem document gave, when the issue was read back from one.
    var receivedKey: String?

    public init(line: Int, column: String?, value: String?, _ message: Message) {
        self.line = line
        self.column = column
        self.value = value
        self.message = message
    }

    public init(line: Int, column: String?, value: String?, _ key: MessageKey, _ values: [String: MessageValue] = [:]) {
        self.init(line: line, column: column, value: value, Message(key, values))
    }

    /// An issue as a document states it: read back from a problem answer, or expected by a test.
    /// Equal to the core's own issue when the English reads the same.
    public init(line: Int, column: String?, value: String?, reason: String) {
        self.init(line: line, column: column, value: value, .receivedText, ["text": .text(reason)])
    }

    /// What is wrong, in English.
    public var reason: String { message.text(.en) }

    /// What is wrong, in `language`.
    public func reason(_ language: Language) -> String { message.text(language) }

    /// The same issue at a column of the file's header.
    public func at(column number: Int, title: String) -> CSVIssue {
        var located = self
        (located.columnNumber, located.columnTitle) = (number, title)
        return located
    }

    enum CodingKeys: String, CodingKey {
        case line, column, value, reason
        case columnNumber = "column_number"
        case columnTitle = "column_title"
        case key
    }

    /// The catalog key of the problem: the core's own, or the one a problem document named.
    public var key: String {
        if message.key == .receivedText, let received = receivedKey { return received }
        return message.key.rawValue
    }

    /// Read back from a problem document or a test's `.expected` file: the text as written, in
    /// whatever language it was sent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        line = try container.decode(Int.self, forKey: .line)
        column = try container.decodeIfPresent(String.self, forKey: .column)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        message = Message(.receivedText, ["text": .text(try container.decode(String.self, forKey: .reason))])
        columnNumber = try container.decodeIfPresent(Int.self, forKey: .columnNumber)
        columnTitle = try container.decodeIfPresent(String.self, forKey: .columnTitle)
        receivedKey = try container.decodeIfPresent(String.self, forKey: .key)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(value, forKey: .value)
        try container.encode(reason(encoder.userInfo[Language.codingKey] as? Language ?? .en), forKey: .reason)
        try container.encodeIfPresent(columnNumber, forKey: .columnNumber)
        try container.encodeIfPresent(columnTitle, forKey: .columnTitle)
        if message.key != .receivedText || receivedKey != nil { try container.encode(key, forKey: .key) }
    }

    /// Two issues are the same problem at the same place when their English reads the same: an issue
    /// read back from a document equals the one the core made.
    public static func == (left: CSVIssue, right: CSVIssue) -> Bool {
        (left.line, left.column, left.value, left.reason) == (right.line, right.column, right.value, right.reason)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(value)
        hasher.combine(reason)
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

/// Where a file has a column: its number counted from 1, and its header as the file writes it.
public struct CSVColumnPlace: Sendable, Hashable {
    public let number: Int
    public let title: String

    static func locate(_ issue: CSVIssue, in places: [String: CSVColumnPlace]) -> CSVIssue {
        guard issue.columnNumber == nil, let column = issue.column, let place = places[column] else { return issue }
        return issue.at(column: place.number, title: place.title)
    }
}

/// A file read against the columns an import knows.
public struct CSVTable: Sendable {
    public let columns: [String]
    public let records: [CSVRecord]
    /// Where the file has each known column (by name): its number from 1 and its header text.
    public var places: [String: CSVColumnPlace] = [:]

    /// Every issue at its column of this file's header.
    public func locate(_ issues: [CSVIssue]) -> [CSVIssue] {
        issues.map { CSVColumnPlace.locate($0, in: places) }
    }

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
                CSVIssue(line: header.line, column: nil, value: nil, .csvNoRows))
        }
        guard issues.isEmpty else { throw CSVReadError(issues: issues) }
        return CSVTable(columns: header.positions.map(\.name), records: records, places: header.places)
    }
}

/// A file's header matched against the columns an import knows.
struct CSVHeader {
    let line: Int
    let width: Int
    let positions: [(index: Int, name: String)]
    /// Where the file has each known column.
    let places: [String: CSVColumnPlace]
    let keywords: [String: Set<String>]

    init(_ header: CSVParser.Record?, columns: [CSVColumn], ignoreUnknownColumns: Bool) throws(CSVReadError) {
        guard let header else {
            throw CSVReadError(
                issues: columns.filter(\.required).map {
                    CSVIssue(line: 1, column: $0.name, value: nil, .csvEmptyFileColumn)
                })
        }
        var issues: [CSVIssue] = []
        var positions: [(index: Int, name: String)] = []
        var places: [String: CSVColumnPlace] = [:]
        var seen: [String: String] = [:]
        for (index, raw) in header.fields.enumerated() {
            let title = raw.trimmingCharacters(in: .whitespaces.union(["\u{FEFF}"]))
            guard let column = columns.first(where: { $0.name == title.lowercased() || $0.aliases.contains(title) }) else {
                if !ignoreUnknownColumns && !title.isEmpty {
                    issues.append(
                        CSVIssue(
                            line: header.line, column: title, value: nil, .csvUnknownColumn,
                            ["columns": "\(columns.map(\.name).joined(separator: ", "))"]
                        ).at(column: index + 1, title: title))
                }
                continue
            }
            if let first = seen[column.name] {
                issues.append(
                    CSVIssue(line: header.line, column: title, value: nil, .csvColumnTwice, ["first": "\(first)"])
                        .at(column: index + 1, title: title))
                continue
            }
            seen[column.name] = title
            positions.append((index, column.name))
            places[column.name] = CSVColumnPlace(number: index + 1, title: title)
        }
        for column in columns where column.required && seen[column.name] == nil {
            issues.append(
                CSVIssue(
                    line: header.line, column: column.name, value: nil,
                    .csvRequiredColumn, ["names": "\(([column.name] + column.aliases).joined(separator: " / "))"]))
        }
        guard issues.isEmpty else { throw CSVReadError(issues: issues) }
        self.line = header.line
        self.width = header.fields.count
        self.positions = positions
        self.places = places
        self.keywords = Dictionary(columns.map { ($0.name, $0.keywords) }, uniquingKeysWith: { a, _ in a })
    }

    /// The issue at its column of this file's header, when the file has the column.
    func locate(_ issue: CSVIssue) -> CSVIssue {
        CSVColumnPlace.locate(issue, in: places)
    }

    /// A data row as cells of known columns, or the issue that it has the wrong number of fields.
    func record(_ row: CSVParser.Record) -> Result<CSVRecord, CSVIssue> {
        guard row.fields.count == width else {
            return .failure(
                CSVIssue(
                    line: row.line, column: nil, value: nil, .csvFieldCount,
                    ["fields": "\(row.fields.count)", "width": "\(width)"]))
        }
        var cells: [String: String] = [:]
        for (index, name) in positions {
            var value = row.fields[index].trimmingWhitespace()
            if let problem = Self.problem(value, column: name) {
                return .failure(locate(CSVIssue(line: row.line, column: name, value: String(value.prefix(40)), problem)))
            }
            // Codes are read here, for every import at once: each code cell is the normalised code or an issue.
            if Self.codeColumns.contains(name), !value.isEmpty, keywords[name]?.contains(value) != true {
                switch Code.parse(value) {
                case .success(let code): value = code
                case .failure(let problem):
                    return .failure(
                        locate(CSVIssue(line: row.line, column: name, value: String(value.prefix(40)), problem.message)))
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
    static func problem(_ value: String, column: String) -> Message? {
        if value.utf8.count > maximumCellLength, value.count > maximumCellLength {
            return Message(.cellTooLong, ["maximum": "\(maximumCellLength)"])
        }
        if value.unicodeScalars.contains(where: {
            ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F
        }) {
            return Message(.cellControlCharacter)
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
