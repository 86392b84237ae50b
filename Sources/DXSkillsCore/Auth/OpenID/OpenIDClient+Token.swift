import Foundation
import JWTKit

extension OpenIDClient {
    /// Signature algorithms accepted for ID tokens; never `none` or an HMAC, whose key would be the client secret.
    static let algorithms: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]

    struct TokenReply: Decodable {
        let idToken: String?
        let error: String?
        let errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case idToken = "id_token"
            case error
            case errorDescription = "error_description"
        }
    }

    /// Exchanges the code at the token endpoint (RFC 6749 §4.1.3 with PKCE); returns the ID token.
    func redeem(_ code: String, codeVerifier: String, settings: OpenIDSettings, discovery: OpenIDDiscovery)
        async throws(OpenIDError) -> String
    {
        var fields = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", settings.redirectURI),
            ("code_verifier", codeVerifier),
        ]
        var authorization: String?
        if let secret = settings.clientSecret, discovery.usesSecretPost {
            fields += [("client_id", settings.clientID), ("client_secret", secret)]
        } else if let secret = settings.clientSecret {
            // RFC 6749 §2.3.1: both parts form-encoded before they are joined.
            let pair = OpenIDHTTP.escape(settings.clientID) + ":" + OpenIDHTTP.escape(secret)
            authorization = "Basic " + Data(pair.utf8).base64EncodedString()
        } else {
            fields.append(("client_id", settings.clientID))
        }
        let url = discovery.tokenEndpoint
        let reply = try await http.postForm(url, fields, authorization: authorization, what: "the token endpoint")
        let answer = try? JSONDecoder().decode(TokenReply.self, from: reply.body)
        switch reply.status.code {
        case 200:
            guard let answer else {
                throw .unavailable("the token endpoint at \(url) answered 200 without a JSON token response")
            }
            guard let idToken = answer.idToken else {
                throw .rejected(
                    "the token endpoint at \(url) returned no ID token (is the openid scope allowed for this client?)")
            }
            return idToken
        case 400, 401:
            guard let error = answer?.error else {
                throw .unavailable("the token endpoint at \(url) answered HTTP \(reply.status.code) without an OAuth error")
            }
            let secrets = [code, codeVerifier, settings.clientSecret].compactMap { $0 }
            let detail = answer?.errorDescription.map { ": " + OpenIDClient.redacted($0, removing: secrets) } ?? ""
            throw .rejected(
                "the token endpoint refused the code with \(OpenIDClient.redacted(error, removing: secrets))\(detail)")
        default:
            throw .unavailable("the token endpoint at \(url) answered HTTP \(reply.status.code)")
        }
    }

    /// Verifies the ID token's signature against the issuer's JWKS with jwt-kit, then its claims.
    func verify(_ idToken: String, settings: OpenIDSettings, nonce: String, discovery: OpenIDDiscovery)
        async throws(OpenIDError) -> OpenIDIdentity
    {
        let header: JWTHeader
        do {
            header = try DefaultJWTParser().parse(Array(idToken.utf8), as: OpenIDIDToken.self).header
        } catch {
            throw .rejected("the ID token is not a signed JWT")
        }
        guard let alg = header.alg, OpenIDClient.algorithms.contains(alg) else {
            throw .rejected(
                "the ID token is signed with \(header.alg ?? "no algorithm"), which this client does not accept "
                    + "(\(OpenIDClient.algorithms.sorted().joined(separator: ", ")))")
        }
        let keys = try await keys(settings.issuer, jwksURI: discovery.jwksURI, kid: header.kid)
        let kid: String
        if let named = header.kid {
            kid = named
        } else if keys.byKID.count == 1, let only = keys.byKID.keys.first {
            kid = only
        } else {
            throw .rejected("the ID token names no key (kid) and the provider publishes \(keys.byKID.count) signing keys")
        }
        guard let key = keys.byKID[kid] else {
            throw .rejected(
                "the ID token is signed with the key \(kid), which the provider's JWKS at \(discovery.jwksURI) does not publish")
        }
        let family: JWK.KeyType = alg.hasPrefix("ES") ? .ecdsa : .rsa
        guard key.keyType == family, key.algorithm.map({ $0.rawValue == alg }) ?? true else {
            throw .rejected(
                "the ID token is signed with \(alg), but the provider's key \(kid) is "
                    + (key.algorithm?.rawValue ?? "an \(key.keyType.rawValue) key"))
        }
        let token: OpenIDIDToken
        do {
            token = try await keys.collection.verify(idToken, as: OpenIDIDToken.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw .rejected("the ID token's signature does not verify with the provider's key \(kid)")
        } catch {
            throw .rejected("the ID token could not be verified with the provider's key \(kid): \(OpenIDHTTP.describe(error))")
        }
        return try token.verified(
            issuer: settings.issuer, clientID: settings.clientID, nonce: nonce, employeeClaim: settings.employeeClaim,
            now: now())
    }

    /// The provider's own words, shortened and without anything secret it may have echoed (pyop echoes the code).
    static func redacted(_ text: String, removing secrets: [String]) -> String {
        var text = text
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "…")
        }
        return String(text.filter { !$0.isNewline }.prefix(300))
    }
}
