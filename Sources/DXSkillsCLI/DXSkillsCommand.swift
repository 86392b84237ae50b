import ArgumentParser

/// `dxskills`: the service, its database, and a client of its API.
public struct DXSkillsCommand: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "dxskills",
        abstract: "Digital skills of a municipality's staff: training, certifications, coverage, leaders, rankings.",
        discussion: """
            serve, db and admin work on the database (DATABASE_URL); every other command is a client of the
            API (DXSKILLS_URL and DXSKILLS_TOKEN, or the file that `dxskills login` writes).
            Exit codes: 0 ok, 64 usage, 65 invalid input, 66 not found, 69 unreachable, 70 server error, 77 auth,
            78 configuration (doctor).
            """,
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
