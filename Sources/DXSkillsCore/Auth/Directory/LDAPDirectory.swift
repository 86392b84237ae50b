import CLDAP
import NIOPosix

/// Sign-in through the municipality's directory (SPEC §6): search for the user as the service
/// account, then bind as the one entry found, with the user's password, on a connection of its own.
public enum LDAPDirectory {
    /// Whether the directory accepts this user name and password, and who the user is there.
    public static func authenticate(user: String, password: String, settings: DirectorySettings) async throws
        -> DirectoryOutcome
    {
        // A simple bind with an empty password is an unauthenticated bind, which LDAP lets succeed.
        guard !user.isEmpty, !password.isEmpty else { return .rejected }
        let endpoint = try settings.checkedEndpoint()
        return try await threads.runIfActive {
            try signIn(user: user, password: password, settings: settings, endpoint: endpoint)
        }
    }

    /// Connects, establishes TLS, binds as the service account and searches once with the filter;
    /// throws `.unavailable` saying what to fix.
    public static func check(settings: DirectorySettings) async throws {
        let endpoint = try settings.checkedEndpoint()
        try await threads.runIfActive {
            let connection = try LDAPConnection.open(settings, endpoint: endpoint)
            defer { connection.close() }
            try connection.bindServiceAccount()
            _ = try connection.findUser("dxskills-check")
        }
    }

    /// libldap blocks: its calls run on threads of their own, off the event loops, and a directory
    /// that hangs cannot take the threads that NIOThreadPool.singleton lends to file I/O.
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 4)
        pool.start()
        return pool
    }()

    static func signIn(
        user: String, password: String, settings: DirectorySettings, endpoint: DirectoryEndpoint
    ) throws(DirectoryError) -> DirectoryOutcome {
        let match: LDAPConnection.Match
        do {
            let search = try LDAPConnection.open(settings, endpoint: endpoint)
            defer { search.close() }
            try search.bindServiceAccount()
            match = try search.findUser(user)
        }
        guard case .one(let entry) = match else { return .rejected }
        let connection = try LDAPConnection.open(settings, endpoint: endpoint)
        defer { connection.close() }
        let started = ContinuousClock.now
        let code = connection.bind(dn: entry.dn, password: password)
        switch code {
        case LDAP_SUCCESS:
            return .signedIn(
                DirectoryIdentity(
                    dn: entry.dn, employeeNo: entry.values[settings.employeeAttribute],
                    mail: entry.values[settings.mailAttribute],
                    displayName: entry.values["displayName"] ?? entry.values["cn"]))
        case LDAP_INVALID_CREDENTIALS:
            return .rejected
        default:
            throw connection.failure(code, since: started, during: "the user's bind")
        }
    }
}

extension DirectorySettings {
    /// The endpoint, once the settings are known to be usable.
    func checkedEndpoint() throws(DirectoryError) -> DirectoryEndpoint {
        guard timeout > 0, timeout.isFinite else {
            throw .unavailable("the directory timeout must be a number of seconds above 0, not \(timeout)")
        }
        guard userFilter.contains(LDAPFilter.placeholder) else {
            throw .unavailable(
                "the user filter \(userFilter) must contain \(LDAPFilter.placeholder), e.g. (sAMAccountName={user})")
        }
        return try DirectoryEndpoint(url)
    }
}
