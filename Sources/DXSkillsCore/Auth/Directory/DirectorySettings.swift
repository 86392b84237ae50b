/// How to reach a municipality's directory (Active Directory or OpenLDAP) and find a user in it.
public struct DirectorySettings: Sendable, Equatable {
    /// `ldaps://host[:port]`, or `ldap://host[:port]`, which always does StartTLS (never plain LDAP).
    public var url: String
    /// A PEM file of the CA that signed the directory's certificate; nil trusts the system's CAs.
    public var caFile: String?
    /// Where the user search starts (subtree).
    public var baseDN: String
    /// The service account that searches; nil searches anonymously.
    public var bindDN: String?
    public var bindPassword: String?
    /// A search filter in which `{user}` stands for the RFC 4515-escaped user name.
    public var userFilter: String
    /// The attribute holding the employee number (`employeeNumber`, `employeeID`).
    public var employeeAttribute: String
    public var mailAttribute: String
    /// Seconds allowed for connecting and for each operation.
    public var timeout: Double

    public init(
        url: String, caFile: String? = nil, baseDN: String, bindDN: String? = nil, bindPassword: String? = nil,
        userFilter: String = "(sAMAccountName={user})", employeeAttribute: String = "employeeNumber",
        mailAttribute: String = "mail", timeout: Double = 5
    ) {
        self.url = url
        self.caFile = caFile
        self.baseDN = baseDN
        self.bindDN = bindDN
        self.bindPassword = bindPassword
        self.userFilter = userFilter
        self.employeeAttribute = employeeAttribute
        self.mailAttribute = mailAttribute
        self.timeout = timeout
    }
}

// Settings end up in logs and test failures: never with the service account's password.
extension DirectorySettings: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        let password = bindPassword == nil ? "nil" : "<redacted>"
        return "DirectorySettings(url: \(url), caFile: \(caFile ?? "nil"), baseDN: \(baseDN), "
            + "bindDN: \(bindDN ?? "nil"), bindPassword: \(password), userFilter: \(userFilter), "
            + "employeeAttribute: \(employeeAttribute), mailAttribute: \(mailAttribute), timeout: \(timeout))"
    }

    public var debugDescription: String { description }
}
