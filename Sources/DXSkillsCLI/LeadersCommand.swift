import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation

struct LeadersCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "leaders",
            abstract: .catalog(.leadersAbstract))
    }
    @Option(help: .catalog(.rootUnit)) var unit: String?
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: OutputOptions
    @OptionGroup var sheet: SheetOptions

    struct Line: Encodable {
        struct Warning: Encodable {
            let employee_no: String
            let reason: String
        }
        let unit_code: String
        let leaders: [String]
        let sub_leaders: [String]
        let warnings: [Warning]
    }

    func run() async throws {
        try await reportingErrors {
            let client = try makeClient(try Credentials.load())
            let units = try await callAPI {
                try await client.getLeaders(query: .init(unit: unit, asOf: asOf.iso)).ok.body.json
            }
            let words = Words(output.language)
            try emit(
                Listing(
                    headers: [words.unitCode, words.unitName, words.leaders, words.subLeaders, words.warnings],
                    rows: units.map { line in
                        [
                            line.unitCode, line.unitName,
                            line.leaders.isEmpty ? words.noLeader : line.leaders.joined(separator: " "),
                            line.subLeaders.joined(separator: " "),
                            line.warnings.map { "\($0.employeeNo) \(words.reason($0.reason.rawValue))" }.joined(separator: "; "),
                        ]
                    },
                    json: units.map { line in
                        Line(
                            unit_code: line.unitCode, leaders: line.leaders, sub_leaders: line.subLeaders,
                            warnings: line.warnings.map { .init(employee_no: $0.employeeNo, reason: $0.reason.rawValue) })
                    }, sheet: ReportSheets.leaders(units, words)),
                output, sheet: SheetOutput(asOf: asOf.iso, sheet))
        }
    }
}
