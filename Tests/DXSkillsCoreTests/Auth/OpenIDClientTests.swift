import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import Synchronization
import Testing

@testable import DXSkillsCore

/// The test OpenID provider that `scripts/oidc.sh start` runs (pyop; see scripts/oidc-provider.py for its
/// users, clients, login form and test-only knobs), and a browser that does not follow redirects.
struct TestProvider {
    static let redirectURI = "http://127.0.0.1:8080/signin/oidc/callback"
    static let browser = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    let issuer: String
    let clientID: String
    let clientSecret: String
    let otherClientID: String
    let publicClientID: String

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        func value(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw DXSkillsError.unavailable(
                    "\(name) is not set: run the tests with scripts/test.sh (`make test`), which starts the test "
                        + "OpenID provider, or export what `scripts/oidc.sh start DIR` prints")
            }
            return value
        }
        issuer = try value("DXSKILLS_TEST_OIDC_ISSUER")
        // The provider and these tests talk plain http: never anywhere but this machine.
        precondition(issuer.hasPrefix("http://127.0.0.1:"), "the test OpenID provider runs only on 127.0.0.1")
        clientID = try value("DXSKILLS_TEST_OIDC_CLIENT_ID")
        clientSecret = try String(contentsOfFile: try value("DXSKILLS_TEST_OIDC_CLIENT_SECRET_FILE"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        otherClientID = try value("DXSKILLS_TEST_OIDC_OTHER_CLIENT_ID")
        publicClientID = try value("DXSKILLS_TEST_OIDC_PUBLIC_CLIENT_ID")
    }

    var settings: OpenIDSettings {
        OpenIDSettings(
            issuer: issuer, clientID: clientID, clientSecret: clientSecret, employeeClaim: "employee_no",
            redirectURI: TestProvider.redirectURI)
    }

    /// What a person does in the browser: opens the authorization URL, fills in the form and submits it
    /// (to the same URL, as a form without an action does); returns the redirect's code and state.
    func logIn(_ request: OpenIDRequest, as user: String, misbehave: [(String, String)] = []) async throws -> (
        code: String, state: String
    ) {
        let page = try await TestProvider.browser.execute(HTTPClientRequest(url: request.url), timeout: .seconds(5))
        let form = String(buffer: try await page.body.collect(upTo: 1 << 16))
        #expect(page.status == .ok)
        #expect(form.contains("<form method=\"post\">"))
        var submit = HTTPClientRequest(url: request.url)
        submit.method = .POST
        submit.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        submit.body = .bytes(
            ByteBuffer(
                string: OpenIDHTTP.formEncoded([("username", user), ("password", "\(user)-pass-2026")] + misbehave)))
        let redirect = try await TestProvider.browser.execute(submit, timeout: .seconds(5))
        _ = try await redirect.body.collect(upTo: 1 << 16)
        let location = try #require(redirect.headers.first(name: "Location"), "HTTP \(redirect.status.code), no redirect")
        #expect(redirect.status == .found)
        #expect(location.hasPrefix(TestProvider.redirectURI + "?"))
        let query = URLComponents(string: location)?.queryItems ?? []
        let code = try #require(query.first { $0.name == "code" }?.value, "no code in \(location)")
        let state = try #require(query.first { $0.name == "state" }?.value, "no state in \(location)")
        return (code, state)
    }

    /// start → log in → finish, as the server's routes will do it.
    func signIn(
        _ client: OpenIDClient, as user: String, settings: OpenIDSettings? = nil, misbehave: [(String, String)] = []
    ) async throws -> OpenIDIdentity {
        let settings = settings ?? self.settings
        let request = try await client.start(settings)
        let (code, state) = try await logIn(request, as: user, misbehave: misbehave)
        #expect(state == request.state)
        return try await client.finish(settings, code: code, codeVerifier: request.codeVerifier, nonce: request.nonce)
    }

    /// Makes the provider sign with a new key from now on (and publish it beside the old ones); returns its kid.
    func rotateKey(alg: String) async throws -> String {
        var request = HTTPClientRequest(url: issuer + "/test/rotate")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "alg=\(alg)"))
        let response = try await TestProvider.browser.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 16)
        struct Rotated: Decodable { let kid: String }
        return try JSONDecoder().decode(Rotated.self, from: Data(buffer: body)).kid
    }
}

