import Foundation
import PostgresNIO

/// User and token writes as the service role, for a signed-in caller.
///
/// The service role may not write `users` or `api_tokens` itself (sql/008). These call the
/// database's `app_set_user`, `app_issue_token` and `app_revoke_token`, which require that the
/// transaction's role (`TenantContext.role`) is `admin` and that its actor is stored as an admin of
/// the tenant; nobody may change their own user, and anyone may revoke its own token. Run them in
/// `Database.transaction` with the caller's `TenantContext(principal, requestID:)`. (The `admin`
/// commands write as the schema owner through `Administration` and `TokenStore` instead.)
public enum ServiceAccounts {
    /// Adds a user of the transaction's tenant or changes its role and scope.
    public static func setUser(
        name: String, role: Role, unitCode: String?, employeeNo: String?, connection: PostgresConnection, logger: Logger
    ) async throws {
        try await mapped {
            try await connection.run(
                "SELECT app_set_user(\(name), \(role.rawValue), \(unitCode), \(employeeNo))", logger: logger)
        }
    }

    /// Issues a token for a user of the context's tenant; the database stores only its hash.
    public static func issueToken(
        user: String, expiresInDays: Int, connection: PostgresConnection, context: TenantContext, logger: Logger
    ) async throws -> IssuedToken {
        guard (1...3650).contains(expiresInDays) else {
            throw DXSkillsError.invalid(Message(.tokenDaysRange))
        }
        let (tokenID, token, hash) = TokenStore.newToken(tenant: context.tenant)
        let expiresAt = try await mapped {
            try await connection.query(
                """
                SELECT to_char(app_issue_token(\(user), \(tokenID), \(hash), \(expiresInDays)::integer) AT TIME ZONE 'Asia/Tokyo',
                               'YYYY-MM-DD HH24:MI')
                """, logger: logger
            ).decode(String.self).collect().first ?? ""
        }
        return IssuedToken(tokenID: tokenID, token: token, expiresAt: expiresAt)
    }

    /// Revokes a token of the transaction's tenant; false when there is no such token.
    public static func revokeToken(tokenID: String, connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await mapped {
            try await connection.query("SELECT app_revoke_token(\(tokenID))", logger: logger).decode(Bool.self).collect()
                .first ?? false
        }
    }

    /// The database's refusals as the core's errors: 42501 forbidden, a missing user, unit or staff
    /// record not found, a malformed argument or a broken rule invalid.
    static func mapped<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as PSQLError {
            let message = error.serverInfo?[.message] ?? "refused"
            switch error.serverInfo?[.sqlState] {
            case "42501": throw DXSkillsError.forbidden(Message(.receivedText, ["text": "\(message)"]))
            case "23503":
                throw DXSkillsError.notFound(Message(.receivedText, ["text": "\(error.serverInfo?[.detail] ?? message)"]))
            case "22023", "23514", "23502": throw DXSkillsError.invalid(Message(.receivedText, ["text": "\(message)"]))
            default: throw error
            }
        }
    }
}
