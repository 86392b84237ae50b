import ArgumentParser
import DXSkillsCore
import Foundation

struct DBCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "db", abstract: .catalog(.dBAbstract),
            subcommands: [Migrate.self, Status.self])
    }

    struct Migrate: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.dBMigrateAbstract))
        }
        @OptionGroup var database: DatabaseOptions
        @Option(help: .catalog(.migrationsFolder)) var sqlDir: String?

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
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.dBStatusAbstract)) }
        @OptionGroup var database: DatabaseOptions
        @Option(help: .catalog(.migrationsFolder)) var sqlDir: String?

        func run() async throws {
            try await reportingErrors {
                let migrations = try loadMigrations(sqlDir)
                let status = try await withDatabase(try database.url()) { database in
                    try await Migrator(database: database, migrations: migrations).status()
                }
                let rows = status.map { [String(format: "%03d", $0.version), $0.name, $0.state.rawValue, $0.appliedAt ?? ""] }
                print(TextTable(headers: ["version", "name", "state", "applied at"], rows: rows).render(), terminator: "")
                if status.contains(where: { $0.state == .changed }) {
                    throw CLIError(.invalid, Message(.cliMigrationChanged))
                }
            }
        }
    }
}
