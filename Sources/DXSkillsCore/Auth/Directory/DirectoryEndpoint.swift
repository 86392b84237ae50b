/// A directory URL, checked before libldap sees it: one `ldaps://` or `ldap://` server, nothing else.
struct DirectoryEndpoint: Sendable, Equatable {
    let url: String
    /// `ldap://`: StartTLS before anything else is sent.
    let usesStartTLS: Bool
    /// The host as the certificate must name it.
    let host: String

    init(_ url: String) throws(DirectoryError) {
        let lowered = url.lowercased()
        let rest: Substring
        if lowered.hasPrefix("ldaps://") {
            usesStartTLS = false
            rest = url.dropFirst("ldaps://".count)
        } else if lowered.hasPrefix("ldap://") {
            usesStartTLS = true
            rest = url.dropFirst("ldap://".count)
        } else {
            throw .unavailable(
                "the directory URL \(url) must start with ldaps:// or ldap:// (which does StartTLS), e.g. ldaps://dc1.example.lg.jp"
            )
        }
        let hostPort = rest.hasSuffix("/") ? rest.dropLast() : rest
        // libldap would read a path as a search and spaces as a list of servers: neither is meant here.
        guard !hostPort.isEmpty, !hostPort.contains(where: { "/?# \t\n".contains($0) }) else {
            throw .unavailable("the directory URL \(url) must be just ldaps://host[:port] or ldap://host[:port]")
        }
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
        } else {
            host = String(hostPort.split(separator: ":", maxSplits: 1).first ?? hostPort)
        }
        self.url = url
    }
}
