import DXSkillsTestSupport
import PostgresNIO
import Testing

@testable import DXSkillsCore

@Suite("Row-level security and the service role")
struct TenantIsolationTests {
    static let tenantTables = [
        "tenants", "units", "staff", "assignments", "users", "api_tokens", "skills", "courses", "course_skills",
        "training_records", "certifications", "certification_skills", "cert_holdings", "assessments", "designations",
        "targets", "evaluation_criteria", "ratings", "career_templates", "career_plans", "audit_log", "role_grants",
        "sessions", "sign_in_attempts", "sign_in_settings", "oidc_flows", "evaluation_disclosures", "self_assessments",
        "claims", "claim_evidence", "claim_events", "notification_settings", "notification_runs",
        "notification_digests", "notification_items", "import_batches",
    ]
    /// Tables the sign-in page's tenant list reads, through a second policy for the schema owner only.
    static let listedTables: Set = ["tenants", "sign_in_settings", "notification_settings"]

    @Test("a walk of the unit tree stays in the transaction's tenant even for a role that bypasses RLS")
    func subtreeNamesItsTenant() async throws {
        try await withTestDatabase { db in
            // Two tenants with the same unit codes.
            try await Fixture.create(db.owner)
            try await Fixture.create(db.owner, tenant: "139998", name: "となり市")
            let counts = try await db.owner.transaction(Fixture.context()) { connection in
                let logger = db.owner.logger
                // dxskills_backup bypasses row-level security: only the function's own filters keep the
                // walk in the tenant. The grant is undone in the same transaction.
                try await connection.run("GRANT dxskills_backup TO CURRENT_USER", logger: logger)
                try await connection.run("SET LOCAL ROLE dxskills_backup", logger: logger)
                let walked = try await connection.query(
                    "SELECT (SELECT count(*) FROM unit_subtree(NULL))::int, (SELECT count(*) FROM units)::int",
                    logger: logger
                ).decode((Int, Int).self).collect()
                try await connection.run("RESET ROLE", logger: logger)
                try await connection.run("REVOKE dxskills_backup FROM CURRENT_USER", logger: logger)
                return walked
            }
            let own = try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM units")
            #expect(counts.first?.1 == 2 * own, "the role sees both tenants' units")
            #expect(counts.first?.0 == own, "the walk covers the tenant's units once each, and no other tenant's")
        }
    }

    @Test("every tenant table has RLS enabled and forced, with a policy")
    func rlsOnEveryTenantTable() async throws {
        try await withTestDatabase { db in
            let rows = try await db.owner.withConnection { connection in
                try await connection.query(
                    """
                    SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                           (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation'
                              AND p.polroles = '{0}'),
                           (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'sign_in_listing'
                              AND p.polcmd = 'r' AND NOT 'dxskills_app'::regrole = ANY (p.polroles) AND p.polroles <> '{0}')
                    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1
                    """, logger: db.owner.logger
                ).decode((String, Bool, Bool, Int, Int).self).collect()
            }
            #expect(rows.map(\.0) == Self.tenantTables.sorted())
            for (table, enabled, forced, policies, listing) in rows {
                #expect(enabled && forced && policies == 1, "\(table)")
                #expect(listing == (Self.listedTables.contains(table) ? 1 : 0), "\(table)")
            }
        }
    }

    @Test("tenant_id leads every primary key and is in every unique constraint and foreign key")
    func tenantInEveryKey() async throws {
        try await withTestDatabase { db in
            let offenders = try await db.owner.withConnection { connection in
                try await connection.query(
                    """
                    SELECT c.relname || '.' || k.conname
                    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                    WHERE c.relnamespace = 'public'::regnamespace AND k.contype IN ('p', 'u', 'f', 'x')
                      AND c.relname <> 'schema_migrations'
                      AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                                      AND a.attname = 'tenant_id' AND a.attnum = ANY (k.conkey))
                    """, logger: db.owner.logger
                ).decode(String.self).collect()
            }
            #expect(offenders == [])
        }
    }

    @Test("the service role owns nothing, is no superuser and cannot bypass RLS")
    func serviceRoleIsPlain() async throws {
        try await withTestDatabase { db in
            let (superuser, bypass, owned) = try await db.app.withConnection { connection in
                var result = (true, true, -1)
                for try await row in try await connection.query(
                    """
                    SELECT r.rolsuper, r.rolbypassrls,
                           (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid)
                    FROM pg_roles r WHERE r.rolname = current_user
                    """, logger: db.app.logger
                ).decode((Bool, Bool, Int).self) { result = row }
                return result
            }
            #expect(!superuser)
            #expect(!bypass)
            #expect(owned == 0)
        }
    }

