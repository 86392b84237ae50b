import ArgumentParser
import DXSkillsCore
import Foundation

/// `dxskills doctor`: checks the installation, one line per check, and says what to fix.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the installation and say what to fix (設定の点検).",
        discussion: """
            Connects as the schema owner (DATABASE_URL) and changes nothing. Checks: the database is \\
            reachable; every migration is applied; the service role dxskills_app owns nothing and is neither \\
            superuser nor BYPASSRLS; row-level security is enabled and forced on every tenant table; each \\
            tenant's directory (LDAP) is reachable and its service account binds; the mail server of \\
            DXSKILLS_SMTP_URL answers, its certificate is trusted and it takes the password (nothing is \\
            sent), and DXSKILLS_MAIL_FROM is set; each tenant's webhook answers a signed ping. Exit status 0 when all is \\
            well, 78 when something must be fixed, 69 when the database cannot be reached.
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "A folder of migration files instead of those built into dxskills.") var sqlDir: String?

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
                throw CLIError(.config, "\(problems) problem(s) to fix / 要修正 \(problems) 件")
            }
        }
    }
}
