import DXSkillsAPI
import DXSkillsCore
import Hummingbird
import OpenAPIRuntime

extension APIHandlers {
    func importFile(_ input: Operations.ImportFile.Input) async throws -> Operations.ImportFile.Output {
        let principal = try RequestScope.principal()
        guard let kind = ImportKind(rawValue: input.path.kind.rawValue) else {
            throw DXSkillsError.badParameter("unknown import kind \(input.path.kind.rawValue)")
        }
        guard kind.allows(principal.role) else {
            throw DXSkillsError.forbidden("role \(principal.role.rawValue) may not import \(kind.rawValue)")
        }
        guard case .csv(let body) = input.body else { throw DXSkillsError.badParameter("the body must be text/csv") }
        let bytes: [UInt8]
        do {
            bytes = try await [UInt8](collecting: body, upTo: maxUploadBytes)
        } catch {
            throw HTTPError(.contentTooLarge, message: "the file is larger than \(maxUploadBytes / 1_048_576) MiB")
        }
        let options = ImportOptions(
            encoding: input.query.encoding.flatMap { TextEncoding(rawValue: $0.rawValue) },
            dryRun: input.query.dryRun ?? false,
            ignoreUnknownColumns: input.query.ignoreUnknownColumns ?? false, fiscalYear: input.query.fiscalYear)
        let summary = try await Importer.run(
            kind, bytes: bytes, options: options, database: database,
            context: TenantContext(principal, requestID: RequestScope.requestID), scope: principal.scope, caller: principal)
        logger.info(
            "import finished",
            metadata: [
                "kind": "\(kind.rawValue)", "rows": "\(summary.rows)", "inserted": "\(summary.inserted)",
                "updated": "\(summary.updated)", "dry_run": "\(summary.dryRun)",
            ])
        return .ok(
            .init(
                body: .json(
                    .init(
                        kind: summary.kind, rows: summary.rows, inserted: summary.inserted, updated: summary.updated,
                        unchanged: summary.unchanged, transfers: summary.transfers, dryRun: summary.dryRun,
                        encoding: summary.encoding))))
    }
}
