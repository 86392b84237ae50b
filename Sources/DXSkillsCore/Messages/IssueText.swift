/// A problem in a file as one line of text, in the reader's language (reference §10.3):
///
///     line 3, column 4 (職員番号), value "10012X": a code may contain only …
///     3行目 4列(職員番号) 「10012X」: コードに使えるのは …
public enum IssueText {
    public static func line(_ issue: CSVIssue, _ language: Language) -> String {
        place(issue, language) + ": " + issue.reason(language)
    }

    /// Where the problem is: the line, the column (its number and header when the file has it, else
    /// its name) and the value.
    public static func place(_ issue: CSVIssue, _ language: Language) -> String {
        let column = issue.columnTitle ?? issue.column
        switch language {
        case .en:
            var text = "line \(issue.line)"
            if let number = issue.columnNumber {
                text += ", column \(number)" + (column.map { " (\($0))" } ?? "")
            } else if let column {
                text += ", column \(column)"
            }
            if let value = issue.value { text += ", value \"\(value)\"" }
            return text
        case .ja:
            var text = "\(issue.line)行目"
            if let number = issue.columnNumber {
                text += " \(number)列" + (column.map { "(\($0))" } ?? "")
            } else if let column {
                text += " 列「\(column)」"
            }
            if let value = issue.value { text += " 「\(value)」" }
            return text
        }
    }
}
