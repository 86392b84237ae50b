import ArgumentParser
import DXSkillsCore
import Foundation

/// A tenant's sign-in settings (`admin tenant set`); what is not given stays as it is.
struct SignInOptions: ParsableArguments {
    @Option(name: .customLong("sign-in"), help: "Comma-separated sign-in methods: local, ldap, oidc.")
    var methods: String?
    @Option(name: .customLong("ldap-url"), help: "ldaps://host[:port], or ldap://host[:port] (always with StartTLS).")
    var ldapURL: String?
    @Option(name: .customLong("ldap-ca-file"), help: "PEM file of the CA that signed the directory's certificate.")
    var ldapCAFile: String?
    @Option(name: .customLong("ldap-base-dn"), help: "Where to search for accounts, e.g. DC=city,DC=lg,DC=jp.")
    var ldapBaseDN: String?
    @Option(name: .customLong("ldap-bind-dn"), help: "The service account that searches.") var ldapBindDN: String?
    @Option(
        name: .customLong("ldap-bind-password-file"),
        help: "File holding the service account's password (read by the service; never stored in the database).")
    var ldapBindPasswordFile: String?
    @Option(name: .customLong("ldap-user-filter"), help: "Search filter with {user}, e.g. (sAMAccountName={user}).")
    var ldapUserFilter: String?
    @Option(
        name: .customLong("ldap-employee-attribute"), help: "Attribute with the employee number (employeeNumber, employeeID).")
    var ldapEmployeeAttribute: String?
    @Option(name: .customLong("ldap-mail-attribute"), help: "Attribute with the mail address (default mail).")
    var ldapMailAttribute: String?
    @Option(name: .customLong("oidc-issuer"), help: "The OpenID provider, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0.")
    var oidcIssuer: String?
    @Option(name: .customLong("oidc-client-id"), help: "The client (application) id registered at the provider.")
    var oidcClientID: String?
    @Option(
        name: .customLong("oidc-client-secret-file"),
        help: "File holding the client secret (read by the service; never stored in the database).")
    var oidcClientSecretFile: String?
    @Option(name: .customLong("oidc-employee-claim"), help: "ID token claim with the employee number (default employee_no).")
    var oidcEmployeeClaim: String?
    @Option(name: .customLong("session-idle-minutes"), help: "Dashboard sessions end after this much inactivity (default 30).")
    var sessionIdleMinutes: Int?
    @Option(name: .customLong("session-absolute-minutes"), help: "…and after this long in any case (default 720).")
    var sessionAbsoluteMinutes: Int?

    var given: Bool {
        let values: [Any?] = [
            methods, ldapURL, ldapCAFile, ldapBaseDN, ldapBindDN, ldapBindPasswordFile, ldapUserFilter,
            ldapEmployeeAttribute, ldapMailAttribute, oidcIssuer, oidcClientID, oidcClientSecretFile, oidcEmployeeClaim,
            sessionIdleMinutes, sessionAbsoluteMinutes,
        ]
        return values.contains { $0 != nil }
    }

    func validate() throws {
        for method in methodList ?? [] where SignInMethod(rawValue: method) == nil || method == "token" {
            throw ValidationError("unknown sign-in method \(method): use local, ldap or oidc")
        }
    }

    private var methodList: [String]? {
        methods?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A file named relative to where the command runs, as an absolute path the service can open.
    private func absolute(_ path: String?) -> String? {
        guard let path, !path.isEmpty else { return nil }
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    func apply(to settings: inout SignInSettings) throws {
        if let list = methodList { settings.methods = list.compactMap { SignInMethod(rawValue: $0) } }
        if let ldapURL { settings.ldapURL = ldapURL.isEmpty ? nil : ldapURL }
        if let file = ldapCAFile { settings.ldapCAFile = absolute(file) }
        if let ldapBaseDN { settings.ldapBaseDN = ldapBaseDN.isEmpty ? nil : ldapBaseDN }
        if let ldapBindDN { settings.ldapBindDN = ldapBindDN.isEmpty ? nil : ldapBindDN }
        if let file = ldapBindPasswordFile { settings.ldapBindPasswordFile = absolute(file) }
        if let ldapUserFilter { settings.ldapUserFilter = ldapUserFilter }
        if let ldapEmployeeAttribute { settings.ldapEmployeeAttribute = ldapEmployeeAttribute }
        if let ldapMailAttribute { settings.ldapMailAttribute = ldapMailAttribute }
        if let oidcIssuer { settings.oidcIssuer = oidcIssuer.isEmpty ? nil : oidcIssuer }
        if let oidcClientID { settings.oidcClientID = oidcClientID.isEmpty ? nil : oidcClientID }
        if let file = oidcClientSecretFile { settings.oidcClientSecretFile = absolute(file) }
        if let oidcEmployeeClaim { settings.oidcEmployeeClaim = oidcEmployeeClaim }
        if let sessionIdleMinutes { settings.sessionIdleMinutes = sessionIdleMinutes }
        if let sessionAbsoluteMinutes { settings.sessionAbsoluteMinutes = sessionAbsoluteMinutes }
    }
}
