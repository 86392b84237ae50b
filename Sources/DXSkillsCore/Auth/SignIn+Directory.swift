import Foundation

extension SignIn {
    /// Search-then-bind against the tenant's directory; the employee number it gives selects the
    /// staff member's user. A directory that cannot be asked is `.unavailable`, never a wrong password.
    static func directory(
        tenant: String, user: String, password: String, settings: SignInSettings, client: String?, database: Database
    ) async throws -> SignInOutcome {
        let outcome: DirectoryOutcome
        do {
            guard let directory = try settings.directory() else {
                throw DirectoryError.unavailable("the directory is not configured: give --ldap-url and --ldap-base-dn")
            }
            outcome = try await LDAPDirectory.authenticate(user: user, password: password, settings: directory)
        } catch DirectoryError.unavailable(let message) {
            try await record(tenant, user, .ldap, nil, "directory_unavailable", client, database)
            return .unavailable(message)
        }
        guard case .signedIn(let identity) = outcome else {
            try await record(tenant, user, .ldap, nil, "bad_password", client, database)
            return .refused
        }
        return try await employee(
            identity.employeeNo, mail: identity.mail, tenant: tenant, method: .ldap, typed: user, client: client,
            database: database)
    }
}

extension SignInSettings {
    /// The directory client's settings, with the service account's password read from its file;
    /// nil when no directory is configured.
    public func directory() throws -> DirectorySettings? {
        guard let url = ldapURL, let base = ldapBaseDN else { return nil }
        var password: String?
        if let file = ldapBindPasswordFile {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw DirectoryError.unavailable("cannot read the directory's bind password file \(file)")
            }
            password = text.trimmingCharacters(in: .newlines)
        }
        return DirectorySettings(
            url: url, caFile: ldapCAFile, baseDN: base, bindDN: ldapBindDN, bindPassword: password,
            userFilter: ldapUserFilter, employeeAttribute: ldapEmployeeAttribute, mailAttribute: ldapMailAttribute)
    }
}
