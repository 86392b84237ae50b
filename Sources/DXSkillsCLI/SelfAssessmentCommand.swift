import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import Foundation

/// `dxskills self-assessment`: 自己診断 (docs/reference.md §7.2), shown beside Level and counted nowhere.
struct SelfAssessmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "self-assessment", abstract: "Your own rating (自己診断) of a DSS skill, 0 to 4.",
        subcommands: [Set.self, Endorse.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rate yourself in a DSS skill on a day (again on the same day replaces it).")
        @Argument(help: "Skill code, e.g. L-DATA.") var skill: String
        @Argument(help: "Level 0 to 4.") var level: Int
        @Option(help: "The day (default today, Asia/Tokyo).") var on: String?

        func validate() throws {
            guard (0...4).contains(level) else { throw ValidationError("LEVEL must be 0 to 4, got \(level)") }
            if let on, DateParser.parse(on) == nil {
                throw ValidationError("--on \(on) is not a date: write 2025-04-01, 2025/4/1 or R7.4.1")
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
        static let configuration = CommandConfiguration(
            abstract:
                "As a manager in scope, endorse a staff member's latest self-assessment: an assessment with you as assessor."
        )
        @Argument(help: "Employee number (職員番号).") var employeeNo: String
        @Argument(help: "Skill code, e.g. L-DATA.") var skill: String

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
