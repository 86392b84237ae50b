/// A sign-in begun: where to send the browser, and what the callback must be checked against. The server
/// keeps `state`, `nonce` and `codeVerifier` with the browser's pending sign-in and uses each once.
public struct OpenIDRequest: Sendable {
    /// The provider's authorization URL to redirect the browser to.
    public let url: String
    public let state: String
    public let nonce: String
    public let codeVerifier: String
}

/// Who the provider says signed in, from a verified ID token.
public struct OpenIDIdentity: Sendable, Equatable {
    /// The provider's stable identifier of the user (`sub`), unique per issuer.
    public let subject: String
    /// The configured claim's value as text; nil when the provider sent no such claim.
    public let employeeNo: String?
    public let email: String?
    public let name: String?

    public init(subject: String, employeeNo: String?, email: String?, name: String?) {
        self.subject = subject
        self.employeeNo = employeeNo
        self.email = email
        self.name = name
    }
}
