import DXSkillsTestSupport
import Testing

@testable import DXSkillsCore

@Suite("Tokens")
struct TokenStoreTests {
    func issue(_ db: TestDatabase, days: Int = 30) async throws -> IssuedToken {
        try await Administration.addUser(
            tenant: Fixture.tenant, name: "hr1", role: .hr, unitCode: nil, employeeNo: nil, database: db.owner)
        return try await db.owner.transaction(Fixture.context()) { connection in
            try await TokenStore.issue(
                user: "hr1", expiresInDays: days, connection: connection, context: Fixture.context(), logger: db.owner.logger)
        }
    }

    @Test("a token has 32 random bytes, is stored only as its hash, and authenticates its user")
    func issueAndAuthenticate() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let issued = try await issue(db)
            // The secret is what follows dxs_TENANT_ID_ (base64url has '_' of its own, so not what follows
            // the last one): 32 bytes in unpadded base64url are 43 characters.
            let secret = String(try #require(issued.token.split(separator: "_", maxSplits: 3).last))
            #expect(secret.count == 43)
            let stored = try await db.app.count(
                Fixture.context(),
                "SELECT count(*)::int FROM api_tokens WHERE token_hash = sha256(convert_to(\(issued.token), 'UTF8'))")
            // The secret is in no column of any token row, nor in the audit trail.
            let plain = try await db.owner.count(
                Fixture.context(),
                """
                SELECT ((SELECT count(*) FROM api_tokens t WHERE position(\(secret) in t::text) > 0)
                      + (SELECT count(*) FROM audit_log a WHERE position(\(secret) in a::text) > 0))::int
                """)
            #expect(stored == 1)
            #expect(plain == 0)
            let principal = try await TokenStore.authenticate(issued.token, database: db.app)
            #expect(principal == Principal(tenant: Fixture.tenant, userName: "hr1", role: .hr, unitCode: nil, employeeNo: nil))
        }
    }

    @Test("revoked, expired, malformed and other-tenant tokens authenticate nobody")
    func invalidTokens() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.create(db.owner, tenant: Fixture.otherTenant)
            let revoked = try await issue(db)
            try await db.owner.transaction(Fixture.context()) { connection in
                try await TokenStore.revoke(tokenID: revoked.tokenID, connection: connection, logger: db.owner.logger)
            }
            let expired = try await issue(db)
            try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.run(
                    "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_id = \(expired.tokenID)",
                    logger: db.owner.logger)
            }
            let valid = try await issue(db)
            let otherTenant = valid.token.replacingOccurrences(of: "dxs_\(Fixture.tenant)_", with: "dxs_\(Fixture.otherTenant)_")
            var tampered = valid.token
            tampered.removeLast()
            tampered += valid.token.hasSuffix("A") ? "B" : "A"
            for token in [revoked.token, expired.token, otherTenant, tampered, "", "Bearer", "dxs_1_2_3", valid.token + "x"] {
                #expect(try await TokenStore.authenticate(token, database: db.app) == nil, "\(token)")
            }
            #expect(try await TokenStore.authenticate(valid.token, database: db.app) != nil)
        }
    }

    @Test("revoking an unknown token id is not found")
    func revokeUnknown() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            await #expect(throws: DXSkillsError.notFound("token 000000000000")) {
                try await db.owner.transaction(Fixture.context()) { connection in
                    try await TokenStore.revoke(tokenID: "000000000000", connection: connection, logger: db.owner.logger)
                }
            }
        }
    }

    @Test("the one-statement token lookup sees its own tenant only and leaves a caller's tenant as it was")
    func lookupKeepsCallersTenant() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.create(db.owner, tenant: Fixture.otherTenant)
            let issued = try await issue(db)
            let (tenant, tokenID) = try #require(TokenStore.parse(issued.token))
            try await db.app.transaction(Fixture.context(Fixture.otherTenant)) { connection in
                let logger = db.app.logger
                let users = try await connection.query(
                    "SELECT user_name FROM authenticate_token(\(tenant), \(tokenID))", logger: logger
                ).decode(String.self).collect()
                #expect(users == ["hr1"])
                let after = try await connection.query("SELECT current_setting('dxskills.tenant_id')", logger: logger)
                    .decode(String.self).collect()
                #expect(after == [Fixture.otherTenant])
                // The token id is unknown under the other tenant: no row.
                let foreign = try await connection.query(
                    "SELECT user_name FROM authenticate_token(\(Fixture.otherTenant), \(tokenID))", logger: logger
                ).decode(String.self).collect()
                #expect(foreign.isEmpty)
            }
        }
    }
}
