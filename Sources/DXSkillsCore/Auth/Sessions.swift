import Crypto
import Foundation
import PostgresNIO

/// How a session or token was signed in.
public enum SignInMethod: String, Sendable, CaseIterable, Codable {
    case local, ldap, oidc, token
}

/// Why a session ended (the `sessions.end_reason` of the schema).
public enum SessionEnd: String, Sendable {
    case signOut = "signout"
    case signOutEverywhere = "signout_everywhere"
    case admin
    case passwordChanged = "password_changed"
}

/// A session just started: the cookie value for the browser, shown to it once.
public struct StartedSession: Sendable {
    public let cookie: String
    public let csrfToken: String
}

/// The live session a cookie names, with its user's rights of today.
public struct ActiveSession: Sendable {
    public let principal: Principal
    public let csrfToken: String
    public let method: SignInMethod
    /// Signed in with a one-time password that must be changed before anything else.
    public let mustChangePassword: Bool
    /// SHA-256 of the session id: the one session a password change keeps.
    public let idHash: Data
}

/// Dashboard sessions in PostgreSQL (reference §6): they survive a restart and replicas share them.
///
/// The cookie is `TENANT.ID`: the tenant lets the lookup run under row-level security for that
/// tenant, like a token's; the id is 32 random bytes, and only its SHA-256 is stored.
public enum Sessions {
    /// Starts a session for a user who has just signed in.
    /// A session of `method` `.token` lives only while the token `tokenID` is valid.
    public static func start(
        tenant: String, user: String, method: SignInMethod, tokenID: String? = nil, client: String?, database: Database
    ) async throws -> StartedSession {
        let id = TokenStore.randomToken()
        let csrf = TokenStore.randomToken()
        try await database.transaction(TenantContext(tenant: tenant, actor: user)) { connection in
            try await connection.run(
                """
                INSERT INTO sessions (tenant_id, id_hash, user_name, method, csrf_token, token_id, client)
                VALUES (\(tenant), \(hash(id)), \(user), \(method.rawValue), \(csrf), \(tokenID), \(client))
                """, logger: database.logger)
        }
        return StartedSession(cookie: "\(tenant).\(id)", csrfToken: csrf)
    }

    /// The tenant and id of a cookie shaped like ours.
    static func parse(_ cookie: String) -> (tenant: String, id: String)? {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 6, parts[0].allSatisfy(\.isASCIIDigit), parts[1].count == 43 else {
            return nil
        }
        return (String(parts[0]), String(parts[1]))
    }

    static func hash(_ id: String) -> Data { Data(SHA256.hash(data: Data(id.utf8))) }

    /// The live session of a cookie, touched; nil when unknown, ended, expired or without rights
    /// today (an expired session, or one whose user lost its rights, is ended by the lookup).
    public static func authenticate(_ cookie: String, database: Database) async throws -> ActiveSession? {
        guard let (tenant, id) = parse(cookie) else { return nil }
        let idHash = hash(id)
        return try await database.withAcquireTimeout { _ in
            let rows = try await database.client.query(
                """
                SELECT user_name, user_role, unit_code, employee_no, csrf_token, method, must_change_password
                FROM authenticate_session(\(tenant), \(idHash))
                """, logger: database.logger)
            for try await (name, role, unit, employee, csrf, method, mustChange) in rows.decode(
                (String, String, String?, String?, String, String, Bool).self)
            {
                guard let role = Role(rawValue: role), let method = SignInMethod(rawValue: method) else { return nil }
                return ActiveSession(
                    principal: Principal(tenant: tenant, userName: name, role: role, unitCode: unit, employeeNo: employee),
                    csrfToken: csrf, method: method, mustChangePassword: mustChange, idHash: idHash)
            }
            return nil
        }
    }

    /// Ends the session of a cookie (signing out); nothing happens for an unknown one.
    public static func end(_ cookie: String, reason: SessionEnd, database: Database) async throws {
        guard let (tenant, id) = parse(cookie) else { return }
        try await database.transaction(TenantContext(tenant: tenant, actor: "-")) { connection in
            try await connection.run(
                """
                SELECT set_config('dxskills.actor', user_name, true) FROM sessions
                WHERE id_hash = \(hash(id)) AND ended_at IS NULL
                """, logger: database.logger)
            try await connection.run(
                """
                UPDATE sessions SET ended_at = now(), end_reason = \(reason.rawValue)
                WHERE id_hash = \(hash(id)) AND ended_at IS NULL
                """, logger: database.logger)
        }
    }

    /// Ends every live session of a user ("sign out everywhere", or an admin's); returns how many.
    @discardableResult
    public static func endAll(
        tenant: String, user: String, reason: SessionEnd, actor: String, database: Database
    ) async throws -> Int {
        try await database.transaction(TenantContext(tenant: tenant, actor: actor)) { connection in
            try await connection.query(
                """
                UPDATE sessions SET ended_at = now(), end_reason = \(reason.rawValue)
                WHERE user_name = \(user) AND ended_at IS NULL RETURNING 1
                """, logger: database.logger
            ).collect().count
        }
    }
}
