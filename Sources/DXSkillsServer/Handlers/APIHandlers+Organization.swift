import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import PostgresNIO

extension APIHandlers {
    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        try await withCaller { principal, connection in
            let names = try await connection.query("SELECT name FROM tenants", logger: logger).decode(String.self).collect()
            return .ok(
                .init(
                    body: .json(
                        .init(
                            tenant: principal.tenant, tenantName: names.first ?? "", user: principal.userName,
                            role: .init(principal.role), unitCode: principal.unitCode,
                            employeeNo: principal.employeeNo))))
        }
    }

    func listUnits(_ input: Operations.ListUnits.Input) async throws -> Operations.ListUnits.Output {
        let asOf = try Self.day(input.query.asOf)
        let nodes = try await withCaller { principal, connection in
            try await UnitTreeReport.run(
                principal: principal, unit: input.query.unit, asOf: asOf, connection: connection, logger: logger)
        }
        return .ok(
            .init(
                body: .json(
                    nodes.map {
                        .init(
                            code: $0.code, name: $0.name, kind: $0.kind, parentCode: $0.parentCode,
                            validFrom: $0.validFrom.description,
                            validTo: $0.validTo?.description, itDepartment: $0.itDepartment, depth: $0.depth)
                    })))
    }

    func getHeadcount(_ input: Operations.GetHeadcount.Input) async throws -> Operations.GetHeadcount.Output {
        let asOf = try Self.day(input.query.asOf)
        let lines = try await withCaller { principal, connection in
            try await HeadcountReport.run(
                principal: principal, unit: input.query.unit, asOf: asOf, connection: connection, logger: logger)
        }
        let document: [Components.Schemas.HeadcountLine] =
            lines.map {
                .init(
                    unitCode: $0.unitCode, unitName: $0.unitName, kind: $0.kind, depth: $0.depth, headcount: $0.headcount)
            }
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.headcount(document, sheet.words), asOf: asOf)
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }
}
