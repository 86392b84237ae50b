import DXSkillsAPI
import DXSkillsCore
import Foundation
import Hummingbird
import OpenAPIRuntime

extension APIHandlers {
    func importFile(_ input: Operations.ImportFile.Input) async throws -> Operations.ImportFile.Output {
        let principal = try RequestScope.principal()
        guard let kind = ImportKind(rawValue: input.path.kind.rawValue) else {
            throw DXSkillsError.badParameter(Message(.unknownImportKind, ["kind": "\(input.path.kind.rawValue)"]))
        }
        guard kind.allows(principal.role) else {
            throw DXSkillsError.forbidden(
                Message(
                    .forbidRole,
                    ["role": "\(principal.role.rawValue)", "action": .message(Message(.actImport, ["kind": "\(kind.rawValue)"]))])
            )
        }
        guard case .csv(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeCSV)) }
        let upload = Upload(try await Self.collect(body, upTo: maxUploadBytes))
        let options = ImportOptions(
            encoding: input.query.encoding.flatMap { TextEncoding(rawValue: $0.rawValue) },
            dryRun: input.query.dryRun ?? false,
            ignoreUnknownColumns: input.query.ignoreUnknownColumns ?? false, fiscalYear: input.query.fiscalYear)
        let run = { @Sendable [database, logger] in
            let summary = try await Importer.run(
                kind, upload: upload, options: options, database: database,
                context: TenantContext(principal, requestID: RequestScope.requestID), scope: principal.scope,
                caller: principal)
            logger.info(
                "import finished",
                metadata: [
                    "kind": "\(kind.rawValue)", "rows": "\(summary.rows)", "inserted": "\(summary.inserted)",
                    "updated": "\(summary.updated)", "dry_run": "\(summary.dryRun)",
                ])
            return Components.Schemas.ImportSummary(
                kind: summary.kind, rows: summary.rows, inserted: summary.inserted, updated: summary.updated,
                unchanged: summary.unchanged, transfers: summary.transfers, dryRun: summary.dryRun,
                encoding: summary.encoding)
        }
        guard Self.streams(input.headers.accept) else { return .ok(.init(body: .json(try await run()))) }
        return .ok(.init(body: .applicationXNdjson(Self.progressStream(run))))
    }
}

extension APIHandlers {
    /// Whether the client asked for the streamed answer: `application/x-ndjson` preferred to JSON.
    static func streams(_ accept: [AcceptHeaderContentType<Operations.ImportFile.AcceptableContentType>]) -> Bool {
        guard let stream = accept.first(where: { $0.contentType == .applicationXNdjson }) else { return false }
        let json = accept.first { $0.contentType == .json }
        return stream.quality.doubleValue > (json?.quality.doubleValue ?? 0)
    }

    /// The import run while its progress goes out as JSON lines (reference §10.4): `{"progress": …}`
    /// at most twice a second, then `{"result": summary}` or `{"problem": …}` (the problem document
    /// the plain answer would have had, status included). The import goes on if the client leaves:
    /// it commits or rolls back whole either way.
    static func progressStream(_ run: @escaping @Sendable () async throws -> Components.Schemas.ImportSummary)
        -> HTTPBody
    {
        let (stream, continuation) = AsyncStream<ArraySlice<UInt8>>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let language = RequestScope.current?.language ?? .en
        let requestID = RequestScope.requestID ?? ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[Language.codingKey] = language
        @Sendable func send(_ line: some Encodable) {
            guard var data = try? encoder.encode(line) else { return }
            data.append(0x0A)
            continuation.yield(ArraySlice(data))
        }
        let reporter = ImportProgressReporter { send(ProgressLine(progress: ProgressLine.document($0))) }
        Task {
            do {
                let summary = try await ImportProgressReporter.$current.withValue(reporter) { try await run() }
                send(ResultLine(result: summary))
            } catch {
                let problem = Problem(error, requestID: requestID, language: language)
                if problem.status >= 500 {
                    RequestScope.current?.logger.error(
                        "streamed import failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                // The audit keeps one language, English, whatever the client reads.
                await RequestScope.current?.recordRefusal(Problem(error, requestID: requestID))
                send(ProblemLine(problem: problem))
            }
            continuation.finish()
        }
        return HTTPBody(stream, length: .unknown, iterationBehavior: .single)
    }

    struct ProgressLine: Encodable {
        let progress: Components.Schemas.ImportProgressLine

        static func document(_ progress: ImportProgress) -> Components.Schemas.ImportProgressLine {
            .init(
                phase: progress.phase == .writing ? .writing : .checking, rows: progress.rows, total: progress.total,
                percent: (progress.fraction * 1000).rounded() / 10, elapsedSeconds: seconds(progress.elapsed),
                etaSeconds: progress.remaining.map(seconds))
        }

        static func seconds(_ duration: Duration) -> Double {
            let (seconds, attoseconds) = duration.components
            return ((Double(seconds) + Double(attoseconds) / 1e18) * 10).rounded() / 10
        }
    }

    struct ResultLine: Encodable {
        let result: Components.Schemas.ImportSummary
    }

    struct ProblemLine: Encodable {
        let problem: Problem
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
