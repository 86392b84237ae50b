import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation
import OpenAPIRuntime

struct TransfersCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "transfers", abstract: .catalog(.transfersAbstract),
            subcommands: [Impact.self, Apply.self])
    }

    struct Impact: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.transfersImpactAbstract))
        }
        @Argument(help: .catalog(.transfersImpactFile)) var file: String
        @Option(name: .customLong("fiscal-year"), help: .catalog(.transfersImpactFiscalYear))
        var fiscalYear: Int?
        @OptionGroup var output: OutputOptions
        @OptionGroup var sheet: SheetOptions

        struct Document: Encodable {
            struct Change: Encodable {
                let target_index: Int
                let unit_code: String?
                let before: Bool
                let after: Bool
            }
            struct Leaving: Encodable {
                let employee_no: String
                let unit_code: String
                let role: String
            }
            let changes: [Change]
            let leaders_leaving: [Leaving]
        }

        func run() async throws {
            try await reportingErrors(file: file) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CLIError(.usage, Message(.cliCannotRead, ["file": "\(file)"]))
                }
                let client = try makeClient(try Credentials.load())
                let impact = try await callAPI {
                    try await client.previewTransfers(query: .init(fiscalYear: fiscalYear), body: .csv(HTTPBody(data))).ok.body
                        .json
                }
                let document = Document(
                    changes: impact.changes.map {
                        .init(target_index: $0.targetIndex, unit_code: $0.unitCode, before: $0.before, after: $0.after)
                    },
                    leaders_leaving: impact.leadersLeaving.map {
                        .init(employee_no: $0.employeeNo, unit_code: $0.unitCode, role: $0.role)
                    })
                if output.format == .json {
                    printJSON(document)
                    return
                }
                let words = Words(output.language)
                // A heading for people reading the table; a CSV holds the rows alone, for Excel and scripts.
                if output.format == .table { print(words.impactHeading(impact.effectiveOn, fiscalYear: impact.fiscalYear)) }
                try emit(
                    Listing(
                        headers: [words.target, words.unitCode, words.before, words.after],
                        rows: impact.changes.map {
                            [
                                String($0.targetIndex), $0.unitCode ?? words.tenantWide, $0.before ? "○" : "×",
                                $0.after ? "○" : "×",
                            ]
                        }, json: document, sheet: ReportSheets.impact(impact, words)),
                    output, sheet: SheetOutput(asOf: impact.effectiveOn, sheet))
                if output.format == .table {
                    print(words.leadersLeavingHeading)
                    print(
                        TextTable(
                            headers: [words.employeeNo, words.unitCode, words.role],
                            rows: impact.leadersLeaving.map { [$0.employeeNo, $0.unitCode, $0.role] }
                        ).render(), terminator: "")
                }
            }
        }
    }

    struct Apply: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.transfersApplyAbstract)) }
        @Argument(help: .catalog(.transfersApplyFile)) var file: String

        func run() async throws {
            try await reportingErrors(file: file) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CLIError(.usage, Message(.cliCannotRead, ["file": "\(file)"]))
                }
                let client = try makeClient(try Credentials.load())
                let result = try await callAPI { try await client.applyTransfers(body: .csv(HTTPBody(data))).ok.body.json }
                print("applied \(result.applied) transfer(s)")
            }
        }
    }
}
