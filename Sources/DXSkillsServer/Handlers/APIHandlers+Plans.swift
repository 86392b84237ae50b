import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets

extension APIHandlers {
    func setCareerTemplate(_ input: Operations.SetCareerTemplate.Input) async throws -> Operations.SetCareerTemplate.Output {
        let principal = try RequestScope.principal()
        try principal.require(.admin, .hr, to: .actSetTemplates)
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        let document = CareerTemplateDocument(
            code: body.code, name: body.name,
            stages: body.stages?.map { stage in
                .init(
                    name: stage.name, years: stage.years, placement: stage.placement,
                    requires: stage.requires?.map { .init(skill: $0.skill, level: $0.level, cert: $0.cert, course: $0.course) })
            })
        let stored = try await withCaller { principal, connection in
            try await CareerTemplates.set(
                document, connection: connection, context: TenantContext(principal, requestID: RequestScope.requestID),
                logger: logger)
        }
        return .ok(.init(body: .json(.init(code: stored.code, outcome: .init(stored.outcome)))))
    }

    func listCareerTemplates(_ input: Operations.ListCareerTemplates.Input) async throws
        -> Operations.ListCareerTemplates.Output
    {
        let templates = try await withCaller { _, connection in
            try await CareerTemplates.list(connection: connection, logger: logger)
        }
        return .ok(
            .init(
                body: .json(
                    templates.map { template in
                        .init(
                            code: template.code, name: template.name,
                            stages: template.stages.map { stage in
                                .init(
                                    name: stage.name, years: stage.years, placement: .init(stage.placement),
                                    requires: stage.requires.map {
                                        .init(skill: $0.skill, level: $0.level, cert: $0.cert, course: $0.course)
                                    })
                            })
                    })))
    }

    func listPlans(_ input: Operations.ListPlans.Input) async throws -> Operations.ListPlans.Output {
        let asOf = try Self.day(input.query.asOf)
        let plans = try await withCaller { principal, connection in
            try await CareerPlanReport.run(
                principal: principal, unit: input.query.unit,
                status: input.query.status.map { PlanStatus($0) }, asOf: asOf, connection: connection,
                logger: logger)
        }
        let document: [Components.Schemas.CareerPlan] = plans.map(Self.plan)
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.plans(document, sheet.words), asOf: asOf)
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }

    func getPlan(_ input: Operations.GetPlan.Input) async throws -> Operations.GetPlan.Output {
        let asOf = try Self.day(input.query.asOf)
        let plans = try await withCaller { principal, connection in
            try await CareerPlanReport.run(
                principal: principal, employeeNo: input.path.employeeNo, asOf: asOf, connection: connection, logger: logger)
        }
        return .ok(.init(body: .json(plans.map(Self.plan))))
    }

    static func plan(_ plan: CareerPlanStatus) -> Components.Schemas.CareerPlan {
        .init(
            employeeNo: plan.employeeNo, name: plan.name, unitCode: plan.unitCode, unitName: plan.unitName,
            template: plan.template, templateName: plan.templateName, startOn: plan.startOn?.description,
            status: .init(plan.status),
            stages: plan.stages.map { stage in
                .init(
                    name: stage.name, placement: .init(stage.placement), dueOn: stage.dueOn.description,
                    status: .init(stage.status),
                    unmet: stage.unmet.map {
                        .init(
                            skill: $0.skill, level: $0.level, reached: $0.reached, cert: $0.cert,
                            lapsedOn: $0.lapsedOn?.description,
                            course: $0.course)
                    })
            },
            warnings: plan.warnings.map {
                .init(
                    reason: .init($0.reason), stage: $0.stage,
                    placement: .init($0.placement), unitCode: $0.unitCode)
            })
    }
}
