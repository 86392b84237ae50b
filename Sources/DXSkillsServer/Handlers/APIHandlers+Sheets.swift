import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation
import OpenAPIRuntime

/// A report asked for as an Excel workbook (reference §10.1): `?format=xlsx`, or an `Accept` header
/// that prefers XLSX to JSON. The handler reads the report exactly as for JSON — the caller's role
/// and scope are checked by that read — and only then builds the sheet, from the same values the
/// JSON answer holds (`ReportSheets`, which the CLI's `--format xlsx` uses too).
struct SheetRequest: Sendable {
    static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    let dateStyle: SheetDateStyle
    let words: Words

    /// Nil for JSON.
    init?<Acceptable: AcceptableProtocol>(
        format: Components.Parameters.ReportFormat?, dateStyle: Components.Parameters.DateStyle?,
        lang: Components.Parameters.SheetLanguage?, accept: [AcceptHeaderContentType<Acceptable>]
    ) {
        switch format {
        case .xlsx: break
        case .json: return nil
        case nil:
            guard Self.prefersSheet(accept.map { ($0.contentType.rawValue, $0.quality.doubleValue) }) else { return nil }
        }
        self.dateStyle = dateStyle == .wareki ? .wareki : .iso
        words = Words(japanese: lang != .en)
    }

    /// Whether an `Accept` header asks for XLSX rather than JSON: XLSX at a higher quality than JSON
    /// or a wildcard (a tie is JSON, the default).
    static func prefersSheet(_ accepted: [(type: String, quality: Double)]) -> Bool {
        func quality(_ matches: (String) -> Bool) -> Double {
            accepted.filter { matches($0.type.lowercased()) }.map(\.quality).max() ?? 0
        }
        let sheet = quality { $0 == contentType }
        let json = quality { $0 == "application/json" || $0 == "*/*" || $0 == "application/*" }
        return sheet > json
    }

    /// The workbook of `sheet` for the caller's tenant, and its `Content-Disposition`.
    func file(_ sheet: ReportSheet, asOf: Day) throws -> (body: HTTPBody, disposition: String) {
        let tenant = try RequestScope.principal().tenant
        let bytes = try SpreadsheetWriter.bytes(sheet.document(tenant: tenant, asOf: asOf), dateStyle: dateStyle)
        return (HTTPBody(bytes), APIHandlers.attachment(sheet.fileName(tenant: tenant, asOf: asOf)))
    }
}
