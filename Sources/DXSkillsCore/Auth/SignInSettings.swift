import Foundation
import PostgresNIO

/// A tenant's sign-in settings (`admin tenant set --sign-in …`): which methods it allows, its
/// directory and OpenID provider, and how long sessions last. Secrets are paths to files on the
/// server, read when they are used; the database never holds them.
public struct SignInSettings: Sendable, Equatable {
    public var methods: [SignInMethod] = [.local]
    public var ldapURL: String?
    public var ldapCAFile: String?
    public var ldapBaseDN: String?
    public var ldapBindDN: String?
    public var ldapBindPasswordFile: String?
    public var ldapUserFilter = "(sAMAccountName={user})"
    public var ldapEmployeeAttribute = "employeeNumber"
    public var ldapMailAttribute = "mail"
    public var oidcIssuer: String?
    public var oidcClientID: String?
    public var oidcClientSecretFile: String?
    public var oidcEmployeeClaim = "employee_no"
    public var sessionIdleMinutes = 30
    public var sessionAbsoluteMinutes = 720

    public init() {}

    public func allows(_ method: SignInMethod) -> Bool { methods.contains(method) }

    /// The settings of the transaction's tenant; the defaults when none were set.
    public static func load(connection: PostgresConnection, logger: Logger) async throws -> SignInSettings {
        var settings = SignInSettings()
        let rows = try await connection.query(
            """
            SELECT array_to_string(methods, ','), ldap_url, ldap_ca_file, ldap_base_dn, ldap_bind_dn,
                   ldap_bind_password_file, ldap_user_filter, ldap_employee_attribute, ldap_mail_attribute,
                   oidc_issuer, oidc_client_id, oidc_client_secret_file, oidc_employee_claim,
                   session_idle_minutes, session_absolute_minutes
            FROM sign_in_settings
            """, logger: logger)
        for try await row in rows {
            let r = try row.decode(
                (
                    String, String?, String?, String?, String?, String?, String, String, String, String?, String?, String?,
                    String, Int, Int
                ).self)
            settings.methods = r.0.split(separator: ",").compactMap { SignInMethod(rawValue: String($0)) }
            (settings.ldapURL, settings.ldapCAFile, settings.ldapBaseDN, settings.ldapBindDN) = (r.1, r.2, r.3, r.4)
            (settings.ldapBindPasswordFile, settings.ldapUserFilter) = (r.5, r.6)
            (settings.ldapEmployeeAttribute, settings.ldapMailAttribute) = (r.7, r.8)
            (settings.oidcIssuer, settings.oidcClientID, settings.oidcClientSecretFile) = (r.9, r.10, r.11)
            (settings.oidcEmployeeClaim, settings.sessionIdleMinutes, settings.sessionAbsoluteMinutes) = (r.12, r.13, r.14)
        }
        return settings
    }

    /// What is missing or wrong, in words that name the `admin tenant set` option to give.
    public func problems() -> [Message] {
        var problems: [Message] = []
        if methods.isEmpty { problems.append(Message(.settingSignInMethods)) }
        if allows(.ldap) {
            if ldapURL == nil { problems.append(Message(.settingLDAPURLRequired)) }
            if ldapBaseDN == nil { problems.append(Message(.settingLDAPBaseRequired)) }
        }
        if let url = ldapURL, !(url.hasPrefix("ldaps://") || url.hasPrefix("ldap://")) {
            problems.append(Message(.settingLDAPURLScheme, ["value": "\(url)"]))
        }
        if !ldapUserFilter.contains("{user}") {
            problems.append(Message(.settingLDAPFilter))
        }
        if allows(.oidc) {
            if oidcIssuer == nil { problems.append(Message(.settingOIDCIssuerRequired)) }
            if oidcClientID == nil { problems.append(Message(.settingOIDCClientRequired)) }
        }
        if let issuer = oidcIssuer, !(issuer.hasPrefix("https://") || issuer.hasPrefix("http://")) {
            problems.append(Message(.settingOIDCIssuerScheme, ["value": "\(issuer)"]))
        }
        for file in [ldapCAFile, ldapBindPasswordFile, oidcClientSecretFile].compactMap({ $0 })
        where !FileManager.default.isReadableFile(atPath: file) {
            problems.append(Message(.settingFileUnreadable, ["file": "\(file)"]))
        }
        if !(1...1440).contains(sessionIdleMinutes) { problems.append(Message(.settingIdleMinutes)) }
        if !(5...10080).contains(sessionAbsoluteMinutes) { problems.append(Message(.settingAbsoluteMinutes)) }
        return problems
    }

    /// Stores the settings of a tenant, as the schema owner (`admin tenant set`).
    public func store(tenant: String, database: Database) async throws {
        let problems = problems()
        guard problems.isEmpty else { throw DXSkillsError.invalid(problems: problems) }
        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            guard try await !connection.query("SELECT 1 FROM tenants", logger: database.logger).collect().isEmpty else {
                throw DXSkillsError.notFound(Message(.objTenant, ["code": "\(tenant)"]))
            }
            try await connection.run(
                """
                INSERT INTO sign_in_settings (tenant_id, methods, ldap_url, ldap_ca_file, ldap_base_dn, ldap_bind_dn,
                  ldap_bind_password_file, ldap_user_filter, ldap_employee_attribute, ldap_mail_attribute, oidc_issuer,
                  oidc_client_id, oidc_client_secret_file, oidc_employee_claim, session_idle_minutes, session_absolute_minutes)
                VALUES (\(tenant), string_to_array(\(methods.map(\.rawValue).joined(separator: ",")), ','), \(ldapURL),
                  \(ldapCAFile), \(ldapBaseDN), \(ldapBindDN), \(ldapBindPasswordFile), \(ldapUserFilter),
                  \(ldapEmployeeAttribute), \(ldapMailAttribute), \(oidcIssuer), \(oidcClientID), \(oidcClientSecretFile),
                  \(oidcEmployeeClaim), \(sessionIdleMinutes), \(sessionAbsoluteMinutes))
                ON CONFLICT (tenant_id) DO UPDATE SET methods = excluded.methods, ldap_url = excluded.ldap_url,
                  ldap_ca_file = excluded.ldap_ca_file, ldap_base_dn = excluded.ldap_base_dn,
                  ldap_bind_dn = excluded.ldap_bind_dn, ldap_bind_password_file = excluded.ldap_bind_password_file,
                  ldap_user_filter = excluded.ldap_user_filter, ldap_employee_attribute = excluded.ldap_employee_attribute,
                  ldap_mail_attribute = excluded.ldap_mail_attribute, oidc_issuer = excluded.oidc_issuer,
                  oidc_client_id = excluded.oidc_client_id, oidc_client_secret_file = excluded.oidc_client_secret_file,
                  oidc_employee_claim = excluded.oidc_employee_claim, session_idle_minutes = excluded.session_idle_minutes,
                  session_absolute_minutes = excluded.session_absolute_minutes
                """, logger: database.logger)
        }
    }

    /// The stored settings of a tenant, read as the schema owner.
    public static func of(tenant: String, database: Database) async throws -> SignInSettings {
        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            try await load(connection: connection, logger: database.logger)
        }
    }
}
