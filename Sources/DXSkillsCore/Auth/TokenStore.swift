import Crypto
import Foundation
import PostgresNIO

/// A freshly issued token: shown once, stored only as a hash.
public struct IssuedToken: Sendable {
    public let tokenID: String
    public let token: String
    public let expiresAt: String
}

/// Bearer tokens: `dxs_<tenant>_<id>_<secret>`, the secret 32 random bytes.
///
/// The tenant is part of the token so that the lookup itself runs under row-level security
/// for that tenant; a token altered to name another tenant finds no row there.
public enum TokenStore {
    static let secretBytes = 32

    /// Issues a token for a user of the context's tenant.
    public static func issue(
        user: String, expiresInDays: Int, connection: PostgresConnection, context: TenantContext, logger: Logger
    ) async throws -> IssuedToken {
        guard (1...3650).contains(expiresInDays) else {
            throw DXSkillsError.invalid(Message(.tokenDaysRange))
        }
        let users = try await connection.query(
            "SELECT 1 FROM users WHERE name = \(user)", logger: logger
        ).collect()
        guard !users.isEmpty else {
            throw DXSkillsError.notFound(Message(.objUser, ["name": "\(user)", "tenant": "\(context.tenant)"]))
        }
        let (tokenID, token, hash) = newToken(tenant: context.tenant)
        let rows = try await connection.query(
            """
            INSERT INTO api_tokens (tenant_id, token_id, user_name, token_hash, expires_at)
            VALUES (\(context.tenant), \(tokenID), \(user), \(hash), now() + make_interval(days => \(expiresInDays)::integer))
            RETURNING to_char(expires_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI')
            """, logger: logger)
        var expiresAt = ""
        for try await value in rows.decode(String.self) { expiresAt = value }
        return IssuedToken(tokenID: tokenID, token: token, expiresAt: expiresAt)
    }

    /// Revokes a token by its id; a token already revoked stays revoked.
    public static func revoke(tokenID: String, connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query(
            """
            UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE token_id = \(tokenID)
            RETURNING token_id
            """, logger: logger
        ).collect()
        guard !rows.isEmpty else { throw DXSkillsError.notFound(Message(.objToken, ["id": "\(tokenID)"])) }
    }

    /// The tenant a token claims, or nil when it is not shaped like one of ours.
    public static func parse(_ token: String) -> (tenant: String, tokenID: String)? {
        let parts = token.split(separator: "_", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "dxs", parts[1].count == 6, parts[1].allSatisfy(\.isASCIIDigit),
            parts[2].count == 12, parts[2].allSatisfy(\.isHexDigit), parts[3].count == 43
        else { return nil }
        return (String(parts[1]), String(parts[2]))
    }

    /// The user a token belongs to, when it is valid now; nil for every kind of failure alike.
    ///
    /// One prepared statement, one round trip: `authenticate_token` scopes the lookup to the tenant
    /// the token names (see sql/007).
    public static func authenticate(_ token: String, database: Database) async throws -> Principal? {
        guard let (tenant, tokenID) = parse(token) else { return nil }
        // One statement: its connection is held only while it runs, so the whole of it is the wait.
        return try await database.withAcquireTimeout { _ in
            let rows = try await database.client.rows(Lookup(values: [tenant, tokenID]), logger: database.logger)
            for try await (stored, name, role, unit, employee) in rows {
                let hash = [UInt8](SHA256.hash(data: Data(token.utf8)))
                guard constantTimeEqual([UInt8](stored), hash), let role = Role(rawValue: role) else { return nil }
                return Principal(tenant: tenant, userName: name, role: role, unitCode: unit, employeeNo: employee)
            }
            return nil
        }
    }

    struct Lookup: PreparedQuery {
        static let name = "authenticate_token"
        static let sql = "SELECT token_hash, user_name, user_role, unit_code, employee_no FROM authenticate_token($1, $2)"
        typealias Row = (Data, String, String, String?, String?)
        let values: [any PostgresNonThrowingEncodable & Sendable]
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// A new token of a tenant: its id, the whole token (shown once) and the SHA-256 that is stored.
    static func newToken(tenant: String) -> (tokenID: String, token: String, hash: Data) {
        let tokenID = randomHex(bytes: 6)
        let token = "dxs_\(tenant)_\(tokenID)_\(base64URL(randomBytes(secretBytes)))"
        return (tokenID, token, Data(SHA256.hash(data: Data(token.utf8))))
    }

    /// 32 random bytes, base64url: a session id, a CSRF token, an OpenID state or nonce.
    public static func randomToken() -> String { base64URL(randomBytes(32)) }

    /// Equal strings, in time that does not depend on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        constantTimeEqual(Array(a.utf8), Array(b.utf8))
    }

    /// The same secret, compared as SHA-256 digests in constant time: not even its length shows in
    /// the time a wrong guess takes (a configured secret such as the metrics token).
    public static func sameSecret(_ given: String, _ expected: String) -> Bool {
        constantTimeEqual([UInt8](SHA256.hash(data: Data(given.utf8))), [UInt8](SHA256.hash(data: Data(expected.utf8))))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    static func randomHex(bytes: Int) -> String {
        randomBytes(bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
