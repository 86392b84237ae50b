/// The parts of a provider's `/.well-known/openid-configuration` that the code flow needs.
struct OpenIDDiscovery: Decodable, Sendable {
    let issuer: String
    let authorizationEndpoint: String
    let tokenEndpoint: String
    let jwksURI: String
    let tokenEndpointAuthMethods: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case tokenEndpointAuthMethods = "token_endpoint_auth_methods_supported"
    }

    /// Discovery's default when the list is absent is client_secret_basic; post only when the provider offers nothing else.
    var usesSecretPost: Bool {
        guard let methods = tokenEndpointAuthMethods else { return false }
        return !methods.contains("client_secret_basic") && methods.contains("client_secret_post")
    }

    /// The document of `issuer`, checked: it must name the same issuer (OpenID Connect Discovery §4.3),
    /// and its endpoints must be safe to send a code or a secret to.
    static func fetch(_ issuer: String, base: String, http: OpenIDHTTP) async throws(OpenIDError) -> OpenIDDiscovery {
        let url = base + "/.well-known/openid-configuration"
        let discovery = try await http.getJSON(OpenIDDiscovery.self, from: url, what: "the discovery document")
        guard discovery.issuer == issuer else {
            throw .unavailable(
                "the discovery document at \(url) names the issuer \(discovery.issuer), not the configured \(issuer)")
        }
        try OpenIDSettings.checkEndpoint(discovery.authorizationEndpoint, "the provider's authorization endpoint")
        try OpenIDSettings.checkEndpoint(discovery.tokenEndpoint, "the provider's token endpoint")
        try OpenIDSettings.checkEndpoint(discovery.jwksURI, "the provider's jwks_uri")
        return discovery
    }
}
