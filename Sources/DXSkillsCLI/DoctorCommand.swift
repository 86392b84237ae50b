import ArgumentParser
import DXSkillsCore
import Foundation

/// `dxskills doctor`: checks the installation, one line per check, and says what to fix.
struct DoctorCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "doctor",
            abstract: .catalog(.doctorAbstract),
            discussion: .catalog(.doctorDiscussion))
    }
    @OptionGroup var database: DatabaseOptions
    @Option(help: .catalog(.migrationsFolder)) var sqlDir: String?

    func run() async throws {
        try await reportingErrors {
            let migrations = try loadMigrations(sqlDir)
            let findings = try await withDatabase(try database.url()) { database in
                try await Doctor.run(database: database, migrations: migrations)
            }
            for finding in findings {
                if let problem = finding.problem {
                    print("NG  \(finding.check): \(problem)")
                } else {
                    print("ok  \(finding.check): \(finding.detail)")
                }
            }
            let problems = findings.filter { !$0.ok }.count
            if problems > 0 {
                throw CLIError(.config, Message(.cliDoctorProblems, ["count": "\(problems)"]))
            }
        }
    }
}
