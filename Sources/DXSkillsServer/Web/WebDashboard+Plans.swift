import DXSkillsCore
import DXSkillsSheets
import Hummingbird

extension WebDashboard {
    /// キャリアプラン: each information-track staff member's plan status on a day (reference §4.9), with the
    /// stages and exactly which requirements are still unmet, and placement warnings.
    func plans(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let language = caller.language
        let asOf = try Self.day(request)
        let status = Self.string(request, "status").flatMap(PlanStatus.init(rawValue:))
        let plans = try await withCaller(caller) { principal, connection in
            try await CareerPlanReport.run(
                principal: principal, unit: Self.string(request, "unit"), status: status, asOf: asOf, connection: connection,
                logger: database.logger)
        }
        if Self.wantsSheet(request) {
            return try sheetDownload(
                ReportSheets.plans(plans.map(APIHandlers.plan), Self.words(caller)), caller: caller, asOf: asOf,
                request: request)
        }
        func unmet(_ item: UnmetRequirement) -> String {
            if let skill = item.skill {
                return "\(skill) ≥ \(item.level ?? 0) (\(language.text("plan_reached")) \(item.reached ?? 0))"
            }
            if let cert = item.cert {
                return cert + (item.lapsedOn.map { " (\(language.text("plan_lapsed")) \($0))" } ?? "")
            }
            return item.course ?? ""
        }
        return page(
            "plans", title: "plans", request: request, caller: caller,
            content: PlansPage(
                asOf: asOf.description,
                statuses: PlanStatus.allCases.map {
                    WebOption(value: $0.rawValue, label: language.text("plan_" + $0.rawValue), selected: $0 == status)
                },
                counts: PlanStatus.allCases.map { value in
                    PlanCount(label: language.text("plan_" + value.rawValue), count: plans.count { $0.status == value })
                },
                plans: plans.map { plan in
                    PlanRow(
                        employeeNo: plan.employeeNo, name: plan.name, unit: plan.unitName ?? "-",
                        template: plan.templateName ?? "-", status: plan.status.rawValue,
                        statusLabel: language.text("plan_" + plan.status.rawValue),
                        stages: plan.stages.map { stage in
                            PlanStageRow(
                                name: stage.name, dueOn: stage.dueOn.description, status: stage.status.rawValue,
                                statusLabel: language.text("stage_" + stage.status.rawValue),
                                unmet: stage.unmet.map(unmet).joined(separator: ", "))
                        },
                        warnings: plan.warnings.map { warning in
                            "\(warning.stage): \(language.text("plan_warning_" + warning.reason.rawValue)) (\(warning.unitCode ?? "-"))"
                        }.joined(separator: "; "),
                        hasWarnings: !plan.warnings.isEmpty)
                }))
    }
}
