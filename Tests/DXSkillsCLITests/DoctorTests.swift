import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import DXSkillsCLI
@testable import DXSkillsCore

/// `dxskills doctor` against a real database and the test directory, one thing broken at a time.
@Suite("Doctor", .serialized)
struct DoctorTests {
    static func environment(_ name: String) throws -> String {
        try #require(ProcessInfo.processInfo.environment[name], "\(name) is set by scripts/test.sh")
    }

    /// The test directory's settings for the fixture tenant, at `url`.
    static func directory(url: String) throws -> SignInSettings {
        var settings = SignInSettings()
        settings.methods = [.local, .ldap]
        settings.ldapURL = url
        settings.ldapCAFile = try environment("DXSKILLS_TEST_LDAP_CA")
        settings.ldapBaseDN = try environment("DXSKILLS_TEST_LDAP_BASE_DN")
        settings.ldapBindDN = try environment("DXSKILLS_TEST_LDAP_BIND_DN")
        settings.ldapBindPasswordFile = try environment("DXSKILLS_TEST_LDAP_BIND_PASSWORD_FILE")
        settings.ldapUserFilter = "(uid={user})"
        return settings
    }

    /// The test OpenID provider's settings beside the directory's.
    static func withOpenID(_ settings: SignInSettings, issuer: String) throws -> SignInSettings {
        var settings = settings
        settings.methods = [.local, .ldap, .oidc]
        settings.oidcIssuer = issuer
        settings.oidcClientID = try environment("DXSKILLS_TEST_OIDC_CLIENT_ID")
        settings.oidcClientSecretFile = try environment("DXSKILLS_TEST_OIDC_CLIENT_SECRET_FILE")
        return settings
    }

    @Test(
        "all well is exit 0; a table without forced RLS, a service role owning a table, a backup role that may write or misses a table, a pending migration, a directory and an OpenID provider that are down each name their fix, exit 78"
    )
    func oneThingAtATime() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let base = try Self.environment("DXSKILLS_TEST_DATABASE_URL")
            let url = String(base[..<base.lastIndex(of: "/")!]) + "/" + db.name
            func doctor(_ more: [String] = []) async -> CLITests.Outcome {
                await CLITests.run(["doctor", "--database-url", url] + more, url: "http://127.0.0.1:9", token: nil)
            }
            func owner(_ sql: String) async throws {
                _ = try await db.owner.withConnection {
                    try await $0.query(PostgresQuery(unsafeSQL: sql), logger: db.owner.logger).collect()
                }
            }
            // setup: the fixture tenant signs in through the running test directory
            let issuer = try Self.environment("DXSKILLS_TEST_OIDC_ISSUER")
            let directory = try Self.directory(url: try Self.environment("DXSKILLS_TEST_LDAP_URL"))
            try await Self.withOpenID(directory, issuer: issuer).store(tenant: Fixture.tenant, database: db.owner)
            let well = await doctor()
            #expect(well.code == 0, "\(well.output)\(well.errors)")
            for check in [
                "database", "migrations", "service role", "row-level security", "backup role", "directory \(Fixture.tenant)",
                "OpenID provider \(Fixture.tenant)",
            ] {
                #expect(well.output.contains("ok  \(check): "), "\(check)")
            }
            #expect(!well.output.contains("NG"))
            // RLS not forced on one table
            try await owner("ALTER TABLE staff NO FORCE ROW LEVEL SECURITY")
            let rls = await doctor()
            #expect(rls.code == 78)
            #expect(
                rls.output.contains(
                    "NG  row-level security: not forced on every tenant table: staff: ALTER TABLE staff FORCE ROW LEVEL SECURITY")
            )
            #expect(rls.output.components(separatedBy: "NG").count == 2, "only that")
            try await owner("ALTER TABLE staff FORCE ROW LEVEL SECURITY")
            // A service role that owns a table: a role of this test's own stands in for dxskills_app,
            // which other tests use at the same time (the owner may give a table only to a role it
            // belongs to, with CREATE on the schema).
            let probe = "doctor_probe_\(UUID().uuidString.prefix(8).lowercased())"
            try await owner("CREATE ROLE \(probe) NOLOGIN")
            try await owner("GRANT \(probe) TO CURRENT_USER")
            try await owner("GRANT CREATE ON SCHEMA public TO \(probe)")
            try await owner("ALTER TABLE courses OWNER TO \(probe)")
            let owned = try await Doctor.serviceRoleCheck(database: db.owner, role: probe)
            try await owner("ALTER TABLE courses OWNER TO CURRENT_USER")
            try await owner("REVOKE CREATE ON SCHEMA public FROM \(probe)")
            try await owner("DROP ROLE \(probe)")
            #expect(owned.problem?.hasPrefix("\(probe) owns courses: give them back to the schema owner") == true)
            #expect(try await Doctor.serviceRoleCheck(database: db.owner).ok)
            // The backup role may write to a table (grants are this database's own), then misses one.
            try await owner("GRANT INSERT ON staff TO dxskills_backup")
            let writes = await doctor()
            #expect(writes.code == 78)
            #expect(writes.output.contains("NG  backup role: dxskills_backup may write (staff insert): REVOKE those privileges"))
            #expect(writes.output.components(separatedBy: "NG").count == 2, "only that")
            try await owner("REVOKE INSERT ON staff FROM dxskills_backup")
            try await owner("DROP POLICY backup_read ON courses")
            let unseen = await doctor()
            #expect(unseen.code == 78)
            #expect(
                unseen.output.contains(
                    "NG  backup role: dxskills_backup would miss the rows of courses: SELECT grant_backup_reads(); as the owner"))
            try await owner("SELECT grant_backup_reads()")
            #expect(try await Doctor.backupRoleCheck(database: db.owner).ok)
            // The OpenID provider is down (nothing listens on port 9); the directory still answers.
            try await Self.withOpenID(directory, issuer: "http://127.0.0.1:9").store(tenant: Fixture.tenant, database: db.owner)
            let provider = await doctor()
            #expect(provider.code == 78)
            #expect(
                provider.output.contains("NG  OpenID provider \(Fixture.tenant): OpenID provider unavailable"),
                "\(provider.output)")
            #expect(provider.output.components(separatedBy: "NG").count == 2, "only that")
            try await directory.store(tenant: Fixture.tenant, database: db.owner)
            // a migration not applied yet (a folder holding every migration and one more)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            for migration in try loadMigrations(nil) {
                try migration.sql.write(
                    to: folder.appendingPathComponent("\(migration.name).sql"), atomically: true, encoding: .utf8)
            }
            try "SELECT 1;\n".write(to: folder.appendingPathComponent("099_later.sql"), atomically: true, encoding: .utf8)
            let pending = await doctor(["--sql-dir", folder.path])
            #expect(pending.code == 78)
            #expect(pending.output.contains("NG  migrations: 1 pending: 099_later; run `dxskills db migrate`"))
            // the directory is unreachable (nothing listens on port 9)
            try await Self.directory(url: "ldap://127.0.0.1:9").store(tenant: Fixture.tenant, database: db.owner)
            let down = await doctor()
            #expect(down.code == 78)
            #expect(down.output.contains("NG  directory \(Fixture.tenant): "), "\(down.output)")
            #expect(down.errors.contains("1 problem(s) to fix"))
        }
    }
}
