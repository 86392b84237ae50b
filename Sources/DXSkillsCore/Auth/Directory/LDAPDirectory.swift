// Placeholder with the interface of the directory client, replaced by the libldap client.
public struct DirectorySettings: Sendable, Equatable {
    public var url: String
    public var caFile: String?
    public var baseDN: String
    public var bindDN: String?
    public var bindPassword: String?
    public var userFilter: String
    public var employeeAttribute: String
    public var mailAttribute: String
    public var timeout: Double
    public init(
        url: String, caFile: String? = nil, baseDN: String, bindDN: String? = nil, bindPassword: String? = nil,
        userFilter: String = "(sAMAccountName={user})", employeeAttribute: String = "employeeNumber",
        mailAttribute: String = "mail", timeout: Double = 5
    ) {
        (self.url, self.caFile, self.baseDN, self.bindDN, self.bindPassword) = (url, caFile, baseDN, bindDN, bindPassword)
        (self.userFilter, self.employeeAttribute, self.mailAttribute, self.timeout) =
            (userFilter, employeeAttribute, mailAttribute, timeout)
    }
}
public struct DirectoryIdentity: Sendable, Equatable {
    public let dn: String
    public let employeeNo: String?
    public let mail: String?
    public let displayName: String?
}
public enum DirectoryOutcome: Sendable, Equatable {
    case signedIn(DirectoryIdentity)
    case rejected
}
public enum DirectoryError: Error, Sendable {
    case unavailable(String)
}
public enum LDAPDirectory {
    public static func authenticate(user: String, password: String, settings: DirectorySettings) async throws
        -> DirectoryOutcome
    {
        throw DirectoryError.unavailable("directory sign-in is not built into this version yet")
    }
}
