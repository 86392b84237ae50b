import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Hummingbird

extension WebDashboard {
    /// The pages with an Excel download (Excelで保存): the page itself with `format=xlsx` answers the
    /// sheet of the report it shows — the same read, the same query — as `?format=xlsx` of the API
    /// and the CLI's `--format xlsx` write it (`ReportSheets`, reference §10.1).
    static let sheetPages: Set<String> = ["coverage", "leaders", "targets", "rankings", "plans"]

    /// Whether the request asks for the page's Excel file rather than the page.
    static func wantsSheet(_ request: Request) -> Bool { string(request, "format") == "xlsx" }

    /// The page's own address and query with `format=xlsx` (any other `format` dropped).
    static func sheetHref(_ request: Request) -> String {
        var items = request.uri.queryParameters.filter { $0.key != "format" }.map {
            "\(percent(String($0.key)))=\(percent(String($0.value)))"
        }
        items.append("format=xlsx")
        return request.uri.path + "?" + items.joined(separator: "&")
    }

    /// The words of the caller's language for a sheet.
    static func words(_ caller: WebCaller) -> Words { Words(japanese: caller.language == .ja) }

    /// A report's workbook for the browser to save; `date_style=wareki` shows its dates in 和暦.
    func sheetDownload(_ sheet: ReportSheet, caller: WebCaller, asOf: Day, request: Request) throws -> Response {
        let style: SheetDateStyle = Self.string(request, "date_style") == "wareki" ? .wareki : .iso
        let tenant = caller.principal.tenant
        let bytes = try SpreadsheetWriter.bytes(sheet.document(tenant: tenant, asOf: asOf), dateStyle: style)
        return Self.download(bytes, type: SheetRequest.contentType, name: sheet.fileName(tenant: tenant, asOf: asOf))
    }

    /// 異動影響プレビュー's Excel file: the page's form sent again to `/transfers?format=xlsx` with the
    /// same file; as the preview, nothing is written.
    func transfersSheet(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        try caller.principal.require(.admin, .hr, to: .actPreviewTransfers)
        let form = try await form(request, caller: caller, limit: BodyLimit.transfers)
        let fiscalYear = try Self.fiscalYear(in: form)
        let impact = try await Transfers.impact(
            form.files["file"] ?? [], fiscalYear: fiscalYear, principal: caller.principal, database: database,
            requestID: RequestScope.requestID)
        return try sheetDownload(
            ReportSheets.impact(APIHandlers.impact(impact), Self.words(caller)), caller: caller, asOf: .today(),
            request: request)
    }
}
