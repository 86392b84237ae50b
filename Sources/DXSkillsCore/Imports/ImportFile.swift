/// Turns the bytes of an uploaded file into records, or every problem found reading it.
enum ImportFile {
    static func decode(_ bytes: [UInt8], options: ImportOptions) throws -> (text: String, encoding: TextEncoding) {
        do {
            return try TextDecoder.decode(bytes, encoding: options.encoding)
        } catch {
            throw DXSkillsError.invalidRows([CSVIssue(line: error.line, column: nil, value: nil, error.message)])
        }
    }

    static func read(_ bytes: [UInt8], columns: [CSVColumn], options: ImportOptions) throws -> (
        table: CSVTable, encoding: TextEncoding
    ) {
        let decoded = try decode(bytes, options: options)
        do {
            let table = try CSVTable.read(
                text: decoded.text, columns: columns, ignoreUnknownColumns: options.ignoreUnknownColumns)
            return (table, decoded.encoding)
        } catch {
            throw DXSkillsError.invalidRows(error.issues)
        }
    }
}
