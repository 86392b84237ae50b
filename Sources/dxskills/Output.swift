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

/// Writes bytes to stdout. A reader that went away (`| head`, `| grep -q`) ends the command quietly,
/// as it would any Unix tool; the HTTP client ignores SIGPIPE, so the write would otherwise trap.
func writeStandardOutput(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            if errno == EPIPE { exit(0) }
            FileHandle.standardError.write(Data("dxskills: cannot write the output: \(String(cString: strerror(errno)))\n".utf8))
            exit(74)
        }
        offset += written
    }
}

/// CSV on stdout: UTF-8 without BOM (a terminal or a pipe); exports to Excel choose their encoding.
func writeCSV(headers: [String], rows: [[String]], numericColumns: Set<Int> = []) {
    let bytes = CSVWriter.encode(
        header: headers, rows: rows, numericColumns: numericColumns, encoding: .utf8, replaceUnmappable: false)
    if case .success(let output) = bytes {
        writeStandardOutput(output.bytes)
    }
}
