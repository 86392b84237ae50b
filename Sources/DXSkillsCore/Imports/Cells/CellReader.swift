import Foundation

/// Reads the cells of one record, collecting a line-numbered issue for every bad value.
struct CellReader {
    let record: CSVRecord
    private(set) var issues: [CSVIssue] = []

    init(_ record: CSVRecord) {
        self.record = record
    }

    mutating func fail(_ column: String?, _ value: String?, _ message: Message) {
        issues.append(CSVIssue(line: record.line, column: column, value: value, message))
    }

    mutating func fail(_ column: String?, _ value: String?, _ key: MessageKey, _ values: [String: MessageValue] = [:]) {
        fail(column, value, Message(key, values))
    }

    func optional(_ column: String) -> String? {
        record[column: column]
    }

    mutating func required(_ column: String) -> String? {
        guard let value = record[column: column] else {
            fail(column, nil, .valueRequired)
            return nil
        }
        return value
    }

    mutating func date(_ column: String, required isRequired: Bool) -> Day? {
        parsed(column, required: isRequired, DateParser.parse, else: Message(.notADate))
    }

    mutating func flag(_ column: String) -> Bool {
        guard let text = optional(column) else { return false }
        switch text.lowercased() {
        case "true", "1", "yes", "y", "○", "◯", "はい", "該当", "情報部門": return true
        case "false", "0", "no", "n", "×", "いいえ", "非該当", "-": return false
        default:
            fail(column, text, .notAFlag)
            return false
        }
    }

    mutating func labeled<Value: LabeledValue>(_ column: String, as type: Value.Type, default fallback: Value? = nil)
        -> Value?
    {
        guard let text = fallback == nil ? required(column) : optional(column) else { return fallback }
        guard let value = Value(label: text) else {
            fail(column, text, .unknownValue, ["accepted": "\(Value.accepted)"])
            return nil
        }
        return value
    }

    /// A value `parse` reads, or nil (with an issue: `reason`) when it reads none.
    mutating func parsed<Value>(
        _ column: String, required isRequired: Bool, _ parse: (String) -> Value?, else reason: Message
    ) -> Value? {
        guard let text = isRequired ? required(column) : optional(column) else { return nil }
        guard let value = parse(text) else {
            fail(column, text, reason)
            return nil
        }
        return value
    }

    /// Full-width digits, signs and points (`１２．５`) as ASCII, the way Japanese input methods type
    /// them; other digits (Arabic-Indic, circled) stay as they are and are refused.
    static func halfWidth(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
                }))
    }

    /// A whole number in a range; nil (with an issue) when it is not one.
    mutating func integer(_ column: String, in range: ClosedRange<Int>, required isRequired: Bool = false) -> Int? {
        parsed(
            column, required: isRequired, { Int(Self.halfWidth($0)).flatMap { range.contains($0) ? $0 : nil } },
            else: Message(.wholeNumberRange, ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"]))
    }

    /// A non-negative decimal such as hours (at most 2 decimals), as its canonical text.
    mutating func hours(_ column: String) -> String? {
        guard let given = optional(column) else { return nil }
        let text = Self.halfWidth(given)
        guard let value = Decimal(string: text), value >= 0, value < 100_000,
            text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }),
            (text.split(separator: ".").dropFirst().first?.count ?? 0) <= 2
        else {
            fail(column, given, .hoursFormat)
            return nil
        }
        return "\(value)"
    }

    /// Nobody records evidence about themselves (issue 14): training, holdings, designations,
    /// assessments and ratings whose employee is the caller are refused, whatever the caller's role.
    mutating func refuseOwnEvidence(_ employee: String?, own: String?) {
        guard let employee, let own, employee == own else { return }
        fail(
            "employee_no", employee,
            .ownEvidence, ["own": "\(own)"])
    }

    /// `SKILL:LEVEL;SKILL:LEVEL` (reference §3.1); skills must be among `known`. Each skill is a code
    /// (see `Code`); the list is NFKC-normalised first, so full-width `：` and `；` separate too.
    mutating func skillLevels(_ column: String, known: Set<String>) -> [SkillGrant] {
        guard let given = optional(column) else { return [] }
        let text = given.utf8.allSatisfy { $0 < 0x80 } ? given : given.precomposedStringWithCompatibilityMapping
        var result: [SkillGrant] = []
        for part in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let pieces = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let level = Int(pieces[1]), SkillLevel.range.contains(level) else {
                fail(column, part, .skillLevelsFormat)
                continue
            }
            let skill: String
            switch Code.parse(pieces[0]) {
            case .success(let code): skill = code
            case .failure(let problem):
                fail(column, pieces[0], problem.message)
                continue
            }
            guard known.contains(skill) else {
                fail(column, skill, .unknownSkill)
                continue
            }
            guard !result.contains(where: { $0.skill == skill }) else {
                fail(column, skill, .skillTwice)
                continue
            }
            result.append(SkillGrant(skill: skill, level: level))
        }
        return result
    }
}
