import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import Foundation

/// `dxskills self-assessment`: 自己診断 (docs/reference.md §7.2), shown beside Level and counted nowhere.
struct SelfAssessmentCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "self-assessment", abstract: .catalog(.selfAssessmentAbstract),
            subcommands: [Set.self, Endorse.self])
    }

    struct Set: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.selfAssessmentSetAbstract))
        }
        @Argument(help: .catalog(.skillCode)) var skill: String
        @Argument(help: .catalog(.selfAssessmentSetLevel)) var level: Int
        @Option(help: .catalog(.selfAssessmentSetOn)) var on: String?

        func validate() throws {
            guard (0...4).contains(level) else { throw ValidationError(Message(.selfLevelRange, ["value": "\(level)"])) }
            if let on, DateParser.parse(on) == nil {
                throw ValidationError(Message(.cliNotADate, ["option": "--on", "value": "\(on)"]))
            }
        }

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let written = try await callAPI {
                    try await client.setSelfAssessment(
                        path: .init(skill: skill),
                        body: .json(.init(level: level, on: on.flatMap { DateParser.parse($0)?.description }))
                    ).ok.body.json
                }
                print("\(written.outcome.rawValue): \(written.skillCode) \(written.level) on \(written.on)")
            }
        }
    }

    struct Endorse: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.selfAssessmentEndorseAbstract)
            )
        }
        @Argument(help: .catalog(.employeeNo)) var employeeNo: String
        @Argument(help: .catalog(.skillCode)) var skill: String

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let written = try await callAPI {
                    try await client.endorseSelfAssessment(path: .init(employeeNo: employeeNo, skill: skill)).created.body.json
                }
                print(
                    "assessed \(written.employeeNo) \(written.skillCode) \(written.level) on \(written.assessedOn) by \(written.assessor)"
                )
            }
        }
    }
}
