import DXSkillsTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import DXSkillsCore

/// sql/008: the service role can neither write audit rows of its choosing nor change users and
/// tokens except through the functions that check the caller.
@Suite("Audit and account guards")
struct AuditGuardTests {
    /// The SQLSTATE `body` fails with; nil when it succeeds.
    static func sqlState(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as PSQLError {
            return error.serverInfo?[.sqlState] ?? "PSQLError without a SQLSTATE: \(String(reflecting: error))"
        } catch {
            return "not a PSQLError: \(error)"
        }
    }

    /// A statement of the service role in a tenant transaction; the SQLSTATE it fails with.
    static func appState(_ db: TestDatabase, _ sql: String) async -> String? {
        await appState(db, Fixture.context(), sql)
    }

    static func appState(_ db: TestDatabase, _ context: TenantContext, _ sql: String) async -> String? {
        await sqlState {
            try await db.app.transaction(context) { connection in
                try await connection.run(PostgresQuery(unsafeSQL: sql), logger: db.app.logger)
            }
        }
    }

    /// The fixture tenant with an admin and an hr user (made by the owner, as `admin user add` does).
    static func users(_ db: TestDatabase) async throws {
        try await Fixture.create(db.owner)
        for (name, role) in [("admin1", Role.admin), ("hr1", .hr)] {
            try await Administration.addUser(
                tenant: Fixture.tenant, name: name, role: role, unitCode: nil, employeeNo: nil, database: db.owner)
        }
    }

    static func context(_ actor: String, _ role: Role?, requestID: String? = nil) -> TenantContext {
        TenantContext(tenant: Fixture.tenant, actor: actor, requestID: requestID, role: role)
    }

