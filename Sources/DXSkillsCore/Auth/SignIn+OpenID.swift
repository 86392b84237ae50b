import Crypto
import Foundation
import PostgresNIO

/// An OpenID Connect sign-in between the redirect to the provider and its callback, kept in
/// PostgreSQL so that any replica may take the callback. Only the state's hash is stored, and the
/// callback consumes it: a state, and with it its nonce, is good once.
public enum OpenIDFlows {
    /// How long a user may take at the provider.
    public static let lifetime: TimeInterval = 600

    /// The state to send for a new sign-in of `tenant`, with the nonce and PKCE verifier to keep.
    public static func begin(
        tenant: String, request: OpenIDRequest, next: String, database: Database
    ) async throws {
        try await database.transaction(TenantContext(tenant: tenant, actor: "-")) { connection in
            try await connection.run(
                "DELETE FROM oidc_flows WHERE created_at < now() - make_interval(secs => \(lifetime))",
                logger: database.logger)
            try await connection.run(
                """
                INSERT INTO oidc_flows (tenant_id, state_hash, nonce, code_verifier, next_path)
                VALUES (\(tenant), \(hash(request.state)), \(request.nonce), \(request.codeVerifier), \(next))
                """, logger: database.logger)
        }
    }

    /// Takes the flow of a state (once): its nonce, verifier and where to go after; nil when the
    /// state is unknown, used or too old.
    public static func take(
        tenant: String, state: String, database: Database
    ) async throws -> (nonce: String, codeVerifier: String, next: String)? {
        try await database.transaction(TenantContext(tenant: tenant, actor: "-")) { connection in
            let rows = try await connection.query(
                """
                DELETE FROM oidc_flows WHERE state_hash = \(hash(state))
                RETURNING nonce, code_verifier, next_path, created_at > now() - make_interval(secs => \(lifetime))
                """, logger: database.logger
            ).decode((String, String, String, Bool).self).collect()
            guard let (nonce, verifier, next, fresh) = rows.first, fresh else { return nil }
            return (nonce, verifier, next)
        }
    }

    static func hash(_ state: String) -> Data { Data(SHA256.hash(data: Data(state.utf8))) }
}

extension SignInSettings {
    /// The OpenID client's settings, with the client secret read from its file; nil when no
    /// provider is configured.
    public func openID(redirectURI: String) throws -> OpenIDSettings? {
        guard let issuer = oidcIssuer, let clientID = oidcClientID else { return nil }
        var secret: String?
        if let file = oidcClientSecretFile {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw OpenIDError.unavailable("cannot read the OpenID client secret file \(file)")
            }
            secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return OpenIDSettings(
            issuer: issuer, clientID: clientID, clientSecret: secret, employeeClaim: oidcEmployeeClaim,
            redirectURI: redirectURI)
    }

    /// The settings of a tenant, read in a transaction of the service.
    public static func of(tenant: String, serviceDatabase database: Database) async throws -> SignInSettings {
        try await database.transaction(TenantContext(tenant: tenant, actor: "-")) { connection in
            try await load(connection: connection, logger: database.logger)
        }
    }
}
