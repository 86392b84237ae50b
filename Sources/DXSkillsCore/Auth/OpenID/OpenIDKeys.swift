import Foundation
import JWTKit

/// A provider's published signing keys, by kid, ready for jwt-kit to verify with.
struct OpenIDKeys: Sendable {
    let byKID: [String: JWK]
    let collection: JWTKeyCollection

    /// The signing keys of a JWKS document. Keys this client cannot use (encryption keys, which Keycloak
    /// publishes beside its signing keys, or unknown key types) are skipped rather than failing the whole set.
    static func fetch(_ url: String, http: OpenIDHTTP) async throws(OpenIDError) -> OpenIDKeys {
        let document = try await http.getJSON(Document.self, from: url, what: "the JWKS")
        var byKID: [String: JWK] = [:]
        let collection = JWTKeyCollection()
        for entry in document.keys where entry.use != "enc" {
            guard let key = entry.key, let kid = key.keyIdentifier?.string, byKID[kid] == nil else { continue }
            // Only keys jwt-kit took count: for a kid it does not hold, it would fall back to its default key.
            guard (try? await collection.add(jwk: key)) != nil else { continue }
            byKID[kid] = key
        }
        return OpenIDKeys(byKID: byKID, collection: collection)
    }

    struct Document: Decodable {
        let keys: [Entry]
    }

    struct Entry: Decodable {
        let use: String?
        let key: JWK?

        enum CodingKeys: String, CodingKey { case use }

        init(from decoder: any Decoder) throws {
            use = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .use)
            key = try? JWK(from: decoder)
        }
    }
}
