/// Reads the cells of one record, collecting a line-numbered issue for every bad value.
struct CellReader {
    let record: CSVRecord
    private(set) var issues: [CSVIssue] = []

    init(_ record: CSVRecord) {
        self.record = record
    }

    var line: Int { record.line }

    mutating func fail(_ column: String?, _ value: String?, _ reason: String) {
        issues.append(CSVIssue(line: record.line, column: column, value: value, reason: reason))
    }

    func optional(_ column: String) -> String? {
        record[column: column]
    }

    mutating func required(_ column: String) -> String? {
        guard let value = record[column: column] else {
            fail(column, nil, "a value is required")
            return nil
        }
        return value
    }

    mutating func date(_ column: String, required isRequired: Bool) -> Day? {
        guard let text = isRequired ? required(column) : optional(column) else { return nil }
        guard let day = DateParser.parse(text) else {
            fail(column, text, "not a date: write 2025-04-01, 2025/4/1, R7.4.1 or 令和7年4月1日")
            return nil
        }
        return day
    }

    mutating func flag(_ column: String) -> Bool {
        guard let text = optional(column) else { return false }
        switch text.lowercased() {
        case "true", "1", "yes", "y", "○", "◯", "はい", "該当", "情報部門": return true
        case "false", "0", "no", "n", "×", "いいえ", "非該当", "-": return false
        default:
            fail(column, text, "not a yes/no value: write true or false (or 1/0, ○/×)")
            return false
        }
    }

    mutating func labeled<Value: LabeledValue>(_ column: String, as type: Value.Type, default fallback: Value? = nil)
        -> Value?
    {
        guard let text = fallback == nil ? required(column) : optional(column) else { return fallback }
        guard let value = Value(label: text) else {
            fail(column, text, "unknown value: use one of \(Value.accepted)")
            return nil
        }
        return value
    }
}
