import DXSkillsCore
import DXSkillsSheets
import Hummingbird

extension WebDashboard {
    /// 組織別スキル充足: Coverage (reference §4.4) of a unit and the units directly below it, per skill.
    func coverage(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let language = caller.language
        let asOf = try Self.day(request)
        let level = try Self.int(request, "level") ?? 1
        let requested = Self.string(request, "unit")
        let (lines, tree) = try await withCaller(caller) { principal, connection in
            let lines = try await CoverageReport.run(
                principal: principal, unit: requested, kind: nil, skill: nil, level: level, asOf: asOf,
                connection: connection, logger: database.logger)
            let tree = try await UnitTreeReport.run(
                principal: principal, unit: nil, asOf: asOf, connection: connection, logger: database.logger)
            return (lines, tree)
        }
        if Self.wantsSheet(request) {
            return try sheetDownload(
                ReportSheets.coverage(APIHandlers.coverage(lines), Self.words(caller)), caller: caller, asOf: asOf,
                request: request)
        }
        var selected = requested
        if selected == nil, case .subtree(let root) = caller.principal.scope { selected = root }
        let map = HeatMap(lines: lines, tree: tree, selected: selected)
        func link(_ unit: String?) -> String {
            "/coverage?" + Self.query([("unit", unit), ("as_of", asOf.description), ("level", String(level))])
        }
        let rows = map.rows.map { row in
            CoverageRow(
                code: row.unit.code, name: row.unit.name, kind: row.unit.kind, selected: row.isSelected,
                drill: row.hasChildren && !row.isSelected, href: link(row.unit.code),
                cells: row.cells.map { cell in
                    CoverageCell(
                        skill: cell.skillCode, count: cell.count, headcount: cell.headcount, bin: cell.bin,
                        percent: HeatMap.percent(cell.ratio),
                        title:
                            "\(row.unit.name) × \(cell.skillCode) Lv\(level)+: \(cell.count)/\(cell.headcount) (\(HeatMap.percent(cell.ratio)))"
                    )
                })
        }
        let breadcrumb =
            [CoverageCrumb(name: language.text("whole_scope"), href: link(nil))]
            + HeatMap.path(to: selected, in: tree).map { CoverageCrumb(name: $0.name, href: link($0.code)) }
        let levels = SkillLevel.names.map { entry in
            WebOption(
                value: String(entry.level), label: "\(entry.level) \(language == .ja ? entry.japanese : entry.english)",
                selected: entry.level == level)
        }
        let legend = (0...5).map { bin in
            CoverageLegendEntry(
                bin: bin,
                label: bin == 0 ? language.text("not_applicable") : "\((bin - 1) * 20)–\(bin == 5 ? 100 : bin * 20 - 1)%")
        }
        let table = map.rows.flatMap { row in
            row.cells.map {
                CoverageTableLine(
                    code: row.unit.code, name: row.unit.name, skill: $0.skillCode, headcount: $0.headcount,
                    count: $0.count, percent: HeatMap.percent($0.ratio))
            }
        }
        return page(
            "coverage", title: "coverage", request: request, caller: caller,
            content: CoveragePage(
                asOf: asOf.description, levels: levels, level: level, unit: selected ?? "", skills: map.skills,
                rows: rows, breadcrumb: breadcrumb, legend: legend, lines: table))
    }
}
