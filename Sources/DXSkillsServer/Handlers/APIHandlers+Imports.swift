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
        let upload = Upload(try await Self.collect(body, upTo: maxUploadBytes))
        let options = ImportOptions(
            encoding: input.query.encoding.flatMap { TextEncoding(rawValue: $0.rawValue) },
            dryRun: input.query.dryRun ?? false,
            ignoreUnknownColumns: input.query.ignoreUnknownColumns ?? false, fiscalYear: input.query.fiscalYear)
        let summary = try await Importer.run(
            kind, upload: upload, options: options, database: database,
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

extension APIHandlers {
    /// An uploaded body in one allocation of its announced length (growing by doubling would hold up
    /// to three times the file at a peak); refused past `limit`.
    static func collect(_ body: HTTPBody, upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        if case .known(let length) = body.length {
            guard length <= limit else { throw BodyLimit.tooLarge(limit) }
            bytes.reserveCapacity(Int(length))
        }
        for try await chunk in body {
            guard bytes.count + chunk.count <= limit else { throw BodyLimit.tooLarge(limit) }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
