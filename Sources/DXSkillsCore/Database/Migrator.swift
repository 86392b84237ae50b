import Crypto
import Foundation
import Logging
import PostgresNIO

/// One file `sql/NNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    /// SHA-256 of the file's text: an applied file must never change.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The statements, split on lines reading exactly `-- split` (never on `;`, which bodies contain).
    public var statements: [String] {
        var statements: [String] = []
        var current: [Substring] = []
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces) == "-- split" {
                statements.append(current.joined(separator: "\n"))
                current = []
            } else {
                current.append(line)
            }
        }
        statements.append(current.joined(separator: "\n"))
        return statements.filter { statement in
            statement.split(separator: "\n").contains { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return !trimmed.isEmpty && !trimmed.hasPrefix("--")
            }
        }
    }

    /// The migrations built into this program: the texts of `sql/*.sql` when it was built (the EmbedFiles plugin),
    /// so that `db migrate` needs no source tree. Their checksums are those of the files.
    public static func embedded() throws -> [Migration] {
        try parse(EmbeddedFiles.files.map { file in (file.name, { file.text }) })
    }

    /// Reads every `NNN_name.sql` of a folder, in version order.
    public static func load(from directory: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        return try parse(
            names.map { name in
                (name, { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) })
            })
    }

    /// Migrations from `NNN_name.sql` file names and their texts, in version order; each text is read once.
    private static func parse(_ files: [(name: String, text: () throws -> String)]) throws -> [Migration] {
        var migrations: [Migration] = []
        for (name, text) in files {
            let stem = name.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else {
                throw DXSkillsError.migration("\(name): migration files are named NNN_what_it_does.sql")
            }
            migrations.append(Migration(version: version, name: String(stem), sql: try text()))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw DXSkillsError.migration("\(a.name) and \(b.name) share version \(a.version)")
        }
        return migrations
    }
}

/// Where each migration stands in a database.
public struct MigrationStatus: Sendable, Equatable {
    public enum State: String, Sendable { case applied, pending, changed }
    public let version: Int
    public let name: String
    public let state: State
    public let appliedAt: String?
}

/// Applies `sql/` migrations in order, each in one transaction, recorded with its checksum.
public struct Migrator: Sendable {
    public let database: Database
    public let migrations: [Migration]

    public init(database: Database, migrations: [Migration]) {
        self.database = database
        self.migrations = migrations
    }

    private var logger: Logger { database.logger }

    /// Compares the files with what the database recorded.
    public func status() async throws -> [MigrationStatus] {
        try await database.withConnection { connection in
            try await ensureTable(connection)
            let applied = try await appliedMigrations(connection)
            return migrations.map { migration in
                guard let record = applied[migration.version] else {
                    return MigrationStatus(version: migration.version, name: migration.name, state: .pending, appliedAt: nil)
                }
                return MigrationStatus(
                    version: migration.version, name: migration.name,
                    state: record.checksum == migration.checksum ? .applied : .changed, appliedAt: record.appliedAt)
            }
        }
    }

    /// Applies every pending migration; refuses to run when an applied file has changed.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        try await database.withConnection { connection in
            try await ensureTable(connection)
            // One migrator at a time per database.
            try await connection.run("SELECT pg_advisory_lock(7301)", logger: logger)
            do {
                let done = try await applyPending(connection)
                try await connection.run("SELECT pg_advisory_unlock(7301)", logger: logger)
                return done
            } catch {
                try? await connection.run("SELECT pg_advisory_unlock(7301)", logger: logger)
                throw error
            }
        }
    }

    private func applyPending(_ connection: PostgresConnection) async throws -> [Migration] {
        let applied = try await appliedMigrations(connection)
        for migration in migrations {
            if let record = applied[migration.version], record.checksum != migration.checksum {
                throw DXSkillsError.migration(
                    "sql/\(migration.name).sql was changed after it was applied (checksum \(record.checksum.prefix(12))… "
                        + "in the database, \(migration.checksum.prefix(12))… on disk). Applied migrations are never "
                        + "edited: restore the file and put the change in a new migration.")
            }
        }
        var done: [Migration] = []
        for migration in migrations where applied[migration.version] == nil {
            do {
                try await connection.withTransaction(logger: logger) { connection in
                    for statement in migration.statements {
                        try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.run(
                        """
                        INSERT INTO schema_migrations (version, name, checksum)
                        VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                        """, logger: logger)
                }
            } catch let error as PostgresTransactionError {
                let cause = error.closureError ?? error.beginError ?? error.commitError ?? error
                throw DXSkillsError.migration(
                    "sql/\(migration.name).sql failed and was rolled back: \(String(reflecting: cause))")
            }
            logger.info("applied migration", metadata: ["migration": "\(migration.name)"])
            done.append(migration)
        }
        return done
    }

    private func ensureTable(_ connection: PostgresConnection) async throws {
        try await connection.run(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
              version integer PRIMARY KEY,
              name text NOT NULL,
              checksum text NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
    }

    private func appliedMigrations(_ connection: PostgresConnection) async throws -> [Int: (checksum: String, appliedAt: String)]
    {
        var applied: [Int: (checksum: String, appliedAt: String)] = [:]
        let rows = try await connection.query(
            "SELECT version, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS') FROM schema_migrations", logger: logger)
        for try await (version, checksum, appliedAt) in rows.decode((Int, String, String).self) {
            applied[version] = (checksum, appliedAt)
        }
        return applied
    }
}
