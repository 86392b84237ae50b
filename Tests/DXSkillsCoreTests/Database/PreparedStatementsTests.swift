import DXSkillsTestSupport
import PostgresNIO
import Testing

@testable import DXSkillsCore

/// DXSKILLS_PREPARED_STATEMENTS: `off` runs the per-request statements unnamed, for a pooler in
/// transaction mode (`scripts/pgbouncer-test.sh` runs the service behind PgBouncer with it).
@Suite("Prepared statements on and off")
struct PreparedStatementsTests {
    @Test("the setting is on or off, unset or empty is on, and anything else is refused in English and Japanese")
    func setting() throws {
        #expect(try PreparedStatements.parse(nil) == true)
        #expect(try PreparedStatements.parse("") == true)
        #expect(try PreparedStatements.parse("on") == true)
        #expect(try PreparedStatements.parse("off") == false)
        for word in ["OFF", "false", "0", "yes"] {
            let error = #expect(throws: DXSkillsError.self) { try PreparedStatements.parse(word) }
            #expect(error?.text(.en) == "DXSKILLS_PREPARED_STATEMENTS must be on or off, not \(word)")
            #expect(error?.text(.ja) == "DXSKILLS_PREPARED_STATEMENTS は on か off を指定してください(\(word) が指定されました)")
        }
    }

    /// The names prepared on this connection (statements of the protocol included).
    static func prepared(_ connection: PostgresConnection, _ logger: Logger) async throws -> [String] {
        try await connection.query("SELECT name FROM pg_prepared_statements ORDER BY name", logger: logger)
            .decode(String.self).collect()
    }

    /// A staff card's statements in one tenant transaction, each as `prepared` says; their rows as text.
    static func card(_ connection: PostgresConnection, prepared: Bool, _ logger: Logger) async throws -> [String] {
        let day = try #require(Day(iso: "2025-04-02"))
        try await connection.run("BEGIN", logger: logger)
        for try await _ in try await connection.rows(
            Database.BindTenant(Fixture.context()), logger: logger, prepared: prepared)
        {}
        var rows: [String] = []
        for try await row in try await connection.rows(
            StaffDirectory.Visible(values: ["K1", "E007", day]), logger: logger, prepared: prepared)
        {
            rows.append("visible \(row)")
        }
        for try await row in try await connection.rows(
            StaffDirectory.Card(values: ["E007", day]), logger: logger, prepared: prepared)
        {
            rows.append("card \(row)")
        }
        for try await row in try await connection.rows(
            StaffDirectory.Evidence(values: [day, "E007"]), logger: logger, prepared: prepared)
        {
            rows.append("evidence \(row)")
        }
        try await connection.run("COMMIT", logger: logger)
        return rows
    }

    @Test("off runs the same SQL and bindings unnamed: the same rows, and nothing is left prepared on the connection")
    func unnamed() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let logger = db.app.logger
            try await db.app.withConnection { connection in
                #expect(try await Self.prepared(connection, logger) == [])
                let unnamed = try await Self.card(connection, prepared: false, logger)
                #expect(try await Self.prepared(connection, logger) == [])
                #expect(unnamed.contains { $0.hasPrefix("visible (\"B1\"") })
                #expect(unnamed.contains { $0.hasPrefix("card (\"E007\"") })
                #expect(unnamed.contains { $0.hasPrefix("evidence (\"P-DS\"") })
                let named = try await Self.card(connection, prepared: true, logger)
                #expect(named == unnamed)
                #expect(
                    try await Self.prepared(connection, logger) == [
                        "bind_tenant", "staff_card", "staff_evidence", "staff_visible_spans",
                    ])
            }
        }
    }

    @Test("off on the pool: a token's lookup and a refusal's audit row, as with prepared statements")
    func unnamedOnThePool() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let token = try await Fixture.userWithToken("hr1", role: .hr, database: db.owner)
            let (tenant, tokenID) = try #require(TokenStore.parse(token))
            var found: [Bool: String] = [:]
            for prepared in [false, true] {
                for try await (_, name, role, _, _) in try await db.app.client.rows(
                    TokenStore.Lookup(values: [tenant, tokenID]), logger: db.app.logger, prepared: prepared)
                {
                    found[prepared] = "\(name) \(role)"
                }
                for try await _ in try await db.app.client.rows(
                    RefusalAudit.Record(
                        tenant: Fixture.tenant, actor: "hr1", route: "GET /v1/x", status: 403, reason: "prepared \(prepared)",
                        client: nil, requestID: nil),
                    logger: db.app.logger, prepared: prepared)
                {}
            }
            #expect(found == [false: "hr1 hr", true: "hr1 hr"])
            #expect(
                try await db.app.strings(
                    Fixture.context(), "SELECT after->>'reason' FROM audit_log WHERE action = 'refuse' ORDER BY 1")
                    == ["prepared false", "prepared true"])
        }
    }
}
