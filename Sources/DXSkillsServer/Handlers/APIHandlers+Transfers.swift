import DXSkillsAPI
import DXSkillsCore
import Hummingbird
import OpenAPIRuntime

extension APIHandlers {
    /// A planned-transfers file, at most the route's limit (the body guard enforces the same).
    func uploadedBytes(_ body: HTTPBody) async throws -> [UInt8] {
        try await Self.collect(body, upTo: BodyLimit.transfers)
    }

    func previewTransfers(_ input: Operations.PreviewTransfers.Input) async throws -> Operations.PreviewTransfers.Output {
        guard case .csv(let body) = input.body else { throw DXSkillsError.badParameter("the body must be text/csv") }
        let impact = try await Transfers.impact(
            try await uploadedBytes(body), fiscalYear: input.query.fiscalYear, principal: try RequestScope.principal(),
            database: database, requestID: RequestScope.requestID)
        return .ok(
            .init(
                body: .json(
                    .init(
                        effectiveOn: impact.effectiveOn, fiscalYear: impact.fiscalYear,
                        changes: impact.changes.map {
                            .init(targetIndex: $0.targetIndex, unitCode: $0.unitCode, before: $0.before, after: $0.after)
                        },
                        leadersLeaving: impact.leadersLeaving.map {
                            .init(employeeNo: $0.employeeNo, unitCode: $0.unitCode, role: $0.role)
                        }))))
    }

    func applyTransfers(_ input: Operations.ApplyTransfers.Input) async throws -> Operations.ApplyTransfers.Output {
        guard case .csv(let body) = input.body else { throw DXSkillsError.badParameter("the body must be text/csv") }
        let applied = try await Transfers.apply(
            try await uploadedBytes(body), principal: try RequestScope.principal(), database: database,
            requestID: RequestScope.requestID)
        return .ok(.init(body: .json(.init(applied: applied))))
    }
}
