import DXSkillsCore
import DXSkillsSheets
import Foundation
import Hummingbird

extension WebDashboard {
    /// 目標達成状況: each target of a fiscal year, met or not per unit (reference §4.6).
    func targets(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let language = caller.language
        let asOf = try Self.day(request)
        let fiscalYear = try Self.int(request, "fiscal_year") ?? asOf.fiscalYear
        let found: (TargetDocument, [TargetResult], [String: String])? = try await withCaller(caller) {
            principal, connection in
            let document: TargetDocument
            do {
                document = try await Targets.document(
                    fiscalYear: fiscalYear, connection: connection, logger: database.logger)
            } catch DXSkillsError.notFound {
                return nil
            }
            let results = try await TargetsReport.run(
                principal: principal, fiscalYear: fiscalYear, asOf: asOf, connection: connection, logger: database.logger)
            let names = try await UnitTreeReport.run(
                principal: principal, unit: nil, asOf: asOf, connection: connection, logger: database.logger)
            return (document, results, Dictionary(names.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
        }
        var content = TargetsPage(asOf: asOf.description, fiscalYear: fiscalYear, found: found != nil)
        if let found {
            let (document, results, names) = found
            if Self.wantsSheet(request) {
                return try sheetDownload(
                    ReportSheets.targets(APIHandlers.targets(results), Self.words(caller)), caller: caller, asOf: asOf,
                    request: request)
            }
            content.metCount = results.filter(\.met).count
            content.resultCount = results.count
            content.targets = document.targets.enumerated().map { index, target in
                let mine = results.filter { $0.targetIndex == index }
                let ratio = target.minRatio != nil
                return TargetSection(
                    index: index, description: Self.describe(target, language: language),
                    metCount: mine.filter(\.met).count, count: mine.count,
                    results: mine.map { result in
                        TargetResultRow(
                            unit: result.unitCode.map { "\(names[$0] ?? "") (\($0))" } ?? language.text("tenant_wide"),
                            actual: Self.amount(result.actual, ratio: ratio),
                            goal: Self.amount(result.goal, ratio: ratio), met: result.met)
                    })
            }
        }
        return page("targets", title: "targets", request: request, caller: caller, content: content)
    }

    /// A target in words, e.g. 「課ごとに DX推進リーダー 1 人以上」.
    static func describe(_ target: TargetDocument.Target, language: WebLanguage) -> String {
        let ja = language == .ja
        let per = target.unitKind.map { ja ? "\($0)ごとに" : "per \($0): " } ?? (ja ? "全庁で" : "tenant-wide: ")
        let ratio = target.minRatio.map { amount($0, ratio: true) } ?? ""
        let min = target.min.map(String.init) ?? ""
        let skill = "\(target.skill ?? "") Lv\(target.level ?? 1)"
        switch target.type {
        case "leaders_per_unit":
            return ja ? "\(per)DX推進リーダー \(min) 人以上" : "\(per)at least \(min) DX leader(s)"
        case "completion_ratio":
            return ja
                ? "\(per)研修 \(target.course ?? "") の修了率 \(ratio) 以上"
                : "\(per)\(target.course ?? "") completed by \(ratio) or more"
        case "skill_count":
            return ja ? "\(per)\(skill) 以上の職員 \(min) 人以上" : "\(per)at least \(min) staff at \(skill) or above"
        case "skill_ratio":
            return ja ? "\(per)\(skill) 以上の職員の割合 \(ratio) 以上" : "\(per)\(ratio) or more of staff at \(skill) or above"
        default:
            return target.type
        }
    }

    /// A count as a whole number, a ratio as a percentage; n/a for a ratio without headcount.
    static func amount(_ value: Double?, ratio: Bool) -> String {
        guard let value else { return "n/a" }
        return ratio ? String(format: "%.1f%%", value * 100) : String(format: "%.0f", value)
    }
}
