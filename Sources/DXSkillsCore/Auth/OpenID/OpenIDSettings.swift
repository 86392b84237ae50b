import Foundation

/// A tenant's OpenID Connect provider (Entra ID, Keycloak or any OP) and this service's registration there.
public struct OpenIDSettings: Sendable, Equatable {
    /// `https://login.microsoftonline.com/TENANT/v2.0`, `https://kc.example/realms/x`; http only on the loopback interface.
    public var issuer: String
    public var clientID: String
    /// Sent with client_secret_basic (client_secret_post if discovery offers only that); nil for a public client (PKCE only).
    public var clientSecret: String?
    /// The claim carrying the employee number, e.g. `employee_no`, `employeeid`.
    public var employeeClaim: String
    /// `https://host/signin/oidc/callback`, as registered at the provider.
    public var redirectURI: String

    public init(issuer: String, clientID: String, clientSecret: String?, employeeClaim: String, redirectURI: String) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.employeeClaim = employeeClaim
        self.redirectURI = redirectURI
    }

    /// Throws `.unavailable` naming the first setting that cannot work.
    public func validate() throws(OpenIDError) {
        try OpenIDSettings.checkEndpoint(issuer, "the issuer")
        guard URLComponents(string: issuer)?.query == nil, URLComponents(string: issuer)?.fragment == nil else {
            throw .unavailable("the OpenID settings' issuer \(issuer) has a query or fragment, which an issuer never has")
        }
        guard !clientID.isEmpty else { throw .unavailable("the OpenID settings have no client ID") }
        guard !employeeClaim.isEmpty else { throw .unavailable("the OpenID settings name no employee number claim") }
        try OpenIDSettings.checkEndpoint(redirectURI, "the redirect URI")
    }

    /// A URL the client talks to or sends the user to: https, or http to this machine only, where nothing
    /// on the way can read the code or the tokens.
    static func checkEndpoint(_ text: String, _ what: String) throws(OpenIDError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            throw .unavailable("\(what) \(text) is not an absolute URL")
        }
        if scheme == "https" { return }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "http", loopback else {
            throw .unavailable("\(what) \(text) must use https (http is allowed only for 127.0.0.1, localhost and ::1)")
        }
    }
}
