import CXLSXWriter
import Foundation

/// One cell of a report sheet, typed as Excel should hold it (reference §10).
public enum SheetCell: Sendable, Equatable {
    /// Codes, employee numbers, names: text, so that Excel keeps 010200's zeros and never reads
    /// `=…` as a formula.
    case text(String)
    /// Counts, hours, scores, totals: a number shown with `places` decimals.
    case number(Double, places: Int)
    /// A ratio 0…1, shown as a percentage with one decimal.
    case ratio(Double)
    /// A calendar day, shown as ISO or 和暦.
    case date(Day)
    case empty
}

/// How dates show in a sheet: `--date-style iso|wareki`.
public enum SheetDateStyle: String, Sendable, CaseIterable {
    case iso, wareki

    var numberFormat: String {
        switch self {
        case .iso: return "yyyy-mm-dd"
        // The Japanese calendar in the Japanese locale (LCID 411), which Excel and LibreOffice both
        // show: 令和8年4月1日. Excel's `[$-ja-JP-x-gannen]` would show 元年 for a first year, but
        // LibreOffice 7.4 does not read that locale and shows the serial number instead.
        case .wareki: return #"[$-411]ggge"年"m"月"d"日""#
        }
    }
}

/// A report as one sheet: its title line (the report, the tenant and the day) and its table.
public struct SheetDocument: Sendable {
    public var report: String
    public var tenant: String
    public var asOf: Day?
    public var headers: [String]
    public var rows: [[SheetCell]]

    public init(report: String, tenant: String, asOf: Day?, headers: [String], rows: [[SheetCell]]) {
        self.report = report
        self.tenant = tenant
        self.asOf = asOf
        self.headers = headers
        self.rows = rows
    }

    /// "report — tenant — day": the workbook's title.
    public var title: String { [report, tenant, asOf?.description].compactMap { $0 }.joined(separator: " — ") }

    /// The sheet's name: the report and the day, without the characters Excel refuses, at most 31.
    public var sheetName: String {
        let forbidden = Set("[]:*?/\\")
        let name = String(
            [report, asOf?.description].compactMap { $0 }.joined(separator: " ").filter { !forbidden.contains($0) })
        return String(name.prefix(31))
    }
}

/// Writes XLSX files with libxlsxwriter in its constant-memory mode: each row goes to a temporary
/// file as it is written, so a 100,000-row ranking takes no more memory than a short one.
///
/// The header row is frozen and has an autofilter; each column is as wide as its widest cell, a
/// full-width character counting two.
public enum SpreadsheetWriter {
    public static func write(_ document: SheetDocument, dateStyle: SheetDateStyle, to path: String) throws(DXSkillsError) {
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 0)
        guard let workbook = workbook_new_opt(path, &options) else {
            throw .invalid(Message(.sheetNotWritable, ["file": "\(path)"]))
        }
        let title = strdup(document.title)
        defer { free(title) }
        var properties = lxw_doc_properties()
        properties.title = title
        workbook_set_properties(workbook, &properties)
        let sheet = workbook_add_worksheet(workbook, document.sheetName)
        let formats = Formats(workbook, dateStyle: dateStyle)
        let columns = document.headers.count
        for column in 0..<columns {
            let width = widest(document, column: column, dateStyle: dateStyle)
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), Double(min(max(width, 4), 60)) + 2, nil)
        }
        for (column, header) in document.headers.enumerated() {
            worksheet_write_string(sheet, 0, lxw_col_t(column), header, formats.header)
        }
        // The rows written, to the CLI's progress line (reference §10.4); nobody watches the service's.
        let progress = ExportProgressReporter.current
        progress?.report(0, of: document.rows.count)
        for (index, row) in document.rows.enumerated() {
            let line = lxw_row_t(index + 1)
            for (column, cell) in row.prefix(columns).enumerated() {
                write(cell, sheet: sheet, row: line, column: lxw_col_t(column), formats: formats)
            }
            progress?.report(index + 1, of: document.rows.count)
        }
        worksheet_freeze_panes(sheet, 1, 0)
        if columns > 0 {
            worksheet_autofilter(sheet, 0, 0, lxw_row_t(document.rows.count), lxw_col_t(columns - 1))
        }
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw .invalid(Message(.sheetWriteFailed, ["file": "\(path)", "error": "\(String(cString: lxw_strerror(result)))"]))
        }
    }

    /// The workbook as bytes, for an HTTP answer: written to a temporary file (libxlsxwriter's
    /// constant-memory mode writes through files) and read back.
    public static func bytes(_ document: SheetDocument, dateStyle: SheetDateStyle) throws(DXSkillsError) -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dxskills-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(document, dateStyle: dateStyle, to: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalid(Message(.sheetUnreadable, ["file": "\(path)"]))
        }
        return Array(data)
    }

    /// The formats of one workbook.
    struct Formats {
        let header: UnsafeMutablePointer<lxw_format>?
        let text: UnsafeMutablePointer<lxw_format>?
        let integer: UnsafeMutablePointer<lxw_format>?
        let decimals: UnsafeMutablePointer<lxw_format>?
        let ratio: UnsafeMutablePointer<lxw_format>?
        let date: UnsafeMutablePointer<lxw_format>?

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>, dateStyle: SheetDateStyle) {
            func format(_ number: String?, bold: Bool = false) -> UnsafeMutablePointer<lxw_format>? {
                let format = workbook_add_format(workbook)
                if let number { format_set_num_format(format, number) }
                if bold { format_set_bold(format) }
                return format
            }
            header = format("@", bold: true)
            text = format("@")
            integer = format("0")
            decimals = format("0.00")
            ratio = format("0.0%")
            date = format(dateStyle.numberFormat)
        }
    }

    static func write(
        _ cell: SheetCell, sheet: UnsafeMutablePointer<lxw_worksheet>?, row: lxw_row_t, column: lxw_col_t, formats: Formats
    ) {
        switch cell {
        case .text(let text):
            // A string cell is never a formula, whatever it starts with (=, +, -, @).
            worksheet_write_string(sheet, row, column, text, formats.text)
        case .number(let value, let places):
            worksheet_write_number(sheet, row, column, value, places == 0 ? formats.integer : formats.decimals)
        case .ratio(let value):
            worksheet_write_number(sheet, row, column, value, formats.ratio)
        case .date(let day):
            var datetime = lxw_datetime(
                year: Int32(day.year), month: Int32(day.month), day: Int32(day.day), hour: 0, min: 0, sec: 0)
            worksheet_write_datetime(sheet, row, column, &datetime, formats.date)
        case .empty:
            break
        }
    }

    /// The widest cell of a column as shown, in half-width columns.
    static func widest(_ document: SheetDocument, column: Int, dateStyle: SheetDateStyle) -> Int {
        var width = displayWidth(document.headers[column])
        for row in document.rows where column < row.count {
            let shown: Int
            switch row[column] {
            case .text(let text): shown = displayWidth(text)
            case .number(let value, let places): shown = String(format: "%.\(places)f", value).count
            case .ratio: shown = 6
            case .date: shown = dateStyle == .iso ? 10 : 16
            case .empty: shown = 0
            }
            width = max(width, shown)
        }
        return width
    }
}
