import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Hummingbird
import OpenAPIRuntime

extension APIHandlers {
    /// A planned-transfers file, at most the route's limit (the body guard enforces the same).
    func uploadedBytes(_ body: HTTPBody) async throws -> [UInt8] {
        try await Self.collect(body, upTo: BodyLimit.transfers)
    }

    func previewTransfers(_ input: Operations.PreviewTransfers.Input) async throws -> Operations.PreviewTransfers.Output {
        guard case .csv(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeCSV)) }
        let impact = try await Transfers.impact(
            try await uploadedBytes(body), fiscalYear: input.query.fiscalYear, principal: try RequestScope.principal(),
            database: database, requestID: RequestScope.requestID)
        let document = Self.impact(impact)
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.impact(document, sheet.words), asOf: Day.today())
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }

    static func impact(_ impact: TransferImpact) -> Components.Schemas.TransferImpact {
        .init(
            effectiveOn: impact.effectiveOn, fiscalYear: impact.fiscalYear,
            changes: impact.changes.map {
                .init(targetIndex: $0.targetIndex, unitCode: $0.unitCode, before: $0.before, after: $0.after)
            },
            leadersLeaving: impact.leadersLeaving.map {
                .init(employeeNo: $0.employeeNo, unitCode: $0.unitCode, role: $0.role)
            })
    }

    func applyTransfers(_ input: Operations.ApplyTransfers.Input) async throws -> Operations.ApplyTransfers.Output {
        guard case .csv(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeCSV)) }
        let applied = try await Transfers.apply(
            try await uploadedBytes(body), principal: try RequestScope.principal(), database: database,
            requestID: RequestScope.requestID)
        return .ok(.init(body: .json(.init(applied: applied))))
    }
}