    @Test("each tenant sees only its rows; a transaction without a tenant sees none")
    func isolationBetweenTenants() async throws {
        try await withTestDatabase { db in
            // setup: two tenants with the same fixture
            try await Fixture.create(db.owner)
            try await Fixture.create(db.owner, tenant: Fixture.otherTenant, name: "別の市")
            // act + assert: the service role, tenant by tenant
            for tenant in [Fixture.tenant, Fixture.otherTenant] {
                let tenants = try await db.app.strings(Fixture.context(tenant), "SELECT DISTINCT tenant_id FROM staff")
                #expect(tenants == [tenant])
                #expect(try await db.app.count(Fixture.context(tenant), "SELECT count(*)::int FROM staff") == 7)
            }
            let unset = try await db.app.withConnection { connection in
                var counts: [Int] = []
                for table in Self.tenantTables {
                    let rows = try await connection.query(
                        PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), logger: db.app.logger)
                    for try await count in rows.decode(Int.self) { counts.append(count) }
                }
                return counts
            }
            #expect(unset == Array(repeating: 0, count: Self.tenantTables.count))
        }
    }

    @Test("a pooled connection does not carry one transaction's tenant into the next")
    func tenantIsTransactionLocal() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await withPool(db.appURL, logger: db.app.logger, maximumConnections: 1) { pool in
                // setup: one transaction with the tenant set, on the only connection
                #expect(try await pool.count(Fixture.context(), "SELECT count(*)::int FROM units") == 7)
                // act: the same connection, no tenant
                let after = try await pool.withConnection { connection in
                    try await connection.query("SELECT count(*)::int FROM units", logger: pool.logger).decode(Int.self)
                        .collect()
                }
                // assert
                #expect(after == [0])
            }
        }
    }

    @Test("10,000 interleaved transactions of two tenants over a pool of two connections see no foreign row")
    func interleavedTenants() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.create(db.owner, tenant: Fixture.otherTenant, name: "別の市")
            try await withPool(db.appURL, logger: db.app.logger, maximumConnections: 2) { pool in
                let foreign = try await withThrowingTaskGroup(of: Int.self) { group in
                    var foreign = 0
                    for index in 0..<10_000 {
                        let tenant = index.isMultiple(of: 2) ? Fixture.tenant : Fixture.otherTenant
                        group.addTask {
                            try await pool.transaction(Fixture.context(tenant)) { connection in
                                // Rows of two tables and the setting itself: anything not this tenant's counts.
                                let rows = try await connection.query(
                                    """
                                    SELECT tenant_id FROM staff UNION ALL SELECT tenant_id FROM units
                                    UNION ALL SELECT current_setting('dxskills.tenant_id')
                                    """, logger: pool.logger
                                ).decode(String.self).collect()
                                return rows.count(where: { $0 != tenant }) + (rows.count == 15 ? 0 : 1_000_000)
                            }
                        }
                        // Keep a bounded number of transactions in flight.
                        if index >= 64 { foreign += try await group.next() ?? 0 }
                    }
                    return try await group.reduce(foreign, +)
                }
                #expect(foreign == 0)
            }
        }
    }

    @Test("writing a row of another tenant is refused")
    func crossTenantWriteRefused() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.create(db.owner, tenant: Fixture.otherTenant, name: "別の市")
            // The service may not add a tenant, nor write a row that names another tenant (the policy's check).
            let writes: [(PostgresQuery, String)] = [
                (
                    "INSERT INTO tenants (tenant_id, name) VALUES ('999993', 'よその市')",
                    "new row violates row-level security policy for table \"tenants\""
                ),
                (
                    "INSERT INTO courses (tenant_id, code, title, hours) VALUES (\(Fixture.otherTenant), 'X-1', 'x', 1)",
                    "new row violates row-level security policy for table \"courses\""
                ),
                (
                    "UPDATE staff SET tenant_id = \(Fixture.otherTenant) WHERE employee_no = 'E001'",
                    "new row violates row-level security policy for table \"staff\""
                ),
            ]
            for (query, message) in writes {
                let error = await #expect(throws: PSQLError.self) {
                    try await db.app.transaction(Fixture.context()) { connection in
                        try await connection.run(query, logger: db.app.logger)
                    }
                }
                #expect(error?.serverInfo?[.sqlState] == "42501", "\(query.sql)")
                #expect(error?.serverInfo?[.message] == message, "\(query.sql)")
            }
            #expect(
                try await db.owner.count(
                    Fixture.context(Fixture.otherTenant), "SELECT count(*)::int FROM courses WHERE code = 'X-1'") == 0)
        }
    }

    @Test("the report functions are PARALLEL SAFE, tenant transactions run without JIT, days bind as dates")
    func reportPlanning() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let unsafe = try await db.app.count(
                Fixture.context(),
                """
                SELECT count(*)::int FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                WHERE p.pronamespace = 'public'::regnamespace AND l.lanname = 'sql' AND p.provolatile <> 'v'
                  AND p.proparallel <> 's'
                """)
            #expect(unsafe == 0)
            let day = try #require(Day(iso: "2026-03-31"))
            let (jit, bound) = try await db.app.transaction(Fixture.context()) { connection in
                let jit = try await connection.query("SHOW jit", logger: db.app.logger).decode(String.self).collect()
                // A day binds as a date, so the planner sees a constant where a text parameter cast
                // with ::date would only be a stable expression.
                let bound = try await connection.query(
                    "SELECT pg_typeof(\(day))::text || ' ' || \(day)::text", logger: db.app.logger
                ).decode(String.self).collect()
                return (jit, bound)
            }
            #expect(jit == ["off"])
            #expect(bound == ["date 2026-03-31"])
        }
    }
}
