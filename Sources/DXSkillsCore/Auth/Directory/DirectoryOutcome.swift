/// The directory entry a user signed in as.
public struct DirectoryIdentity: Sendable, Equatable {
    public let dn: String
    /// The configured employee attribute's value; nil when the entry has none.
    public let employeeNo: String?
    public let mail: String?
    /// `displayName`, else `cn`.
    public let displayName: String?

    public init(dn: String, employeeNo: String?, mail: String?, displayName: String?) {
        self.dn = dn
        self.employeeNo = employeeNo
        self.mail = mail
        self.displayName = displayName
    }
}

/// What the directory said about a user name and password.
public enum DirectoryOutcome: Sendable, Equatable {
    case signedIn(DirectoryIdentity)
    /// No such user, several matching entries, a wrong or an empty password: one answer for all, so
    /// that a caller cannot tell which.
    case rejected
}

/// The directory cannot answer: each message says what to fix. Never a wrong password.
public enum DirectoryError: Error, Sendable, Equatable {
    /// Cannot connect, TLS or certificate failure, timeout, service account refused, server down,
    /// settings that cannot work.
    case unavailable(String)
}

extension DirectoryError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unavailable(let message): return message
        }
    }
}
