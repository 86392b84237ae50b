import DXSkillsCore
import DXSkillsSheets
import Foundation

/// A result as rows for table and CSV, and as a document for JSON.
struct Listing {
    var headers: [String]
    var rows: [[String]]
    var numericColumns: Set<Int> = []
    var json: any Encodable
    /// The Excel sheet of a report (`ReportSheets`, the same as the service's `?format=xlsx`).
    var sheet: ReportSheet? = nil
}

/// Prints a listing on stdout in the chosen format; `--format xlsx` writes the file of `sheet`.
func emit(_ listing: Listing, _ options: OutputOptions, sheet: SheetOutput? = nil) throws {
    switch options.format {
    case .json: printJSON(listing.json)
    case .csv: writeCSV(headers: listing.headers, rows: listing.rows, numericColumns: listing.numericColumns)
    case .table:
        print(
            TextTable(headers: listing.headers, rows: listing.rows, rightAligned: listing.numericColumns).render(),
            terminator: "")
    case .xlsx:
        guard let sheet, let report = listing.sheet else {
            throw CLIError(.usage, Message(.cliNoExcel))
        }
        try sheet.write(report)
    }
}

/// Where and how `--format xlsx` writes a report (reference §10).
struct SheetOutput {
    let asOf: String?
    let file: String?
    let dateStyle: SheetDateStyle

    init(asOf: String?, file: String?, dateStyle: SheetDateStyle) {
        self.asOf = asOf
        self.file = file
        self.dateStyle = dateStyle
    }

    init(asOf: String?, _ options: SheetOptions) {
        self.init(asOf: asOf, file: options.file, dateStyle: options.dateStyle)
    }

    func write(_ sheet: ReportSheet) throws {
        guard let file else {
            throw CLIError(.usage, Message(.cliXlsxNeedsFile))
        }
        let tenant = (try? Credentials.load()).flatMap { Self.tenant(of: $0.token) } ?? "-"
        let document = sheet.document(tenant: tenant, asOf: asOf.flatMap(Day.init(iso:)) ?? Day.today())
        // The rows written on stderr (reference §10.4), the line ended before any note or error.
        let display = ExportProgressDisplay(file: file, .written)
        defer { display.finish() }
        let written = ExportProgressReporter.$current.withValue(display.reporter()) {
            Result { () throws(DXSkillsError) in try SpreadsheetWriter.write(document, dateStyle: dateStyle, to: file) }
        }
        do {
            try written.get()
        } catch {
            throw CLIError(error)
        }
    }

    /// The tenant code of a token `dxs_TENANT_…`.
    static func tenant(of token: String) -> String? {
        let parts = token.split(separator: "_")
        return parts.count > 2 && parts[0] == "dxs" ? String(parts[1]) : nil
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
