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
                        .givenAgain, ["first": "\(first.line)"]))
            }
            return false
        }
        seen[key] = (line, row)
        return true
    }
}
