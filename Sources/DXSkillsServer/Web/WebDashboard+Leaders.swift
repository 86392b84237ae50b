import DXSkillsCore
import DXSkillsSheets
import Hummingbird

extension WebDashboard {
    /// DX推進リーダー配置: leader coverage per section (reference §4.5); sections without one stand out.
    func leaders(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let language = caller.language
        let asOf = try Self.day(request)
        let units = try await withCaller(caller) { principal, connection in
            try await LeaderCoverageReport.run(
                principal: principal, unit: Self.string(request, "unit"), asOf: asOf, connection: connection,
                logger: database.logger)
        }
        if Self.wantsSheet(request) {
            return try sheetDownload(
                ReportSheets.leaders(APIHandlers.leaders(units), Self.words(caller)), caller: caller, asOf: asOf,
                request: request)
        }
        let missing = units.filter { $0.leaders.isEmpty }
        return page(
            "leaders", title: "leaders", request: request, caller: caller,
            content: LeadersPage(
                asOf: asOf.description, missingCount: missing.count, unitCount: units.count,
                units: units.map { unit in
                    LeaderRow(
                        code: unit.unitCode, name: unit.unitName, leaders: unit.leaders.joined(separator: ", "),
                        subLeaders: unit.subLeaders.joined(separator: ", "), missing: unit.leaders.isEmpty)
                },
                warnings: units.flatMap { unit in
                    unit.warnings.map {
                        LeaderWarningRow(
                            code: unit.unitCode, name: unit.unitName, employeeNo: $0.employeeNo,
                            reason: language.text($0.reason.rawValue))
                    }
                }))
    }
}
