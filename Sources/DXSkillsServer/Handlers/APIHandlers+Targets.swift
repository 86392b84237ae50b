import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets

extension APIHandlers {
    func setTargets(_ input: Operations.SetTargets.Input) async throws -> Operations.SetTargets.Output {
        let principal = try RequestScope.principal()
        try principal.require(.admin, .hr, to: .actSetTargets)
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        let document = TargetDocument(
            fiscalYear: body.fiscalYear,
            targets: body.targets.map {
                .init(
                    type: $0._type, unitKind: $0.unitKind, min: $0.min, minRatio: $0.minRatio, course: $0.course, skill: $0.skill,
                    level: $0.level)
            })
        try await withCaller { principal, connection in
            try await Targets.set(
                document, connection: connection, context: TenantContext(principal, requestID: RequestScope.requestID),
                logger: logger)
        }
        return .noContent(.init())
    }

    func getTargetsReport(_ input: Operations.GetTargetsReport.Input) async throws -> Operations.GetTargetsReport.Output {
        let asOf = try Self.day(input.query.asOf)
        let results = try await withCaller { principal, connection in
            try await TargetsReport.run(
                principal: principal, fiscalYear: input.path.fiscalYear, asOf: asOf, connection: connection, logger: logger)
        }
        let document = Self.targets(results)
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.targets(document, sheet.words), asOf: asOf)
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }

    static func targets(_ core: [TargetResult]) -> [Components.Schemas.TargetResult] {
        core.map {
            .init(targetIndex: $0.targetIndex, unitCode: $0.unitCode, actual: $0.actual, goal: $0.goal, met: $0.met)
        }
    }
}
