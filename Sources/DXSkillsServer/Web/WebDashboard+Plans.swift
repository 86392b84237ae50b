import DXSkillsCore
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
            data: [
                "as_of": asOf.description,
                "statuses": PlanStatus.allCases.map {
                    [
                        "value": $0.rawValue, "label": language.text("plan_" + $0.rawValue),
                        "selected": $0 == status,
                    ] as [String: Any]
                },
                "counts": PlanStatus.allCases.map { value in
                    ["label": language.text("plan_" + value.rawValue), "count": plans.count { $0.status == value }]
                        as [String: Any]
                },
                "plans": plans.map { plan in
                    [
                        "employee_no": plan.employeeNo, "name": plan.name, "unit": plan.unitName ?? "-",
                        "template": plan.templateName ?? "-", "status": plan.status.rawValue,
                        "status_label": language.text("plan_" + plan.status.rawValue),
                        "stages": plan.stages.map { stage in
                            [
                                "name": stage.name, "due_on": stage.dueOn.description, "status": stage.status.rawValue,
                                "status_label": language.text("stage_" + stage.status.rawValue),
                                "unmet": stage.unmet.map(unmet).joined(separator: ", "),
                            ] as [String: Any]
                        },
                        "warnings": plan.warnings.map { warning in
                            "\(warning.stage): \(language.text("plan_warning_" + warning.reason.rawValue)) (\(warning.unitCode ?? "-"))"
                        }.joined(separator: "; "),
                        "has_warnings": !plan.warnings.isEmpty,
                    ] as [String: Any]
                },
            ])
    }
}