/// A clock the test can move forward.
final class TestClock: Sendable {
    let offset = Mutex<TimeInterval>(0)
    func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    func advance(_ seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}

/// The error `body` throws, which must be an OpenIDError.
func openIDError(_ body: () async throws -> some Any) async -> OpenIDError? {
    do {
        _ = try await body()
        return nil
    } catch let error as OpenIDError {
        return error
    } catch {
        Issue.record("not an OpenIDError: \(String(reflecting: error))")
        return nil
    }
}

// Serialized: key rotation changes what the one provider signs with for everyone.
@Suite("OpenID sign-in", .serialized)
struct OpenIDClientTests {
    @Test("takahashi signs in: exactly E001, the mail address and the Japanese name from the ID token")
    func goodSignIn() async throws {
        // setup
        let provider = try TestProvider()
        // act
        let identity = try await provider.signIn(OpenIDClient(), as: "takahashi")
        // assert
        #expect(
            identity
                == OpenIDIdentity(
                    subject: "sub-takahashi-7f3a", employeeNo: "E001", email: "takahashi@example.lg.jp", name: "髙橋 一郎"))
    }

    @Test("a public client signs in with PKCE alone, no secret")
    func publicClient() async throws {
        let provider = try TestProvider()
        var settings = provider.settings
        settings.clientID = provider.publicClientID
        settings.clientSecret = nil
        let identity = try await provider.signIn(OpenIDClient(), as: "yamazaki", settings: settings)
        #expect(identity.employeeNo == "E002")
        #expect(identity.name == "山﨑 花子")
    }

