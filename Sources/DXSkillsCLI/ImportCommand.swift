import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation
import OpenAPIRuntime

struct ImportCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "import",
            abstract: .catalog(.importAbstract),
            discussion: .catalog(.importDiscussion, ["kinds": ImportKind.allCases.map(\.rawValue).joined(separator: " ")]))
    }

    @Argument(help: .catalog(.importKind)) var kind: ImportKind
    @Argument(help: .catalog(.importFile)) var file: String
    @Option(help: .catalog(.importEncoding)) var encoding: TextEncoding?
    @Flag(name: .customLong("dry-run"), help: .catalog(.importDryRun)) var dryRun = false
    @Flag(name: .customLong("ignore-unknown-columns"), help: .catalog(.importIgnoreUnknownColumns))
    var ignoreUnknownColumns = false
    @Option(
        name: .customLong("fiscal-year"),
        help: .catalog(.importFiscalYear))
    var fiscalYear: Int?
    @OptionGroup var output: OutputOptions

    /// The flag that reads a Shift_JIS file the detection took for broken UTF-8.
    static func hint(_ error: CLIError) -> String? {
        error.issues.contains { $0.key == MessageKey.fileNotUTF8.rawValue }
            ? "--encoding sjis reads the file as Shift_JIS (CP932) / --encoding sjis で Shift_JIS(CP932)として読み込みます" : nil
    }

    struct Summary: Encodable {
        let kind: String
        let rows: Int
        let inserted: Int
        let updated: Int
        let unchanged: Int
        let transfers: Int
        let dry_run: Bool
        let encoding: String
    }

    func run() async throws {
        try await reportingErrors(file: file, hint: Self.hint) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError(.usage, Message(.cliCannotRead, ["file": "\(file)"]))
            }
            let client = try makeClient(try Credentials.load())
            // The service streams its progress while it checks and writes the file (reference §10.4).
            let summary = try await callAPI {
                let body = try await client.importFile(
                    path: .init(kind: .init(kind)),
                    query: .init(
                        dryRun: dryRun, encoding: encoding.map { .init($0) },
                        ignoreUnknownColumns: ignoreUnknownColumns, fiscalYear: fiscalYear),
                    headers: .init(accept: [.init(contentType: .applicationXNdjson)]),
                    body: .csv(HTTPBody(data))
                ).ok.body
                switch body {
                case .json(let summary): return summary
                case .applicationXNdjson(let stream):
                    return try await ImportProgressDisplay(file: file).follow(stream)
                }
            }
            if output.format == .json {
                printJSON(
                    Summary(
                        kind: summary.kind, rows: summary.rows, inserted: summary.inserted, updated: summary.updated,
                        unchanged: summary.unchanged, transfers: summary.transfers, dry_run: summary.dryRun,
                        encoding: summary.encoding))
            } else {
                print(
                    Words(output.language).importSummary(
                        ImportSummaryView(
                            kind: summary.kind, rows: summary.rows, inserted: summary.inserted, updated: summary.updated,
                            unchanged: summary.unchanged, transfers: summary.transfers, dryRun: summary.dryRun,
                            encoding: summary.encoding)))
            }
        }
    }
}
