import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCore

@Suite("Migrations")
struct MigratorTests {
    static var sqlFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sql")
    }

    @Test("statements split on the marker line only, never on semicolons inside bodies")
    func splitsOnMarker() {
        let migration = Migration(
            version: 9, name: "009_x",
            sql:
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n-- split\n-- only a comment\n-- split\nSELECT 2;"
        )
        #expect(migration.statements.count == 2)
        #expect(migration.statements[0].contains("SELECT 1; $$"))
    }

    @Test("the migrations built into the program are the files of sql/, byte for byte, with the same checksums")
    func embeddedAreTheFiles() throws {
        let embedded = try Migration.embedded()
        let files = try Migration.load(from: Self.sqlFolder)
        #expect(embedded.map(\.name) == files.map(\.name))
        #expect(embedded.map(\.version) == files.map(\.version))
        #expect(embedded.map { Array($0.sql.utf8) } == files.map { Array($0.sql.utf8) })
        #expect(embedded.map(\.checksum) == files.map(\.checksum))
        #expect(!embedded.isEmpty)
    }

    @Test("a migrated database has nothing pending, and migrating again applies nothing")
    func migrateIsIdempotent() async throws {
        try await withTestDatabase { db in
            let migrations = try Migration.load(from: Self.sqlFolder)
            let migrator = Migrator(database: db.owner, migrations: migrations)
            #expect(try await migrator.migrate().isEmpty)
            #expect(try await migrator.status().allSatisfy { $0.state == .applied })
        }
    }

    @Test("an applied file whose checksum changed is refused with a clear message")
    func changedFileRefused() async throws {
        try await withTestDatabase { db in
            var migrations = try Migration.load(from: Self.sqlFolder)
            let first = migrations[0]
            migrations[0] = Migration(version: first.version, name: first.name, sql: first.sql + "\n-- edited\n")
            let migrator = Migrator(database: db.owner, migrations: migrations)
            #expect(try await migrator.status().first?.state == .changed)
            await #expect {
                try await migrator.migrate()
            } throws: { error in
                "\(error)".contains("was changed after it was applied")
            }
        }
    }

    @Test("a failing migration is rolled back whole and not recorded")
    func failingMigrationRollsBack() async throws {
        try await withTestDatabase { db in
            var migrations = try Migration.load(from: Self.sqlFolder)
            migrations.append(
                Migration(
                    version: 999, name: "999_broken", sql: "CREATE TABLE probe (x int);\n-- split\nSELECT * FROM missing_table;"))
            let migrator = Migrator(database: db.owner, migrations: migrations)
            await #expect(throws: DXSkillsError.self) { try await migrator.migrate() }
            let status = try await migrator.status()
            #expect(status.last?.state == .pending)
            let probe = try await db.owner.withConnection { connection in
                try await connection.query("SELECT to_regclass('probe')::text", logger: db.owner.logger)
                    .decode(String?.self).collect()
            }
            #expect(probe == [nil])
        }
    }
}
