import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation

struct TargetsCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "targets", abstract: .catalog(.targetsAbstract), subcommands: [Set.self, Report.self])
    }

    struct Set: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.targetsSetAbstract))
        }
        @Argument(help: .catalog(.jsonDocument)) var file: String

        func run() async throws {
            try await reportingErrors(file: file) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CLIError(.usage, Message(.cliCannotRead, ["file": "\(file)"]))
                }
                let document: TargetDocument
                do {
                    document = try JSONDecoder().decode(TargetDocument.self, from: data)
                } catch {
                    throw CLIError(.invalid, Message(.cliNotTargets, ["file": "\(file)", "error": "\(error)"]))
                }
                let client = try makeClient(try Credentials.load())
                _ = try await callAPI {
                    try await client.setTargets(
                        body: .json(
                            .init(
                                fiscalYear: document.fiscalYear,
                                targets: document.targets.map {
                                    .init(
                                        _type: $0.type, unitKind: $0.unitKind, min: $0.min, minRatio: $0.minRatio,
                                        course: $0.course,
                                        skill: $0.skill, level: $0.level)
                                }))
                    ).noContent
                }
                print("stored \(document.targets.count) target(s) for fiscal year \(document.fiscalYear)")
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.targetsReportAbstract))
        }
        @Option(name: .customLong("fiscal-year"), help: .catalog(.fiscalYear)) var fiscalYear: Int
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions
        @OptionGroup var sheet: SheetOptions

        static func number(_ value: Double?) -> FlatJSON {
            guard let value else { return .null }
            if value == value.rounded(), abs(value) < 1e15 { return .int(Int(value)) }
            return .decimal(value)
        }

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let results = try await callAPI {
                    try await client.getTargetsReport(path: .init(fiscalYear: fiscalYear), query: .init(asOf: asOf.iso)).ok.body
                        .json
                }
                if output.format == .json {
                    FlatJSON.printArray(
                        results.map {
                            [
                                ("target_index", .int($0.targetIndex)), ("unit_code", $0.unitCode.map { .string($0) } ?? .null),
                                ("actual", Self.number($0.actual)), ("goal", Self.number($0.goal)), ("met", .bool($0.met)),
                            ]
                        })
                    return
                }
                let words = Words(output.language)
                try emit(
                    Listing(
                        headers: [words.target, words.unitCode, words.actual, words.goal, words.met],
                        rows: results.map {
                            [
                                String($0.targetIndex), $0.unitCode ?? words.tenantWide, Self.number($0.actual).text,
                                Self.number($0.goal).text, $0.met ? "○" : "×",
                            ]
                        },
                        numericColumns: [0, 2, 3], json: [String](), sheet: ReportSheets.targets(results, words)),
                    output, sheet: SheetOutput(asOf: asOf.iso, sheet))
                if output.format == .table {
                    print(words.attainment(met: results.count(where: \.met), of: results.count))
                }
            }
        }
    }
}
