import ArgumentParser
import DXSkillsCore
import Foundation

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Migrate the database or show its migration status.",
        subcommands: [Migrate.self, Status.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending sql/NNN_*.sql migrations, each in one transaction.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "A folder of migration files instead of those built into dxskills.") var sqlDir: String?

        func run() async throws {
            try await reportingErrors {
                let migrations = try loadMigrations(sqlDir)
                let applied = try await withDatabase(try database.url()) { database in
                    try await Migrator(database: database, migrations: migrations).migrate()
                }
                if applied.isEmpty {
                    print("database is up to date (\(migrations.count) migration(s))")
                } else {
                    for migration in applied { print("applied \(migration.name)") }
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List migrations: applied, pending, or changed since applied.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "A folder of migration files instead of those built into dxskills.") var sqlDir: String?

        func run() async throws {
            try await reportingErrors {
                let migrations = try loadMigrations(sqlDir)
                let status = try await withDatabase(try database.url()) { database in
                    try await Migrator(database: database, migrations: migrations).status()
                }
                let rows = status.map { [String(format: "%03d", $0.version), $0.name, $0.state.rawValue, $0.appliedAt ?? ""] }
                print(TextTable(headers: ["version", "name", "state", "applied at"], rows: rows).render(), terminator: "")
                if status.contains(where: { $0.state == .changed }) {
                    throw CLIError(.invalid, "an applied migration file was changed: restore it and add a new migration")
                }
            }
        }
    }
}
