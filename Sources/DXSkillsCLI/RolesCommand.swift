import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation

struct RolesCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "roles",
            abstract: .catalog(.rolesAbstract),
            discussion: .catalog(.rolesDiscussion))
    }
    @Option(help: .catalog(.rolesUnit)) var unit: String?
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: OutputOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        try await reportingErrors {
            let client = try makeClient(try Credentials.load())
            let grants = try await callAPI {
                try await client.listRoleGrants(query: .init(unit: unit, asOf: asOf.iso)).ok.body.json
            }
            func text(_ value: String?) -> FlatJSON { value.map { .string($0) } ?? .null }
            if output.format == .json {
                FlatJSON.printArray(
                    grants.map {
                        [
                            ("user", .string($0.user)), ("employee_no", text($0.employeeNo)), ("name", text($0.name)),
                            ("role", .string($0.role.rawValue)), ("unit_code", text($0.unitCode)),
                            ("unit_name", text($0.unitName)), ("valid_from", .string($0.validFrom)),
                            ("valid_to", text($0.validTo)),
                        ]
                    })
                return
            }
            let words = Words(output.language)
            try emit(
                Listing(
                    headers: [
                        words.user, words.employeeNo, words.name, words.permission, words.unitCode, words.unitName,
                        words.grantFrom, words.grantTo,
                    ],
                    rows: grants.map {
                        [
                            $0.user, $0.employeeNo ?? "", $0.name ?? "", words.role($0.role.rawValue), $0.unitCode ?? "",
                            $0.unitName ?? "", $0.validFrom, $0.validTo ?? "",
                        ]
                    },
                    json: [String](), sheet: ReportSheets.roles(grants, words)),
                output, sheet: SheetOutput(asOf: asOf.iso, sheet))
        }
    }
}
