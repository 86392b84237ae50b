/// RFC 4180 records with the physical line each starts on.
///
/// Our own parser rather than a package's: imports must report an unterminated quote, and the line
/// of every record when quoted fields hold newlines, which the CSV packages here do not tell.
enum CSVParser {
    struct Record {
        let line: Int
        let fields: [String]
    }

    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// The records of a text; blank lines are skipped.
    static func records(_ text: String) throws(CSVReadError) -> [Record] {
        var records: [Record] = []
        try forEach(text) { records.append($0) }
        return records
    }

    /// Calls `body` with each record in order, without holding them all; blank lines are skipped.
    static func forEach(_ text: String, _ body: (Record) -> Void) throws(CSVReadError) {
        var issues: [CSVIssue] = []
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            var line = 1
            let count = bytes.count
            while index < count {
                let start = line
                var fields: [String] = []
                var endOfRecord = false
                while !endOfRecord {
                    var field: String
                    if index < count, bytes[index] == quote {
                        let opened = line
                        index += 1
                        var buffer: [UInt8] = []
                        var closed = false
                        while index < count {
                            let byte = bytes[index]
                            if byte == quote {
                                if index + 1 < count, bytes[index + 1] == quote {
                                    buffer.append(quote)
                                    index += 2
                                    continue
                                }
                                index += 1
                                closed = true
                                break
                            }
                            if byte == lf || (byte == cr && !(index + 1 < count && bytes[index + 1] == lf)) { line += 1 }
                            buffer.append(byte)
                            index += 1
                        }
                        guard closed else {
                            issues.append(
                                CSVIssue(line: opened, column: nil, value: nil, .csvUnclosedQuote))
                            return
                        }
                        field = String(decoding: buffer, as: UTF8.self)
                        if index < count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                            issues.append(
                                CSVIssue(line: line, column: nil, value: nil, .csvTextAfterQuote))
                            return
                        }
                    } else {
                        let begin = index
                        while index < count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf { index += 1 }
                        field = String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<index]), as: UTF8.self)
                    }
                    fields.append(field)
                    if index < count, bytes[index] == comma {
                        index += 1
                        if index == count { fields.append("") }
                        continue
                    }
                    if index < count, bytes[index] == cr {
                        index += 1
                        if index < count, bytes[index] == lf { index += 1 }
                    } else if index < count, bytes[index] == lf {
                        index += 1
                    }
                    line += 1
                    endOfRecord = true
                }
                if fields.count == 1, fields[0].isEmpty { continue }
                body(Record(line: start, fields: fields))
            }
        }
        guard issues.isEmpty else { throw CSVReadError(issues: issues) }
    }
}
