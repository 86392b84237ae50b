/// How an export is encoded (reference §3.3); UTF-8 with BOM is what Excel in Japan opens correctly.
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
            + " (export in UTF-8 with BOM, or replace those characters with 〓)"
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
        var bytes: [UInt8] = encoding == .utf8BOM ? [0xEF, 0xBB, 0xBF] : []
        bytes.reserveCapacity(64 * (rows.count + 1))
        appendLine(header, numericColumns: [], to: &bytes)
        for row in rows { appendLine(row, numericColumns: numericColumns, to: &bytes) }
        switch encoding {
        case .utf8, .utf8BOM: return .success(CSVOutput(bytes: bytes, warnings: warnings))
        case .sjis:
            // Every character was checked above; a failure here would be a bug in that check.
            return .success(
                CSVOutput(
                    bytes: TextEncoder.encodeCP932(String(decoding: bytes, as: UTF8.self)) ?? [], warnings: warnings,
                    replacedRows: replacedRows))
        }
    }

    /// One record as text, for CSV built line by line (the demo city): RFC 4180 quoting, `lineEnding` (CRLF unless
    /// given) and, unless `escapingFormulas` is false, the leading `'` of a cell that Excel would read as a formula.
    public static func line(_ cells: [String], lineEnding: String = "\r\n", escapingFormulas: Bool = true) -> String {
        var bytes: [UInt8] = []
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(cell, numeric: !escapingFormulas, to: &bytes)
        }
        bytes.append(contentsOf: lineEnding.utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One record and its CRLF. Works on UTF-8 bytes: every byte it looks for is ASCII, and
    /// ASCII bytes never occur inside a multi-byte character.
    static func appendLine(_ cells: [String], numericColumns: Set<Int>, to bytes: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(cell, numeric: numericColumns.contains(index), to: &bytes)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// RFC 4180 quoting; a text cell that Excel would read as a formula gets a leading `'`.
    static func appendField(_ cell: String, numeric: Bool, to bytes: inout [UInt8]) {
        var cell = cell
        cell.withUTF8 { utf8 in
            let escape = !numeric && utf8.first.map { formulaStartBytes.contains($0) } == true
            let quote = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
            if quote { bytes.append(UInt8(ascii: "\"")) }
            if escape { bytes.append(UInt8(ascii: "'")) }
            if quote {
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }

    /// The first bytes of `formulaStarts` (a cell starting with `\r\n` starts with `\r`).
    static let formulaStartBytes: Set<UInt8> = Set(formulaStarts.compactMap { $0.utf8.first })
}
