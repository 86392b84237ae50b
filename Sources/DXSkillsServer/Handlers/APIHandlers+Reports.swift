import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets

extension APIHandlers {
    func getCoverage(_ input: Operations.GetCoverage.Input) async throws -> Operations.GetCoverage.Output {
        let asOf = try Self.day(input.query.asOf)
        let lines = try await withCaller { principal, connection in
            try await CoverageReport.run(
                principal: principal, unit: input.query.unit, kind: input.query.kind, skill: input.query.skill,
                level: input.query.level ?? 1, asOf: asOf, connection: connection, logger: logger)
        }
        let document = Self.coverage(lines)
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.coverage(document, sheet.words), asOf: asOf)
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }

    func getCompletion(_ input: Operations.GetCompletion.Input) async throws -> Operations.GetCompletion.Output {
        let asOf = try Self.day(input.query.asOf)
        let lines = try await withCaller { principal, connection in
            try await CompletionReport.run(
                principal: principal, course: input.query.course, unit: input.query.unit, kind: input.query.kind,
                fiscalYear: input.query.fiscalYear, asOf: asOf, connection: connection, logger: logger)
        }
        let document: [Components.Schemas.CompletionLine] =
            lines.map {
                .init(
                    unitCode: $0.unitCode, unitName: $0.unitName, courseCode: $0.courseCode, headcount: $0.headcount,
                    count: $0.count, ratio: $0.ratio.value)
            }
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.completion(document, sheet.words), asOf: asOf)
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }

    func getExpiringCertifications(_ input: Operations.GetExpiringCertifications.Input) async throws
        -> Operations.GetExpiringCertifications.Output
    {
        let asOf = try Self.day(input.query.asOf)
        let holdings = try await withCaller { principal, connection in
            try await ExpiringCertificationsReport.run(
                principal: principal, within: input.query.within ?? 90, asOf: asOf, connection: connection, logger: logger)
        }
        let document: [Components.Schemas.ExpiringCertification] =
            holdings.map {
                .init(
                    employeeNo: $0.employeeNo, name: $0.name, certCode: $0.certCode, certName: $0.certName,
                    expiresOn: $0.expiresOn.description)
            }
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.expiring(document, sheet.words), asOf: asOf)
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }

    static func coverage(_ core: [CoverageLine]) -> [Components.Schemas.CoverageLine] {
        core.map {
            .init(
                unitCode: $0.unitCode, unitName: $0.unitName, skillCode: $0.skillCode, level: $0.level,
                headcount: $0.headcount, count: $0.count, ratio: $0.ratio.value)
        }
    }
}

extension APIHandlers {
    func getLeaders(_ input: Operations.GetLeaders.Input) async throws -> Operations.GetLeaders.Output {
        let asOf = try Self.day(input.query.asOf)
        let units = try await withCaller { principal, connection in
            try await LeaderCoverageReport.run(
                principal: principal, unit: input.query.unit, asOf: asOf, connection: connection, logger: logger)
        }
        let document = Self.leaders(units)
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.leaders(document, sheet.words), asOf: asOf)
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }

    static func leaders(_ core: [LeaderCoverage]) -> [Components.Schemas.LeaderCoverage] {
        core.map { unit in
            .init(
                unitCode: unit.unitCode, unitName: unit.unitName, leaders: unit.leaders, subLeaders: unit.subLeaders,
                warnings: unit.warnings.map { .init(employeeNo: $0.employeeNo, reason: .init($0.reason)) })
        }
    }
}
