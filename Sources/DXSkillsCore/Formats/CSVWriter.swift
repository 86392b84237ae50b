/// How an export is encoded (SPEC §3.3); UTF-8 with BOM is what Excel in Japan opens correctly.
public enum CSVOutputEncoding: String, Sendable, CaseIterable {
    case utf8BOM = "utf8-bom"
    case utf8
    case sjis
}

/// An encoded export and the warnings of replaced characters.
public struct CSVOutput: Sendable {
    public let bytes: [UInt8]
    public let warnings: [String]
    /// The data rows (1-based) whose characters were replaced, in the order of `warnings`.
    public var replacedRows: [Int] = []
}

/// A Shift_JIS export refused: every data row (1-based) with the characters CP932 cannot hold.
public struct CSVUnmappableError: Error, Sendable, CustomStringConvertible {
    public let rows: [(row: Int, characters: [Character])]

    public var description: String {
        "Shift_JIS cannot hold "
            + rows.map { "row \($0.row): \(String($0.characters))" }.joined(separator: "; ")
            + " (use --encoding utf8-bom, or --replace-unmappable to write 〓)"
    }
}

/// Writes CSV for Excel: RFC 4180 quoting, CRLF, and formula-injection escaping.
public enum CSVWriter {
    /// A text cell starting with one of these gets a leading `'` so that Excel shows it as text.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    public static func encode(
        header: [String], rows: [[String]], numericColumns: Set<Int> = [], encoding: CSVOutputEncoding,
        replaceUnmappable: Bool = false
    ) -> Result<CSVOutput, CSVUnmappableError> {
        var rows = rows
        var warnings: [String] = []
        var replacedRows: [Int] = []
        if encoding == .sjis {
            var refused: [(row: Int, characters: [Character])] = []
            for (index, row) in rows.enumerated() {
                let missing = row.flatMap { TextEncoder.unmappableCP932($0) }
                guard !missing.isEmpty else { continue }
                if replaceUnmappable {
                    rows[index] = row.map { cell in String(cell.map { missing.contains($0) ? "〓" : $0 }) }
                    warnings.append("row \(index + 1): \(String(missing)) written as 〓")
                    replacedRows.append(index + 1)
                } else {
                    refused.append((index + 1, missing))
                }
            }
            if !refused.isEmpty { return .failure(CSVUnmappableError(rows: refused)) }
        }
        var text = line(header, numericColumns: [])
        for row in rows { text += line(row, numericColumns: numericColumns) }
        switch encoding {
        case .utf8: return .success(CSVOutput(bytes: Array(text.utf8), warnings: warnings))
        case .utf8BOM: return .success(CSVOutput(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), warnings: warnings))
        case .sjis:
            // Every character was checked above; a failure here would be a bug in that check.
            return .success(
                CSVOutput(bytes: TextEncoder.encodeCP932(text) ?? [], warnings: warnings, replacedRows: replacedRows))
        }
    }

    static func line(_ cells: [String], numericColumns: Set<Int>) -> String {
        cells.enumerated().map { index, cell in field(cell, numeric: numericColumns.contains(index)) }
            .joined(separator: ",") + "\r\n"
    }

    static func field(_ cell: String, numeric: Bool) -> String {
        var value = cell
        if !numeric, let first = value.first, formulaStarts.contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
