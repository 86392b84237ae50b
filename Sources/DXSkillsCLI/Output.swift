import DXSkillsCore
import Foundation

/// A result as rows for table and CSV, and as a document for JSON.
struct Listing {
    var headers: [String]
    var rows: [[String]]
    var numericColumns: Set<Int> = []
    var json: any Encodable
    /// The Excel file's headers when its columns are not the table's (one column per JSON field).
    var sheetHeaders: [String]? = nil
    /// The rows as typed Excel cells, when the text of `rows` cannot say them (ratios shown as
    /// percentages); otherwise they are read from `rows` (`SheetCell.reading`).
    var cells: [[SheetCell]]? = nil
}

extension [String] {
    /// The strings joined with `separator`, or nil for none (an empty cell).
    func joined(orNilWith separator: String) -> String? { isEmpty ? nil : joined(separator: separator) }
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
        guard let sheet else {
            throw CLIError(.usage, "this command writes no Excel file: use --format csv / このコマンドは Excel に出力できません")
        }
        try sheet.write(listing)
    }
}

/// Where and how `--format xlsx` writes a report (reference §10).
struct SheetOutput {
    let report: String
    let asOf: String?
    let file: String?
    let dateStyle: SheetDateStyle

    init(_ report: String, asOf: String?, file: String?, dateStyle: SheetDateStyle) {
        self.report = report
        self.asOf = asOf
        self.file = file
        self.dateStyle = dateStyle
    }

    init(_ report: String, asOf: String?, _ options: SheetOptions) {
        self.init(report, asOf: asOf, file: options.file, dateStyle: options.dateStyle)
    }

    func write(_ listing: Listing) throws {
        guard let file else {
            throw CLIError(.usage, "--format xlsx needs -o FILE / --format xlsx には -o ファイル名 が必要です")
        }
        let cells =
            listing.cells
            ?? listing.rows.map { row in
                row.enumerated().map { SheetCell.reading($0.element, numeric: listing.numericColumns.contains($0.offset)) }
            }
        let tenant = (try? Credentials.load()).flatMap { Self.tenant(of: $0.token) } ?? "-"
        let day = asOf.flatMap(Day.init(iso:)) ?? Day.today()
        let document = SheetDocument(
            report: report, tenant: tenant, asOf: day, headers: listing.sheetHeaders ?? listing.headers, rows: cells)
        do {
            try SpreadsheetWriter.write(document, dateStyle: dateStyle, to: file)
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

extension SheetCell {
    /// A ratio, or nothing on a headcount of 0 (JSON's null).
    init(_ ratio: Ratio) { self = ratio.value.map { .ratio($0) } ?? .empty }

    /// A day of the API (YYYY-MM-DD), or nothing.
    init(day: String?) { self = day.flatMap(Day.init(iso:)).map { .date($0) } ?? .empty }

    /// Text, or nothing.
    init(text: String?) { self = text.map { .text($0) } ?? .empty }

    /// A number as JSON writes it: a whole number without decimals, any other as a ratio (targets'
    /// actuals and goals are counts or ratios).
    init(count value: Double?) {
        guard let value else {
            self = .empty
            return
        }
        self = value == value.rounded() ? .number(value, places: 0) : .ratio(value)
    }

    /// A cell of a listing's text: a number in a numeric column (as many decimals as written), a day
    /// written YYYY-MM-DD, nothing for an empty string, and text for everything else — codes too.
    static func reading(_ text: String, numeric: Bool) -> SheetCell {
        if text.isEmpty || text == "-" && numeric { return .empty }
        if numeric, let value = Double(text) {
            let places = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
            return .number(value, places: places)
        }
        if text.count == 10, let day = Day(iso: text) { return .date(day) }
        return .text(text)
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
