/// Why an OpenID Connect sign-in did not succeed. The messages never contain the client secret, the code or a token.
public enum OpenIDError: Error, Sendable, Equatable {
    /// The provider cannot be used now: unreachable, a failing or inconsistent discovery document, JWKS or
    /// token endpoint, or settings that cannot work.
    case unavailable(String)
    /// The provider answered, but this sign-in is refused: the token endpoint's error (such as invalid_grant)
    /// or an ID token with a bad signature, issuer, audience, expiry, nonce or a missing claim.
    case rejected(String)
}

extension OpenIDError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unavailable(let message): "OpenID provider unavailable: \(message)"
        case .rejected(let message): "OpenID sign-in rejected: \(message)"
        }
    }
}
