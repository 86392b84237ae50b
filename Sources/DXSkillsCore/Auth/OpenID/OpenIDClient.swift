import AsyncHTTPClient
import Crypto
import Foundation

/// OpenID Connect sign-in with the authorization code flow, PKCE (S256), state and nonce.
///
/// One client serves every tenant: discovery documents and JWKS are cached per issuer.
public actor OpenIDClient {
    static let scope = "openid email profile"
    /// Allowed difference between the provider's clock and ours, for exp, iat and nbf.
    static let clockSkew: TimeInterval = 60
    /// How long a discovery document or JWKS is used before it is fetched again.
    static let maxAge: TimeInterval = 24 * 3600
    /// A token signed with a kid we do not know makes us fetch the JWKS again, at most this often per issuer,
    /// so that tokens with made-up kids cannot make us hammer the provider.
    static let unknownKeyRefetchInterval: TimeInterval = 30

    let http: OpenIDHTTP
    let now: @Sendable () -> Date
    var discoveries: [String: (document: OpenIDDiscovery, fetchedAt: Date)] = [:]
    var keySets: [String: (keys: OpenIDKeys, fetchedAt: Date)] = [:]
    var unknownKeyRefetches: [String: Date] = [:]

    public init(httpClient: HTTPClient = .shared, now: @escaping @Sendable () -> Date = Date.init) {
        self.http = OpenIDHTTP(client: httpClient)
        self.now = now
    }

    /// Begins a sign-in: the authorization URL with a fresh random state, nonce and PKCE verifier.
    public func start(_ settings: OpenIDSettings) async throws(OpenIDError) -> OpenIDRequest {
        try settings.validate()
        let discovery = try await discovery(settings.issuer)
        let state = OpenIDClient.random()
        let nonce = OpenIDClient.random()
        let codeVerifier = OpenIDClient.random()
        let challenge = TokenStore.base64URL(Array(SHA256.hash(data: Data(codeVerifier.utf8))))
        let query = OpenIDHTTP.formEncoded([
            ("response_type", "code"),
            ("client_id", settings.clientID),
            ("redirect_uri", settings.redirectURI),
            ("scope", OpenIDClient.scope),
            ("state", state),
            ("nonce", nonce),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
        ])
        let endpoint = discovery.authorizationEndpoint
        let url = endpoint + (endpoint.contains("?") ? "&" : "?") + query
        return OpenIDRequest(url: url, state: state, nonce: nonce, codeVerifier: codeVerifier)
    }

    /// Completes a sign-in whose state the caller has already matched: redeems the code and verifies the ID token.
    public func finish(_ settings: OpenIDSettings, code: String, codeVerifier: String, nonce: String)
        async throws(OpenIDError) -> OpenIDIdentity
    {
        try settings.validate()
        guard !code.isEmpty else { throw .rejected("the provider's redirect carried no code") }
        let discovery = try await discovery(settings.issuer)
        let idToken = try await redeem(code, codeVerifier: codeVerifier, settings: settings, discovery: discovery)
        return try await verify(idToken, settings: settings, nonce: nonce, discovery: discovery)
    }

    /// What `dxskills doctor` asks of a provider: the settings are complete, the discovery document
    /// answers for the issuer, and its keys can be fetched.
    public func check(_ settings: OpenIDSettings) async throws(OpenIDError) {
        try settings.validate()
        let discovery = try await discovery(settings.issuer)
        _ = try await keys(settings.issuer, jwksURI: discovery.jwksURI, kid: nil)
    }

    func discovery(_ issuer: String) async throws(OpenIDError) -> OpenIDDiscovery {
        if let cached = discoveries[issuer], now().timeIntervalSince(cached.fetchedAt) < OpenIDClient.maxAge {
            return cached.document
        }
        // Discovery §4: a trailing slash of the issuer is dropped before the well-known path is appended.
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        let document = try await OpenIDDiscovery.fetch(issuer, base: base, http: http)
        discoveries[issuer] = (document, now())
        return document
    }

    /// The issuer's keys, fetched again when they are old or when `kid` is not among them (a rotation).
    func keys(_ issuer: String, jwksURI: String, kid: String?) async throws(OpenIDError) -> OpenIDKeys {
        let now = now()
        if let cached = keySets[issuer], now.timeIntervalSince(cached.fetchedAt) < OpenIDClient.maxAge {
            guard let kid, cached.keys.byKID[kid] == nil else { return cached.keys }
            if let last = unknownKeyRefetches[issuer], now.timeIntervalSince(last) < OpenIDClient.unknownKeyRefetchInterval {
                return cached.keys
            }
            unknownKeyRefetches[issuer] = now
        }
        let keys = try await OpenIDKeys.fetch(jwksURI, http: http)
        keySets[issuer] = (keys, now)
        return keys
    }

    /// 32 random bytes in unpadded base64url: 43 characters, within PKCE's 43 to 128 for the verifier.
    static func random() -> String {
        TokenStore.randomToken()
    }
}
