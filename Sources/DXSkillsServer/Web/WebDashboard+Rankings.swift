import DXSkillsCore
import DXSkillsSheets
import Foundation
import Hummingbird

extension WebDashboard {
    /// ランキング: the caller's subtree ranked for a fiscal year (reference §4.8); each read is audited by the core.
    func rankings(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let language = caller.language
        let fiscalYear = try Self.int(request, "fiscal_year") ?? Day.today().fiscalYear
        let group = Self.string(request, "group") ?? "none"
        let unit = Self.string(request, "unit")
        let asOf = try Self.string(request, "as_of").map { _ in try Self.day(request) }
        let (ranking, tree): (Ranking?, [UnitNode]) = try await withCaller(caller) { principal, connection in
            try principal.require(.admin, .hr, .evaluator, to: .actReadRankings)
            let tree = try await UnitTreeReport.run(
                principal: principal, unit: nil, asOf: .today(), connection: connection, logger: database.logger)
            // No criteria for the year is a message on the page, not an error page.
            do {
                _ = try await EvaluationCriteria.document(
                    fiscalYear: fiscalYear, connection: connection, logger: database.logger)
            } catch DXSkillsError.notFound {
                return (nil, tree)
            }
            let ranking = try await RankingReport.run(
                principal: principal, fiscalYear: fiscalYear, group: RankingGroup(group), unit: unit, asOf: asOf,
                // The Excel file is an export, audited as one like the CSV download.
                purpose: Self.wantsSheet(request) ? "xlsx" : "web", connection: connection, logger: database.logger)
            return (ranking, tree)
        }
        if let ranking, Self.wantsSheet(request) {
            return try sheetDownload(
                ReportSheets.rankings(APIHandlers.ranking(ranking), Self.words(caller)), caller: caller,
                asOf: ranking.asOf, request: request)
        }
        let groups = ["none", "grade", "job_track", "局", "部", "課"].map { value in
            let label = ["none": "group_none", "grade": "group_grade", "job_track": "group_job_track"][value]
            return WebOption(value: value, label: label.map(language.text) ?? value, selected: value == group)
        }
        var content = RankingsPage(
            fiscalYear: fiscalYear, groups: groups, asOf: ranking?.asOf.description ?? asOf?.description ?? "",
            found: ranking != nil,
            units: tree.map {
                WebOption(
                    value: $0.code, label: String(repeating: "　", count: $0.depth) + "\($0.name) (\($0.code))",
                    selected: $0.code == unit)
            })
        if let ranking {
            content.items = ranking.criteria.items.map(\.code)
            content.lines = ranking.lines.map { line in
                RankingRow(
                    rank: line.rank.map(String.init) ?? "", group: line.group, employeeNo: line.employeeNo,
                    name: line.name, unit: line.unitName, total: line.total ?? "",
                    percentile: line.percentile?.decimalText(places: 2) ?? "", incomplete: line.incomplete,
                    scores: line.scores.map { $0.score?.decimalText(places: 2) ?? "" })
            }
            content.download =
                "/rankings/download?"
                + Self.query([
                    ("fiscal_year", String(fiscalYear)), ("group", group), ("unit", unit), ("as_of", asOf?.description),
                    ("lang", language.rawValue),
                ])
        }
        return page("rankings", title: "rankings", request: request, caller: caller, content: content)
    }

    /// The same bytes as `GET /api/v1/rankings/export` and so as `dxskills rankings --format csv`:
    /// one function (`Ranking.csv`), UTF-8 with BOM by default, headers in `lang`.
    func rankingDownload(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        guard let fiscalYear = try Self.int(request, "fiscal_year") else {
            throw DXSkillsError.badParameter(Message(.parameterRequired, ["name": "fiscal_year"]))
        }
        let encoding = CSVOutputEncoding(rawValue: Self.string(request, "encoding") ?? "utf8-bom") ?? .utf8BOM
        let asOf = try Self.string(request, "as_of").map { _ in try Self.day(request) }
        let output = try await withCaller(caller) { principal, connection in
            let ranking = try await RankingReport.run(
                principal: principal, fiscalYear: fiscalYear, group: RankingGroup(Self.string(request, "group") ?? "none"),
                unit: Self.string(request, "unit"), asOf: asOf, purpose: "csv \(encoding.rawValue)", connection: connection,
                logger: database.logger)
            // Inside the transaction: a refused export rolls its audit row back with it.
            return try ranking.csv(encoding: encoding, replaceUnmappable: false, english: caller.language == .en)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=\(encoding == .sjis ? "shift_jis" : "utf-8")"
        headers[.contentDisposition] = "attachment; filename=\"ranking_\(fiscalYear).csv\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: output.bytes)))
    }
}
