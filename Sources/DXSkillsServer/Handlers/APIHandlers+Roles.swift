import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets

extension APIHandlers {
    func listRoleGrants(_ input: Operations.ListRoleGrants.Input) async throws -> Operations.ListRoleGrants.Output {
        let asOf = try Self.day(input.query.asOf)
        let lines = try await withCaller { principal, connection in
            try await RoleGrantsReport.run(
                principal: principal, unit: input.query.unit, asOf: asOf, connection: connection, logger: logger)
        }
        let document: [Components.Schemas.RoleGrant] =
            lines.map {
                .init(
                    user: $0.user, employeeNo: $0.employeeNo, name: $0.name, role: .init($0.role),
                    unitCode: $0.unitCode, unitName: $0.unitName, validFrom: $0.validFrom.description,
                    validTo: $0.validTo?.description)
            }
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.roles(document, sheet.words), asOf: asOf)
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }
}
