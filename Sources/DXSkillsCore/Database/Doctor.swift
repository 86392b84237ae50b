import Foundation
import PostgresNIO

/// `dxskills doctor`: checks an installation and says, for each problem, what to fix. It connects
/// as the schema owner (DATABASE_URL) and changes nothing.
public enum Doctor {
    public struct Finding: Sendable, Equatable {
        /// What was checked, e.g. `migrations` or `directory 139999`.
        public let check: String
        /// Nil when the check passed; else what is wrong and how to fix it.
        public let problem: String?
        public let detail: String

        public var ok: Bool { problem == nil }
    }

    public static func run(
        database: Database, migrations: [Migration], environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> [Finding] {
        var findings: [Finding] = []
        let version = try await database.withConnection { connection in
            try await connection.query("SELECT current_setting('server_version')", logger: database.logger)
                .decode(String.self).collect().first ?? "?"
        }
        findings.append(Finding(check: "database", problem: nil, detail: "reachable, PostgreSQL \(version)"))
        findings.append(try await migrationsCheck(database: database, migrations: migrations))
        findings.append(try await serviceRoleCheck(database: database))
        findings.append(try await rowSecurityCheck(database: database))
        findings.append(try await backupRoleCheck(database: database))
        findings += try await signInChecks(database: database)
        findings.append(await NotificationChecks.mail(environment: environment))
        findings += try await NotificationChecks.webhooks(database: database)
        return findings
    }

    static func migrationsCheck(database: Database, migrations: [Migration]) async throws -> Finding {
        let status = try await Migrator(database: database, migrations: migrations).status()
        let pending = status.filter { $0.state == .pending }.map(\.name)
        let changed = status.filter { $0.state == .changed }.map(\.name)
        if !changed.isEmpty {
            return Finding(
                check: "migrations",
                problem:
                    "applied migration(s) changed since: \(changed.joined(separator: ", ")); restore those files and add a new migration",
                detail: "")
        }
        if !pending.isEmpty {
            return Finding(
                check: "migrations",
                problem: "\(pending.count) pending: \(pending.joined(separator: ", ")); run `dxskills db migrate`", detail: "")
        }
        return Finding(check: "migrations", problem: nil, detail: "current (\(status.count) applied)")
    }

    /// The service role must own nothing, and be neither superuser nor BYPASSRLS: else RLS binds nobody.
    static func serviceRoleCheck(database: Database, role: String = "dxskills_app") async throws -> Finding {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT r.rolsuper, r.rolbypassrls,
                       (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid
                          AND c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')),
                       (SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c WHERE c.relowner = r.oid
                          AND c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm'))
                FROM pg_roles r WHERE r.rolname = \(role)
                """, logger: database.logger
            ).decode((Bool, Bool, Int, String?).self).collect()
            guard let (superuser, bypass, owned, names) = rows.first else {
                return Finding(
                    check: "service role", problem: "the role \(role) does not exist; run `dxskills db migrate`", detail: "")
            }
            var problems: [String] = []
            if superuser { problems.append("\(role) is a superuser: ALTER ROLE \(role) NOSUPERUSER") }
            if bypass { problems.append("\(role) bypasses row-level security: ALTER ROLE \(role) NOBYPASSRLS") }
            if owned > 0 {
                problems.append(
                    "\(role) owns \(names ?? ""): give them back to the schema owner (ALTER TABLE … OWNER TO the owner)")
            }
            return Finding(
                check: "service role", problem: problems.isEmpty ? nil : problems.joined(separator: "; "),
                detail: "\(role) owns nothing, no superuser, no BYPASSRLS")
        }
    }

    /// Every table with a `tenant_id` has RLS enabled and forced, with a policy.
    static func rowSecurityCheck(database: Database) async throws -> Finding {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT c.relname::text, c.relrowsecurity, c.relforcerowsecurity,
                       EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
                FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
                ORDER BY c.relname
                """, logger: database.logger
            ).decode((String, Bool, Bool, Bool).self).collect()
            var problems: [String] = []
            for (table, enabled, forced, policy) in rows {
                if !enabled || !forced {
                    problems.append(
                        "\(table): ALTER TABLE \(table) \(enabled ? "" : "ENABLE ROW LEVEL SECURITY, ")FORCE ROW LEVEL SECURITY")
                }
                if !policy { problems.append("\(table): no policy (run `dxskills db migrate`)") }
            }
            return Finding(
                check: "row-level security",
                problem: problems.isEmpty ? nil : "not forced on every tenant table: " + problems.joined(separator: "; "),
                detail: "enabled and forced on \(rows.count) tenant tables")
        }
    }

    /// The backup role reads every row and writes nothing: SELECT only, and BYPASSRLS or its
    /// `backup_read` policy on every table with row-level security (sql/015).
    static func backupRoleCheck(database: Database, role: String = "dxskills_backup") async throws -> Finding {
        try await database.withConnection { connection in
            let logger = database.logger
            guard
                let (superuser, bypass, login) = try await connection.query(
                    "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = \(role)", logger: logger
                ).decode((Bool, Bool, Bool).self).collect().first
            else {
                return Finding(
                    check: "backup role", problem: "the role \(role) does not exist; run `dxskills db migrate`", detail: "")
            }
            // Tables and partitioned tables of the schema; the role is bound, the filter is ours.
            let inPublic = "c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')"
            let writes = try await connection.query(
                """
                SELECT c.relname || ' ' || lower(p.privilege_type) FROM pg_class c, aclexplode(c.relacl) p
                WHERE \(unescaped: inPublic) AND p.grantee = (SELECT oid FROM pg_roles WHERE rolname = \(role))
                  AND p.privilege_type <> 'SELECT' ORDER BY 1
                """, logger: logger
            ).decode(String.self).collect()
            let unreadable = try await connection.query(
                """
                SELECT c.relname::text FROM pg_class c
                WHERE \(unescaped: inPublic) AND NOT has_table_privilege(\(role), c.oid, 'SELECT') ORDER BY 1
                """, logger: logger
            ).decode(String.self).collect()
            let unpoliced = try await connection.query(
                """
                SELECT c.relname::text FROM pg_class c WHERE \(unescaped: inPublic) AND c.relrowsecurity
                  AND NOT EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'backup_read'
                                    AND (SELECT oid FROM pg_roles WHERE rolname = \(role)) = ANY (p.polroles))
                ORDER BY 1
                """, logger: logger
            ).decode(String.self).collect()
            var problems: [String] = []
            if superuser { problems.append("\(role) is a superuser: ALTER ROLE \(role) NOSUPERUSER") }
            if !writes.isEmpty {
                problems.append("\(role) may write (\(writes.joined(separator: ", "))): REVOKE those privileges")
            }
            if !unreadable.isEmpty {
                problems.append("\(role) cannot read \(unreadable.joined(separator: ", ")): run `dxskills db migrate`")
            }
            if !bypass, !unpoliced.isEmpty {
                problems.append(
                    "\(role) would miss the rows of \(unpoliced.joined(separator: ", ")): SELECT grant_backup_reads(); as the owner"
                )
            }
            let dump = bypass ? "BYPASSRLS: pg_dump works" : "reads every row through its policies: pg_dump --enable-row-security"
            return Finding(
                check: "backup role", problem: problems.isEmpty ? nil : problems.joined(separator: "; "),
                detail: "\(role) SELECT only, \(dump); \(login ? "can log in" : "no login until given a password")")
        }
    }

    /// Each tenant's directory: reached, TLS established, the service account bound, one search run;
    /// and its OpenID provider: the discovery document and the keys fetched, the client secret read.
    static func signInChecks(database: Database) async throws -> [Finding] {
        let tenants = try await SignIn.tenants(database: database).map(\.code)
        var findings: [Finding] = []
        let openID = OpenIDClient()
        for tenant in tenants {
            let settings = try await SignInSettings.of(tenant: tenant, database: database)
            if settings.allows(.oidc) {
                let check = "OpenID provider \(tenant)"
                do {
                    guard let provider = try settings.openID(redirectURI: "https://doctor.invalid/signin/oidc/callback")
                    else {
                        findings.append(Finding(check: check, problem: "oidc sign-in is on but no provider is set", detail: ""))
                        continue
                    }
                    try await openID.check(provider)
                    findings.append(Finding(check: check, problem: nil, detail: "\(provider.issuer) answers, keys fetched"))
                } catch {
                    findings.append(Finding(check: check, problem: String(describing: error), detail: ""))
                }
            }
            guard settings.allows(.ldap) else { continue }
            let check = "directory \(tenant)"
            do {
                guard let directory = try settings.directory() else {
                    findings.append(Finding(check: check, problem: "ldap sign-in is on but no directory is set", detail: ""))
                    continue
                }
                try await LDAPDirectory.check(settings: directory)
                findings.append(Finding(check: check, problem: nil, detail: "\(settings.ldapURL ?? "") reachable, bound"))
            } catch {
                findings.append(Finding(check: check, problem: String(describing: error), detail: ""))
            }
        }
        return findings
    }
}
