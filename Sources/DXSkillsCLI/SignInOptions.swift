import ArgumentParser
import DXSkillsCore
import Foundation

/// A tenant's sign-in settings (`admin tenant set`); what is not given stays as it is.
struct SignInOptions: ParsableArguments {
    @Option(name: .customLong("sign-in"), help: .catalog(.signInOptionsMethods))
    var methods: String?
    @Option(name: .customLong("ldap-url"), help: .catalog(.signInOptionsLdapURL))
    var ldapURL: String?
    @Option(name: .customLong("ldap-ca-file"), help: .catalog(.signInOptionsLdapCAFile))
    var ldapCAFile: String?
    @Option(name: .customLong("ldap-base-dn"), help: .catalog(.signInOptionsLdapBaseDN))
    var ldapBaseDN: String?
    @Option(name: .customLong("ldap-bind-dn"), help: .catalog(.signInOptionsLdapBindDN)) var ldapBindDN: String?
    @Option(
        name: .customLong("ldap-bind-password-file"),
        help: .catalog(.signInOptionsLdapBindPasswordFile))
    var ldapBindPasswordFile: String?
    @Option(name: .customLong("ldap-user-filter"), help: .catalog(.signInOptionsLdapUserFilter))
    var ldapUserFilter: String?
    @Option(
        name: .customLong("ldap-employee-attribute"), help: .catalog(.signInOptionsLdapEmployeeAttribute))
    var ldapEmployeeAttribute: String?
    @Option(name: .customLong("ldap-mail-attribute"), help: .catalog(.signInOptionsLdapMailAttribute))
    var ldapMailAttribute: String?
    @Option(name: .customLong("oidc-issuer"), help: .catalog(.signInOptionsOidcIssuer))
    var oidcIssuer: String?
    @Option(name: .customLong("oidc-client-id"), help: .catalog(.signInOptionsOidcClientID))
    var oidcClientID: String?
    @Option(
        name: .customLong("oidc-client-secret-file"),
        help: .catalog(.signInOptionsOidcClientSecretFile))
    var oidcClientSecretFile: String?
    @Option(name: .customLong("oidc-employee-claim"), help: .catalog(.signInOptionsOidcEmployeeClaim))
    var oidcEmployeeClaim: String?
    @Option(name: .customLong("session-idle-minutes"), help: .catalog(.signInOptionsSessionIdleMinutes))
    var sessionIdleMinutes: Int?
    @Option(name: .customLong("session-absolute-minutes"), help: .catalog(.signInOptionsSessionAbsoluteMinutes))
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
            throw ValidationError(Message(.cliUnknownMethod, ["value": "\(method)"]))
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