    @Test("the service role cannot insert into audit_log: a forged actor and time fail with 42501")
    func forgedAuditRowRefused() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let forged = """
                INSERT INTO audit_log (tenant_id, at, actor, action, entity, key)
                VALUES ('\(Fixture.tenant)', '2020-01-01', 'hr1', 'update', 'staff', '{"employee_no": "E001"}')
                """
            #expect(await Self.appState(db, forged) == "42501")
            #expect(await Self.appState(db, "SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))") == "42501")
            #expect(
                try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE at < '2021-01-01'")
                    == 0)
            let privileges = try await db.app.strings(
                Fixture.context(),
                """
                SELECT has_table_privilege('audit_log', 'SELECT')::text || ' ' || has_table_privilege('audit_log', 'INSERT')::text
                """)
            #expect(privileges == ["true false"])
        }
    }

    @Test("the service role cannot insert, update or delete users and tokens: 42501")
    func accountWritesRefused() async throws {
        try await withTestDatabase { db in
            try await Self.users(db)
            let issued = try await db.owner.transaction(Fixture.context()) { connection in
                try await TokenStore.issue(
                    user: "hr1", expiresInDays: 1, connection: connection, context: Fixture.context(), logger: db.owner.logger)
            }
            for statement in [
                "UPDATE users SET status = 'active', disabled_reason = NULL",
                "UPDATE users SET password_hash = NULL WHERE name = 'hr1'",
                "UPDATE users SET locked_until = NULL",
                "INSERT INTO users (tenant_id, name) VALUES ('\(Fixture.tenant)', 'mallory')",
                "DELETE FROM users",
                // Nobody writes their own grant, not even an admin.
                "UPDATE role_grants SET valid_to = NULL WHERE user_name = 'admin1'",
                "INSERT INTO role_grants (tenant_id, user_name, role, valid_from) "
                    + "VALUES ('\(Fixture.tenant)', 'admin1', 'admin', '2000-01-01')",
                "INSERT INTO api_tokens (tenant_id, token_id, user_name, token_hash, expires_at) "
                    + "VALUES ('\(Fixture.tenant)', 'aaaaaaaaaaaa', 'hr1', sha256('x'), now() + interval '1 day')",
                "UPDATE api_tokens SET expires_at = now() + interval '10 years'",
                "DELETE FROM api_tokens",
            ] {
                #expect(await Self.appState(db, Self.context("admin1", .admin), statement) == "42501", "\(statement)")
            }
            let roles = try await db.app.strings(
                Fixture.context(),
                "SELECT g.user_name || ' ' || g.role || ' ' || coalesce(g.valid_to::text, 'open') FROM role_grants g ORDER BY 1")
            #expect(roles == ["admin1 admin open", "hr1 hr open"])
            #expect(try await TokenStore.authenticate(issued.token, database: db.app)?.role == .hr)
        }
    }

    @Test("every function that writes audit_log is SECURITY DEFINER with a fixed search_path and owned by the schema owner")
    func auditWritersAreDefiners() async throws {
        try await withTestDatabase { db in
            let rows = try await db.owner.withConnection { connection in
                try await connection.query(
                    """
                    SELECT p.proname, p.prosecdef, coalesce(array_to_string(p.proconfig, ','), ''),
                           pg_get_userbyid(p.proowner) = current_user,
                           has_function_privilege('dxskills_app', p.oid, 'EXECUTE')
                    FROM pg_proc p
                    WHERE p.pronamespace = 'public'::regnamespace
                      AND (p.prosrc ILIKE '%INSERT INTO audit_log%' OR p.proname LIKE 'app\\_%')
                    ORDER BY 1
                    """, logger: db.owner.logger
                ).decode((String, Bool, String, Bool, Bool).self).collect()
            }
            #expect(
                Set(rows.map(\.0)).isSuperset(of: [
                    "app_admin_actor", "app_issue_token", "app_revoke_token", "app_set_user", "audit_read", "audit_refusal",
                    "audit_row", "audit_statement",
                ]))
            for (name, definer, config, owned, _) in rows {
                #expect(definer && owned && config == "search_path=public, pg_temp", "\(name)")
            }
            // The trigger functions and the admin check are not for the service to call.
            let callable = Set(rows.filter(\.4).map(\.0))
            #expect(
                callable.isSuperset(of: ["app_issue_token", "app_revoke_token", "app_set_user", "audit_read", "audit_refusal"]))
            #expect(callable.isDisjoint(with: ["app_admin_actor", "audit_row", "audit_statement"]))
        }
    }

    @Test("writes of the service role are still audited, per row and per statement, with its actor and the time of now")
    func auditedWritesUnderServiceRole() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let context = Fixture.context(actor: "hr1", requestID: "req-8")
            try await db.app.transaction(context) { connection in
                let logger = db.app.logger
                // A row-audited table (units) and a statement-audited one (assessments): insert, update, delete.
                try await connection.run(
                    """
                    INSERT INTO units (tenant_id, code, name, kind, valid_from)
                    VALUES (\(Fixture.tenant), 'X9', '監査課', '課', '2025-04-01')
                    """, logger: logger)
                try await connection.run("UPDATE units SET name = '監査室' WHERE code = 'X9'", logger: logger)
                try await connection.run("DELETE FROM units WHERE code = 'X9'", logger: logger)
                try await connection.run(
                    """
                    INSERT INTO assessments (tenant_id, employee_no, skill_code, level, assessed_on)
                    SELECT \(Fixture.tenant), 'E001', code, 2, '2011-06-11' FROM skills ORDER BY code LIMIT 2
                    """, logger: logger)
                try await connection.run("UPDATE assessments SET level = 3 WHERE assessed_on = '2011-06-11'", logger: logger)
                try await connection.run("DELETE FROM assessments WHERE assessed_on = '2011-06-11'", logger: logger)
            }
            let rows = try await db.owner.strings(
                Fixture.context(),
                """
                SELECT entity || ' ' || action || ' ' || count(*) || ' '
                       || bool_and(actor = 'hr1' AND request_id = 'req-8' AND at BETWEEN now() - interval '5 minutes' AND now())
                FROM audit_log WHERE request_id = 'req-8' GROUP BY entity, action ORDER BY entity, action
                """)
            #expect(
                rows == [
                    "assessments delete 2 true", "assessments insert 2 true", "assessments update 2 true",
                    "units delete 1 true", "units insert 1 true", "units update 1 true",
                ])
        }
    }

    @Test("a temporary table named audit_log does not swallow the audit rows of a write")
    func shadowedAuditLog() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            // Before sql/008 the trigger ran as the caller with the caller's search_path, where pg_temp
            // comes first: this write was audited into the caller's own temporary table, then dropped.
            let shadowed = try await db.app.transaction(Fixture.context(actor: "mallory")) { connection in
                let logger = db.app.logger
                try await connection.run("CREATE TEMP TABLE audit_log (LIKE public.audit_log) ON COMMIT DROP", logger: logger)
                try await connection.run(
                    """
                    INSERT INTO units (tenant_id, code, name, kind, valid_from)
                    VALUES (\(Fixture.tenant), 'X8', '影の課', '課', '2025-04-01')
                    """, logger: logger)
                return try await connection.query("SELECT count(*)::int FROM pg_temp.audit_log", logger: logger)
                    .decode(Int.self).collect()
            }
            #expect(shadowed == [0])
            #expect(
                try await db.owner.count(
                    Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE actor = 'mallory' AND key->>'code' = 'X8'")
                    == 1)
        }
    }

    @Test("audit_read writes one read row in the transaction's tenant, with its actor; it needs a tenant")
    func auditRead() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await db.app.transaction(Fixture.context(actor: "hr1", requestID: "req-r")) { connection in
                try await connection.run(
                    #"SELECT audit_read('rankings', '{"fiscal_year": 2025}', '{"rows": "3"}')"#, logger: db.app.logger)
            }
            let rows = try await db.app.strings(
                Fixture.context(),
                """
                SELECT actor || ' ' || action || ' ' || entity || ' ' || key::text || ' ' || after::text || ' ' || request_id
                       || ' ' || (at > now() - interval '5 minutes')::text
                FROM audit_log WHERE action = 'read'
                """)
            #expect(rows == [#"hr1 read rankings {"fiscal_year": 2025} {"rows": "3"} req-r true"#])
            let outside = await Self.sqlState {
                try await db.app.withConnection { connection in
                    try await connection.run("SELECT audit_read('rankings', '{}', '{}')", logger: db.app.logger)
                }
            }
            #expect(outside == "55000")
            #expect(await Self.appState(db, "SELECT audit_read('Robert''); --', '{}', '{}')") == "22023")
        }
    }

    @Test("a refusal is audited on its own, in the tenant it names or in `-`, and leaves a caller's tenant as it was")
    func refusal() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.create(db.owner, tenant: Fixture.otherTenant, name: "別の市")
            // act: a garbage token, a known tenant and user, and a tenant that is no tenant code
            try await RefusalAudit.record(
                tenant: nil, actor: nil, route: "GET /v1/staff", status: 401, reason: "invalid token", client: "192.0.2.1",
                requestID: "req-a", database: db.app)
            try await RefusalAudit.record(
                tenant: Fixture.tenant, actor: "manager1", route: "GET /v1/staff/E007", status: 404,
                reason: "outside scope", client: nil, requestID: nil, database: db.app)
            try await RefusalAudit.record(
                tenant: "'; DROP TABLE staff; --", actor: "", route: "GET /v1/rankings", status: 403, reason: "role",
                client: "192.0.2.2", requestID: "req-c", database: db.app)
            // assert
            let row = """
                SELECT tenant_id || ' ' || actor || ' ' || action || ' ' || entity || ' ' || key::text || ' '
                       || after::text || ' ' || coalesce(request_id, '-') || ' ' || (at > now() - interval '5 minutes')::text
                FROM audit_log WHERE action = 'refuse' ORDER BY id
                """
            #expect(
                try await db.app.strings(Fixture.context(Fixture.tenant), PostgresQuery(unsafeSQL: row)) == [
                    #"999991 manager1 refuse request {"route": "GET /v1/staff/E007", "status": 404} {"client": null, "reason": "outside scope"} - true"#
                ])
            #expect(
                try await db.app.strings(Fixture.context("-"), PostgresQuery(unsafeSQL: row)) == [
                    #"- - refuse request {"route": "GET /v1/staff", "status": 401} {"client": "192.0.2.1", "reason": "invalid token"} req-a true"#,
                    #"- - refuse request {"route": "GET /v1/rankings", "status": 403} {"client": "192.0.2.2", "reason": "role"} req-c true"#,
                ])
            #expect(try await db.app.strings(Fixture.context(Fixture.otherTenant), PostgresQuery(unsafeSQL: row)) == [])
            // Inside a tenant transaction: the caller's tenant is put back.
            let after = try await db.app.transaction(Fixture.context(Fixture.otherTenant)) { connection in
                try await connection.run(
                    "SELECT audit_refusal(\(Fixture.tenant), 'hr1', 'GET /v1/x', 403, 'role', NULL, NULL)",
                    logger: db.app.logger)
                return try await connection.query("SELECT current_setting('dxskills.tenant_id')", logger: db.app.logger)
                    .decode(String.self).collect()
            }
            #expect(after == [Fixture.otherTenant])
            #expect(
                try await db.app.count(Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE action = 'refuse'") == 2)
            // A status that is no refusal is a programming error.
            let bad = await Self.sqlState {
                try await RefusalAudit.record(
                    tenant: nil, actor: nil, route: "/", status: 200, reason: "", client: nil, requestID: nil,
                    database: db.app)
            }
            #expect(bad == "22023")
        }
    }

    @Test("the transaction carries the caller's role: a principal's, or none")
    func roleSetting() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let setting = PostgresQuery(unsafeSQL: "SELECT current_setting('dxskills.role', true)")
            #expect(
                try await db.app.strings(TenantContext(Fixture.principal(.evaluator, unit: "S2"), requestID: nil), setting) == [
                    "evaluator"
                ])
            #expect(try await db.app.strings(Fixture.context(), setting) == [""])
        }
    }

    @Test("app_set_user: a non-admin is refused with 42501, so is a forged role and self-promotion; an admin's change is audited")
    func setUser() async throws {
        try await withTestDatabase { db in
            try await Self.users(db)
            let promote = "SELECT app_set_user('hr1', 'admin', NULL, NULL)"
            // A non-admin caller, even promoting itself; a role setting that the stored user does not have.
            #expect(await Self.appState(db, Self.context("hr1", .hr), promote) == "42501")
            #expect(await Self.appState(db, Self.context("hr1", .admin), promote) == "42501")
            #expect(await Self.appState(db, Self.context("hr1", nil), promote) == "42501")
            #expect(await Self.appState(db, Self.context("admin1", .hr), promote) == "42501")
            #expect(await Self.appState(db, Self.context("nobody", .admin), promote) == "42501")
            // An admin may not change its own user.
            #expect(
                await Self.appState(db, Self.context("admin1", .admin), "SELECT app_set_user('admin1', 'hr', NULL, NULL)")
                    == "42501")
            let grants = "SELECT user_name || ' ' || role FROM role_grants WHERE valid_to IS NULL ORDER BY 1"
            #expect(try await db.app.strings(Fixture.context(), PostgresQuery(unsafeSQL: grants)) == ["admin1 admin", "hr1 hr"])
            // act: an admin promotes hr1 and adds a manager
            try await db.app.transaction(Self.context("admin1", .admin, requestID: "req-u")) { connection in
                try await connection.run(PostgresQuery(unsafeSQL: promote), logger: db.app.logger)
                try await connection.run("SELECT app_set_user('manager1', 'manager', 'S2', NULL)", logger: db.app.logger)
            }
            // assert: the change, and its audit rows with the transaction's actor and the time of now
            #expect(
                try await db.app.strings(Fixture.context(), PostgresQuery(unsafeSQL: grants)) == [
                    "admin1 admin", "hr1 admin", "manager1 manager",
                ])
            let audit = try await db.app.strings(
                Fixture.context(),
                """
                SELECT actor || ' ' || action || ' ' || entity || ' ' || coalesce(key->>'user_name', key->>'name') || ' '
                       || coalesce(before->>'role', '-') || ' ' || coalesce(after->>'role', '-') || ' ' || request_id || ' '
                       || (at BETWEEN now() - interval '5 minutes' AND now())::text
                FROM audit_log WHERE entity IN ('users', 'role_grants') AND request_id = 'req-u' ORDER BY id
                """)
            // hr1's grant began today, so the new one replaces it rather than ending it yesterday.
            #expect(
                audit == [
                    "admin1 delete role_grants hr1 hr - req-u true", "admin1 insert role_grants hr1 - admin req-u true",
                    "admin1 insert users manager1 - - req-u true", "admin1 insert role_grants manager1 - manager req-u true",
                ])
            // The table's own checks still hold.
            #expect(
                await Self.appState(db, Self.context("admin1", .admin), "SELECT app_set_user('x', 'manager', NULL, NULL)")
                    == "23514")
        }
    }

    @Test("app_issue_token and app_revoke_token: admins only, except that a user may revoke its own token")
    func tokens() async throws {
        try await withTestDatabase { db in
            try await Self.users(db)
            let tokenID = TokenStore.randomHex(bytes: 6)
            let token = "dxs_\(Fixture.tenant)_\(tokenID)_\(TokenStore.base64URL(TokenStore.randomBytes(32)))"
            let issue = "SELECT app_issue_token('hr1', '\(tokenID)', sha256(convert_to('\(token)', 'UTF8')), 1)"
            #expect(await Self.appState(db, Self.context("hr1", .hr), issue) == "42501")
            #expect(await Self.appState(db, Self.context("hr1", .admin), issue) == "42501")
            #expect(try await TokenStore.authenticate(token, database: db.app) == nil)
            // act: an admin issues hr1's token
            try await db.app.transaction(Self.context("admin1", .admin, requestID: "req-t")) { connection in
                try await connection.run(PostgresQuery(unsafeSQL: issue), logger: db.app.logger)
            }
            #expect(try await TokenStore.authenticate(token, database: db.app)?.userName == "hr1")
            #expect(
                try await db.app.count(
                    Fixture.context(),
                    """
                    SELECT count(*)::int FROM audit_log
                    WHERE entity = 'api_tokens' AND action = 'insert' AND actor = 'admin1' AND request_id = 'req-t'
                      AND NOT after ? 'token_hash'
                    """) == 1)
            // A token of admin1's, which hr1 may not revoke; hr1 may revoke its own.
            let adminToken = try await db.owner.transaction(Fixture.context()) { connection in
                try await TokenStore.issue(
                    user: "admin1", expiresInDays: 1, connection: connection, context: Fixture.context(),
                    logger: db.owner.logger)
            }
            #expect(
                await Self.appState(db, Self.context("hr1", .hr), "SELECT app_revoke_token('\(adminToken.tokenID)')")
                    == "42501")
            #expect(await Self.appState(db, Self.context("hr1", .hr), "SELECT app_revoke_token('000000000000')") == "42501")
            #expect(try await TokenStore.authenticate(adminToken.token, database: db.app) != nil)
            let revoked = try await db.app.transaction(Self.context("hr1", .hr)) { connection in
                try await connection.query("SELECT app_revoke_token(\(tokenID))", logger: db.app.logger)
                    .decode(Bool.self).collect()
            }
            #expect(revoked == [true])
            #expect(try await TokenStore.authenticate(token, database: db.app) == nil)
            let adminRevokes = try await db.app.transaction(Self.context("admin1", .admin)) { connection in
                try await connection.query(
                    "SELECT app_revoke_token(\(adminToken.tokenID)), app_revoke_token('000000000000')", logger: db.app.logger
                ).decode((Bool, Bool).self).collect()
            }
            #expect(adminRevokes.map { "\($0.0) \($0.1)" } == ["true false"])
            #expect(try await TokenStore.authenticate(adminToken.token, database: db.app) == nil)
            // Malformed arguments.
            let admin = Self.context("admin1", .admin)
            #expect(await Self.appState(db, admin, "SELECT app_issue_token('hr1', 'XYZ', sha256('x'), 1)") == "22023")
            #expect(await Self.appState(db, admin, "SELECT app_issue_token('hr1', 'aaaaaaaaaaaa', 'x', 1)") == "22023")
            #expect(
                await Self.appState(db, admin, "SELECT app_issue_token('hr1', 'aaaaaaaaaaaa', sha256('x'), 0)") == "22023")
            #expect(
                await Self.appState(db, admin, "SELECT app_issue_token('ghost', 'aaaaaaaaaaaa', sha256('x'), 1)") == "23503")
        }
    }

    @Test("ServiceAccounts: an admin's writes through the functions; a non-admin's and self-promotion are forbidden")
    func serviceAccounts() async throws {
        try await withTestDatabase { db in
            try await Self.users(db)
            let admin = TenantContext(
                Principal(tenant: Fixture.tenant, userName: "admin1", role: .admin, unitCode: nil, employeeNo: nil),
                requestID: "req-s")
            let hr = TenantContext(Fixture.principal(.hr), requestID: nil)
            let issued = try await db.app.transaction(admin) { connection in
                try await ServiceAccounts.setUser(
                    name: "manager1", role: .manager, unitCode: "S2", employeeNo: nil, connection: connection,
                    logger: db.app.logger)
                return try await ServiceAccounts.issueToken(
                    user: "manager1", expiresInDays: 7, connection: connection, context: admin, logger: db.app.logger)
            }
            #expect(!issued.expiresAt.isEmpty)
            #expect(try await TokenStore.authenticate(issued.token, database: db.app)?.role == .manager)
            let refusals: [DXSkillsError?] = [
                await Self.coreError {
                    try await db.app.transaction(hr) { connection in
                        try await ServiceAccounts.setUser(
                            name: "hr1", role: .admin, unitCode: nil, employeeNo: nil, connection: connection,
                            logger: db.app.logger)
                    }
                },
                await Self.coreError {
                    try await db.app.transaction(admin) { connection in
                        try await ServiceAccounts.setUser(
                            name: "admin1", role: .hr, unitCode: nil, employeeNo: nil, connection: connection,
                            logger: db.app.logger)
                    }
                },
                await Self.coreError {
                    _ = try await db.app.transaction(hr) { connection in
                        try await ServiceAccounts.issueToken(
                            user: "hr1", expiresInDays: 1, connection: connection, context: hr, logger: db.app.logger)
                    }
                },
            ]
            for refusal in refusals {
                guard case .forbidden = refusal else {
                    Issue.record("expected forbidden, got \(String(describing: refusal))")
                    continue
                }
            }
            let unknown = await Self.coreError {
                _ = try await db.app.transaction(admin) { connection in
                    try await ServiceAccounts.issueToken(
                        user: "ghost", expiresInDays: 1, connection: connection, context: admin, logger: db.app.logger)
                }
            }
            guard case .notFound = unknown else {
                Issue.record("expected not found, got \(String(describing: unknown))")
                return
            }
            // The manager signs out: its own token.
            let manager = TenantContext(Fixture.principal(.manager, unit: "S2"), requestID: nil)
            let revoked = try await db.app.transaction(manager) { connection in
                try await ServiceAccounts.revokeToken(tokenID: issued.tokenID, connection: connection, logger: db.app.logger)
            }
            #expect(revoked)
            #expect(try await TokenStore.authenticate(issued.token, database: db.app) == nil)
        }
    }

    /// The core error `body` fails with; nil when it succeeds or fails otherwise.
    static func coreError(_ body: () async throws -> Void) async -> DXSkillsError? {
        do {
            try await body()
            return nil
        } catch let error as DXSkillsError {
            return error
        } catch {
            return nil
        }
    }
}
