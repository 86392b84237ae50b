import ArgumentParser
import DXSkillsCore
import Foundation

/// `dxskills`: the service, its database, and a client of its API.
public struct DXSkillsCommand: AsyncParsableCommand {
    public init() {}

    /// `--lang en|ja` anywhere on the command line chooses the language of messages before the
    /// commands are parsed, so that it works with every command and with `help`.
    public static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let index = arguments.firstIndex(where: { $0 == "--lang" || $0.hasPrefix("--lang=") }) {
            let given: String?
            if arguments[index] == "--lang" {
                given = arguments.indices.contains(index + 1) ? arguments[index + 1] : nil
                arguments.removeSubrange(index...min(index + 1, arguments.count - 1))
            } else {
                given = String(arguments[index].dropFirst("--lang=".count))
                arguments.remove(at: index)
            }
            guard let given, let language = Language(tag: given) else {
                FileHandle.standardError.write(
                    Data("dxskills: error: --lang takes en or ja / --lang には en か ja を指定してください\n".utf8))
                Foundation.exit(ErrorCategory.badRequest.exitCode)
            }
            setenv("DXSKILLS_LANG", language.rawValue, 1)
        }
        await main(arguments)
    }

    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "dxskills",
            abstract: .catalog(.rootAbstract),
            discussion: .catalog(.rootDiscussion),
            version: BuildInfo.line,
            subcommands: [
                ServeCommand.self, DBCommand.self, DoctorCommand.self, AdminCommand.self, LoginCommand.self, ImportCommand.self,
                HeadcountCommand.self, CoverageCommand.self, CompletionCommand.self, CertsCommand.self, LeadersCommand.self,
                TargetsCommand.self, TransfersCommand.self, CriteriaCommand.self, RankingsCommand.self,
                CareerTemplateCommand.self, PlansCommand.self,
                StaffCommand.self,
                UnitsCommand.self,
                RolesCommand.self,
                MeCommand.self,
                SelfAssessmentCommand.self,
                ClaimsCommand.self,
                NotifyCommand.self,
            ]
        )
    }
}
