import Foundation
import Testing

@testable import DXSkillsCore

/// The claim checks alone, on hand-made claims (the signature is checked against the real provider in
/// OpenIDClientTests). Now is 2026-04-01T00:00:00Z = 1775001600; the clock skew allowed is 60 s.
@Suite("OpenID ID token claims")
struct OpenIDIDTokenTests {
    static let now = Date(timeIntervalSince1970: 1_775_001_600)

    func check(_ changes: [String: String], employeeClaim: String = "employee_no") throws(OpenIDError) -> OpenIDIdentity {
        var claims = [
            "iss": #""https://op.example.lg.jp/realms/dx""#, "aud": #""dxskills""#, "sub": #""u-1""#,
            "exp": "1775002200", "iat": "1775001600", "nonce": #""n-1""#, "employee_no": #""E001""#,
        ]
        for (name, value) in changes { claims[name] = value.isEmpty ? nil : value }
        let json = "{" + claims.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
        let token = try! JSONDecoder().decode(OpenIDIDToken.self, from: Data(json.utf8))
        return try token.verified(
            issuer: "https://op.example.lg.jp/realms/dx", clientID: "dxskills", nonce: "n-1", employeeClaim: employeeClaim,
            now: OpenIDIDTokenTests.now)
    }

    func failure(_ changes: [String: String]) -> OpenIDError? {
        do {
            _ = try check(changes)
            return nil
        } catch {
            return error
        }
    }

    @Test("the clocks may differ by 60 s: exp 59 s ago and iat 59 s ahead pass, 61 s do not")
    func clockSkew() throws {
        #expect(try check(["exp": "1775001541", "iat": "1775001659"]).subject == "u-1")
        #expect(
            failure(["exp": "1775001539"])
                == .rejected("the ID token expired at 2026-03-31T23:58:59Z (now 2026-04-01T00:00:00Z)"))
        #expect(
            failure(["iat": "1775001661"])
                == .rejected(
                    "the ID token was issued at 2026-04-01T00:01:01Z, in the future (now 2026-04-01T00:00:00Z): check the clocks")
        )
    }

    @Test("with several audiences, azp must be this client; with one, aud alone decides")
    func audiences() throws {
        #expect(try check(["aud": #"["dxskills", "api"]"#, "azp": #""dxskills""#]).subject == "u-1")
        #expect(try check(["azp": #""mobile-app""#]).subject == "u-1")
        #expect(
            failure(["aud": #"["api", "dxskills"]"#, "azp": #""api""#])
                == .rejected("the ID token's authorized party (azp) is api, not this client ID dxskills"))
        #expect(
            failure(["aud": #"["api", "portal"]"#])
                == .rejected("the ID token's audience is api, portal, not this client ID dxskills"))
    }

    @Test("a missing or different iss, sub or nonce is rejected, each by name")
    func requiredClaims() {
        #expect(
            failure(["iss": #""https://op.example.lg.jp/realms/other""#])
                == .rejected(
                    "the ID token's issuer is https://op.example.lg.jp/realms/other, not the configured https://op.example.lg.jp/realms/dx"
                ))
        #expect(failure(["sub": ""]) == .rejected("the ID token has no sub claim"))
        #expect(failure(["nonce": ""]) == .rejected("the ID token has no nonce claim"))
        #expect(failure(["exp": ""]) == .rejected("the ID token has no exp claim"))
    }

    @Test("the employee claim: text is trimmed, a whole number becomes its digits, anything else is refused")
    func employeeClaim() throws {
        #expect(try check(["employee_no": #"" E001 ""#]).employeeNo == "E001")
        #expect(try check(["employee_no": "20071"]).employeeNo == "20071")
        #expect(try check(["employee_no": #""""#]).employeeNo == nil)
        #expect(try check([:], employeeClaim: "employeeid").employeeNo == nil)
        #expect(
            failure(["employee_no": "12.5"])
                == .rejected("the ID token's employee_no claim is the number 12.5, not an employee number"))
        #expect(failure(["employee_no": "true"]) == .rejected("the ID token's employee_no claim is neither text nor a number"))
    }
}
