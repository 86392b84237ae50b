import DXSkillsCore
import Foundation

/// A result as rows for table and CSV, and as a document for JSON.
struct Listing {
    var headers: [String]
    var rows: [[String]]
    var numericColumns: Set<Int> = []
    var json: any Encodable
}

/// Prints a listing on stdout in the chosen format.
func emit(_ listing: Listing, _ options: OutputOptions) {
    switch options.format {
    case .json: printJSON(listing.json)
    case .csv: writeCSV(headers: listing.headers, rows: listing.rows, numericColumns: listing.numericColumns)
    case .table:
        print(
            TextTable(headers: listing.headers, rows: listing.rows, rightAligned: listing.numericColumns).render(),
            terminator: "")
    }
}

func printJSON(_ value: any Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data("null".utf8)
    writeStandardOutput(Array(data) + [0x0A])
}

/// CSV on stdout: UTF-8 without BOM (a terminal or a pipe); exports to Excel choose their encoding.
func writeCSV(headers: [String], rows: [[String]], numericColumns: Set<Int> = []) {
    let bytes = CSVWriter.encode(
        header: headers, rows: rows, numericColumns: numericColumns, encoding: .utf8, replaceUnmappable: false)
    if case .success(let output) = bytes {
        writeStandardOutput(output.bytes)
    }
}