    @Test("an employee number sent as a JSON number reads as its decimal text; no claim reads as nil")
    func employeeNumberForms() async throws {
        let provider = try TestProvider()
        let client = OpenIDClient()
        #expect(try await provider.signIn(client, as: "kato").employeeNo == "20071")
        let nonumber = try await provider.signIn(client, as: "nonumber")
        #expect(
            nonumber
                == OpenIDIdentity(subject: "sub-nonumber-7f3a", employeeNo: nil, email: "nonumber@example.lg.jp", name: "番号 なし"))
    }

    @Test("start gives a fresh random state, nonce and verifier each time, and the S256 challenge of the verifier")
    func startIsFresh() async throws {
        // setup
        let provider = try TestProvider()
        let client = OpenIDClient()
        // act
        let first = try await client.start(provider.settings)
        let second = try await client.start(provider.settings)
        // assert
        let values = [first.state, first.nonce, first.codeVerifier, second.state, second.nonce, second.codeVerifier]
        #expect(Set(values).count == 6)
        #expect(values.allSatisfy { $0.count == 43 })  // 32 random bytes in unpadded base64url
        let items = URLComponents(string: first.url)?.queryItems ?? []
        let query = Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(first.url.hasPrefix(provider.issuer + "/authorize?"))
        #expect(
            query == [
                "response_type": "code", "client_id": "dxskills", "redirect_uri": TestProvider.redirectURI,
                "scope": "openid email profile", "state": first.state, "nonce": first.nonce,
                "code_challenge": TokenStore.base64URL(Array(SHA256.hash(data: Data(first.codeVerifier.utf8)))),
                "code_challenge_method": "S256",
            ])
    }

    @Test("an ID token for another client is rejected, naming both audiences")
    func wrongAudience() async throws {
        let provider = try TestProvider()
        let error = await openIDError {
            try await provider.signIn(OpenIDClient(), as: "takahashi", misbehave: [("test_audience", provider.otherClientID)])
        }
        #expect(error == .rejected("the ID token's audience is dxskills-other, not this client ID dxskills"))
    }

    @Test("an expired ID token is rejected")
    func expired() async throws {
        let provider = try TestProvider()
        let error = await openIDError {
            try await provider.signIn(OpenIDClient(), as: "takahashi", misbehave: [("test_expired", "1")])
        }
        guard case .rejected(let message) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("the ID token expired at "))
    }

    @Test("an ID token signed with an unpublished key under a published kid is rejected for its signature")
    func badSignature() async throws {
        let provider = try TestProvider()
        let error = await openIDError {
            try await provider.signIn(OpenIDClient(), as: "takahashi", misbehave: [("test_forged", "1")])
        }
        guard case .rejected(let message) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("the ID token's signature does not verify with the provider's key "))
    }

    @Test("a nonce other than the sign-in's is rejected, whether the caller or the provider mixed it up")
    func nonceMismatch() async throws {
        // setup
        let provider = try TestProvider()
        let client = OpenIDClient()
        let request = try await client.start(provider.settings)
        let other = try await client.start(provider.settings)
        let (code, _) = try await provider.logIn(request, as: "takahashi")
        let expected = OpenIDError.rejected(
            "the ID token's nonce is not the one this sign-in sent (a replayed or mixed-up sign-in)")
        // act: the caller passes another sign-in's nonce
        let callerMixUp = await openIDError {
            try await client.finish(provider.settings, code: code, codeVerifier: request.codeVerifier, nonce: other.nonce)
        }
        // act: the provider signs another nonce
        let providerMixUp = await openIDError {
            try await provider.signIn(client, as: "takahashi", misbehave: [("test_nonce", other.nonce)])
        }
        // assert
        #expect(callerMixUp == expected)
        #expect(providerMixUp == expected)
    }

    @Test("a code used twice is refused by the provider, and the error does not show the code")
    func codeUsedTwice() async throws {
        // setup
        let provider = try TestProvider()
        let client = OpenIDClient()
        let request = try await client.start(provider.settings)
        let (code, _) = try await provider.logIn(request, as: "watanabe")
        // act
        let first = try await client.finish(
            provider.settings, code: code, codeVerifier: request.codeVerifier, nonce: request.nonce)
        let second = await openIDError {
            try await client.finish(provider.settings, code: code, codeVerifier: request.codeVerifier, nonce: request.nonce)
        }
        // assert: pyop says "<code> has already been used"
        #expect(first.employeeNo == "E007")
        #expect(second == .rejected("the token endpoint refused the code with invalid_grant: … has already been used"))
    }

    @Test("a wrong client secret is refused as invalid_client, and the error does not show the secret")
    func wrongSecret() async throws {
        let provider = try TestProvider()
        var settings = provider.settings
        settings.clientSecret = "not-the-secret"
        let error = await openIDError { try await provider.signIn(OpenIDClient(), as: "tanaka", settings: settings) }
        #expect(error == .rejected("the token endpoint refused the code with invalid_client: Incorrect client_secret"))
    }

    @Test("a rotated key is found by fetching the JWKS again, at most once in 30 s")
    func keyRotation() async throws {
        // setup: the client has the provider's keys
        let provider = try TestProvider()
        let clock = TestClock()
        let client = OpenIDClient(now: { clock.now() })
        #expect(try await provider.signIn(client, as: "takahashi").employeeNo == "E001")
        // act, assert: a new RSA key; the unknown kid makes the client fetch the JWKS again
        _ = try await provider.rotateKey(alg: "RS256")
        #expect(try await provider.signIn(client, as: "takahashi").employeeNo == "E001")
        // act, assert: another key (EC) at once: the client does not fetch again within 30 s
        let ecKID = try await provider.rotateKey(alg: "ES256")
        let tooSoon = await openIDError { try await provider.signIn(client, as: "takahashi") }
        #expect(
            tooSoon
                == .rejected(
                    "the ID token is signed with the key \(ecKID), which the provider's JWKS at \(provider.issuer)/jwks does not publish"
                ))
        // act, assert: 31 s later it does, and verifies ES256
        clock.advance(31)
        #expect(try await provider.signIn(client, as: "takahashi").employeeNo == "E001")
    }

    @Test("a provider that does not answer is unavailable")
    func providerDown() async throws {
        // setup: nothing listens on port 1 (only root could, and nothing here does)
        var settings = try TestProvider().settings
        settings.issuer = "http://127.0.0.1:1"
        // act
        let error = await openIDError { try await OpenIDClient().start(settings) }
        // assert
        #expect(
            error
                == .unavailable(
                    "could not get the discovery document from http://127.0.0.1:1/.well-known/openid-configuration: "
                        + "Connection refused"))
    }

    @Test("a discovery document naming another issuer is refused")
    func issuerMismatch() async throws {
        // setup: the same provider under another name; it calls itself http://127.0.0.1:PORT
        let provider = try TestProvider()
        var settings = provider.settings
        settings.issuer = provider.issuer.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        // act
        let error = await openIDError { try await OpenIDClient().start(settings) }
        // assert
        #expect(
            error
                == .unavailable(
                    "the discovery document at \(settings.issuer)/.well-known/openid-configuration names the issuer "
                        + "\(provider.issuer), not the configured \(settings.issuer)"))
    }

    @Test("an issuer over plain http to another machine is refused before anything is sent")
    func plainHTTPIssuer() async throws {
        var settings = try TestProvider().settings
        settings.issuer = "http://login.example.lg.jp/realms/dx"
        let error = await openIDError { try await OpenIDClient().start(settings) }
        #expect(
            error
                == .unavailable(
                    "the issuer http://login.example.lg.jp/realms/dx must use https (http is allowed only for 127.0.0.1, localhost and ::1)"
                ))
    }
}
