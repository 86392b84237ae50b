// Every text says what to fix and names no secret: no password, no user's input beyond the settings.
extension DirectoryError {
    static func timedOut(_ endpoint: DirectoryEndpoint, after seconds: Double) -> DirectoryError {
        .unavailable(
            "the directory at \(endpoint.url) did not answer within \(format(seconds)): check the host and port, "
                + "that the directory is running and that no firewall holds the connection")
    }

    static func unreachable(_ endpoint: DirectoryEndpoint) -> DirectoryError {
        .unavailable(
            "cannot reach the directory at \(endpoint.url): nothing accepts connections there or the host name does "
                + "not resolve; check the host and port (ldaps:// is usually 636, ldap:// 389) and that the directory is running")
    }

    static func untrusted(_ endpoint: DirectoryEndpoint, caFile: String?) -> DirectoryError {
        let signer = caFile.map { "the CA in \($0)" } ?? "a CA this machine trusts"
        return .unavailable(
            "the directory's certificate at \(endpoint.url) is not signed by \(signer), or does not name "
                + "\(endpoint.host), or has expired: give the CA file that signed it, and a URL with a host name "
                + "the certificate names")
    }

    static func noTLS(_ endpoint: DirectoryEndpoint) -> DirectoryError {
        .unavailable(
            "the directory at \(endpoint.url) accepts connections but no TLS handshake: use its ldaps:// port "
                + "(usually 636), or ldap:// with StartTLS (usually 389)")
    }

    static func startTLSRefused(_ endpoint: DirectoryEndpoint, _ result: String) -> DirectoryError {
        .unavailable(
            "the directory at \(endpoint.url) refused StartTLS (\(result)): enable TLS on the directory or use its "
                + "ldaps:// URL; dxskills never signs in over plain LDAP")
    }

    static func unreadableCA(_ file: String) -> DirectoryError {
        .unavailable(
            "cannot use the CA file \(file): it must be a readable PEM file of the CA that signed the directory's certificate")
    }

    static let noSystemCAs = DirectoryError.unavailable(
        "cannot load this machine's trusted CAs for the directory's certificate: give the directory's CA file")

    static func serviceAccountRefused(_ dn: String) -> DirectoryError {
        .unavailable(
            "the service account bind was refused (as \(dn)): check --ldap-bind-dn and the password file")
    }

    static func serviceAccountWithoutPassword(_ dn: String) -> DirectoryError {
        .unavailable(
            "the service account \(dn) has no password (an empty one would bind anonymously): give its password file")
    }

    static func noSuchBase(_ endpoint: DirectoryEndpoint, _ base: String) -> DirectoryError {
        .unavailable("the base DN \(base) does not exist in the directory at \(endpoint.url): check the base DN")
    }

    static func searchRefused(_ endpoint: DirectoryEndpoint, _ base: String, _ result: String, anonymous: Bool)
        -> DirectoryError
    {
        let fix =
            anonymous
            ? "it does not let anonymous users search there; give a service account (--ldap-bind-dn)"
            : "the service account may not search there"
        return .unavailable("the directory at \(endpoint.url) refused the search under \(base) (\(result)): \(fix)")
    }

    static func referral(_ endpoint: DirectoryEndpoint, _ base: String) -> DirectoryError {
        .unavailable(
            "the directory at \(endpoint.url) does not hold \(base) and refers elsewhere: use the URL of a server "
                + "that holds it (referrals are not followed)")
    }

    static func badFilter(_ filter: String) -> DirectoryError {
        .unavailable("the user filter \(filter) is not a valid LDAP filter, e.g. (sAMAccountName={user})")
    }

    static func lost(_ endpoint: DirectoryEndpoint, during step: String) -> DirectoryError {
        .unavailable("the connection to the directory at \(endpoint.url) was lost during \(step): is the directory running?")
    }

    static func failed(_ endpoint: DirectoryEndpoint, during step: String, _ result: String) -> DirectoryError {
        .unavailable("the directory at \(endpoint.url) failed \(step): \(result)")
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e9 ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
