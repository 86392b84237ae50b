import Foundation
import JWTKit

/// An ID token's claims as sent: the employee number's claim is named by the tenant's settings, so
/// every top-level claim is kept by name.
struct OpenIDIDToken: JWTPayload {
    enum Claim: Codable, Sendable, Equatable {
        case text(String)
        case integer(Int64)
        case number(Double)
        case texts([String])
        case other

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let text = try? value.decode(String.self) {
                self = .text(text)
            } else if let integer = try? value.decode(Int64.self) {
                self = .integer(integer)
            } else if let number = try? value.decode(Double.self) {
                self = .number(number)
            } else if let texts = try? value.decode([String].self) {
                self = .texts(texts)
            } else {
                self = .other
            }
        }

        func encode(to encoder: any Encoder) throws {
            var value = encoder.singleValueContainer()
            switch self {
            case .text(let text): try value.encode(text)
            case .integer(let integer): try value.encode(integer)
            case .number(let number): try value.encode(number)
            case .texts(let texts): try value.encode(texts)
            case .other: try value.encodeNil()
            }
        }
    }

    struct Name: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    let claims: [String: Claim]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        var claims: [String: Claim] = [:]
        for name in container.allKeys {
            claims[name.stringValue] = try container.decode(Claim.self, forKey: name)
        }
        self.claims = claims
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for (name, claim) in claims { try container.encode(claim, forKey: Name(stringValue: name)) }
    }

    /// jwt-kit calls this after the signature checks out; the claims are checked by `verified(…)`,
    /// which can say what is wrong in the provider's terms.
    func verify(using algorithm: some JWTAlgorithm) async throws {}

    func text(_ name: String) -> String? {
        if case .text(let text) = claims[name] { text } else { nil }
    }

    func seconds(_ name: String) -> Double? {
        switch claims[name] {
        case .integer(let integer): Double(integer)
        case .number(let number): number
        default: nil
        }
    }

    /// OpenID Connect Core §3.1.3.7: the checks a client must make, in the order that names the first problem.
    func verified(issuer: String, clientID: String, nonce: String, employeeClaim: String, now: Date) throws(OpenIDError)
        -> OpenIDIdentity
    {
        let skew = OpenIDClient.clockSkew
        guard let iss = text("iss") else { throw .rejected("the ID token has no iss claim") }
        guard iss == issuer else { throw .rejected("the ID token's issuer is \(iss), not the configured \(issuer)") }
        let audiences: [String]
        switch claims["aud"] {
        case .text(let one): audiences = [one]
        case .texts(let several): audiences = several
        default: throw .rejected("the ID token has no aud claim")
        }
        guard audiences.contains(clientID) else {
            throw .rejected(
                "the ID token's audience is \(audiences.joined(separator: ", ")), not this client ID \(clientID)")
        }
        // Only with several audiences: with one, azp may name another of the provider's clients (Google's mobile apps).
        if audiences.count > 1, let azp = text("azp"), azp != clientID {
            throw .rejected("the ID token's authorized party (azp) is \(azp), not this client ID \(clientID)")
        }
        guard let exp = seconds("exp") else { throw .rejected("the ID token has no exp claim") }
        let expiresAt = Date(timeIntervalSince1970: exp)
        guard now < expiresAt.addingTimeInterval(skew) else {
            throw .rejected("the ID token expired at \(OpenIDIDToken.format(expiresAt)) (now \(OpenIDIDToken.format(now)))")
        }
        guard let iat = seconds("iat") else { throw .rejected("the ID token has no iat claim") }
        let issuedAt = Date(timeIntervalSince1970: iat)
        guard issuedAt <= now.addingTimeInterval(skew) else {
            throw .rejected(
                "the ID token was issued at \(OpenIDIDToken.format(issuedAt)), in the future (now \(OpenIDIDToken.format(now))): "
                    + "check the clocks")
        }
        if let nbf = seconds("nbf"), Date(timeIntervalSince1970: nbf) > now.addingTimeInterval(skew) {
            throw .rejected("the ID token is not valid before \(OpenIDIDToken.format(Date(timeIntervalSince1970: nbf)))")
        }
        guard let tokenNonce = text("nonce") else { throw .rejected("the ID token has no nonce claim") }
        guard tokenNonce == nonce else {
            throw .rejected("the ID token's nonce is not the one this sign-in sent (a replayed or mixed-up sign-in)")
        }
        guard let subject = text("sub"), !subject.isEmpty else { throw .rejected("the ID token has no sub claim") }
        return OpenIDIdentity(
            subject: subject, employeeNo: try employeeNumber(employeeClaim), email: text("email"), name: text("name"))
    }

    /// Directories send the number as text or, for numeric ones, as a JSON number: both read as its decimal text.
    func employeeNumber(_ name: String) throws(OpenIDError) -> String? {
        switch claims[name] {
        case nil: return nil
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        case .integer(let integer): return String(integer)
        case .number(let number):
            guard number.rounded() == number, let integer = Int64(exactly: number) else {
                throw .rejected("the ID token's \(name) claim is the number \(number), not an employee number")
            }
            return String(integer)
        case .texts, .other:
            throw .rejected("the ID token's \(name) claim is neither text nor a number")
        }
    }

    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
