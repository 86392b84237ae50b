import AsyncHTTPClient
import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import DXSkillsServer

/// The real test directory (`scripts/slapd.sh`) and OpenID provider (`scripts/oidc.sh`) that
/// scripts/test.sh starts; their users map to the fixture's staff by employee number.
enum SignInFixtures {
    static func value(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw DXSkillsError.unavailable(
                "\(name) is not set: run the tests with scripts/test.sh (`make test`), which starts the test directory "
                    + "and the OpenID provider")
        }
        return value
    }

    /// The fixture tenant signing in through the test directory as Active Directory would, with
    /// `uid` in the role of sAMAccountName.
    static func directory(url: String? = nil) throws -> SignInSettings {
        var settings = SignInSettings()
        settings.methods = [.local, .ldap]
        settings.ldapURL = try url ?? value("DXSKILLS_TEST_LDAP_URL")
        settings.ldapCAFile = try value("DXSKILLS_TEST_LDAP_CA")
        settings.ldapBaseDN = try value("DXSKILLS_TEST_LDAP_BASE_DN")
        settings.ldapBindDN = try value("DXSKILLS_TEST_LDAP_BIND_DN")
        settings.ldapBindPasswordFile = try value("DXSKILLS_TEST_LDAP_BIND_PASSWORD_FILE")
        settings.ldapUserFilter = "(uid={user})"
        settings.ldapEmployeeAttribute = "employeeNumber"
        return settings
    }

    static func openID() throws -> SignInSettings {
        var settings = SignInSettings()
        settings.methods = [.local, .oidc]
        settings.oidcIssuer = try value("DXSKILLS_TEST_OIDC_ISSUER")
        settings.oidcClientID = try value("DXSKILLS_TEST_OIDC_CLIENT_ID")
        settings.oidcClientSecretFile = try value("DXSKILLS_TEST_OIDC_CLIENT_SECRET_FILE")
        settings.oidcEmployeeClaim = "employee_no"
        return settings
    }

    static let browser = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    /// What a person does at the provider: opens the page the dashboard redirected to, fills in the
    /// form and submits it; returns the callback's query (code and state), as the provider's redirect gives it.
    static func logIn(at url: String, as user: String, misbehave: [(String, String)] = []) async throws -> String {
        let page = try await browser.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        _ = try await page.body.collect(upTo: 1 << 16)
        #expect(page.status == .ok, "\(url)")
        var submit = HTTPClientRequest(url: url)
        submit.method = .POST
        submit.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        submit.body = .bytes(
            ByteBuffer(
                string: WebDashboardTests.fields([("username", user), ("password", "\(user)-pass-2026")] + misbehave)))
        let redirect = try await browser.execute(submit, timeout: .seconds(5))
        _ = try await redirect.body.collect(upTo: 1 << 16)
        let location = try #require(redirect.headers.first(name: "Location"))
        #expect(location.hasPrefix("http://127.0.0.1:8080/signin/oidc/callback?"))
        return String(location.drop(while: { $0 != "?" }).dropFirst())
    }
}

@Suite("Sign-in through the directory and single sign-on", .serialized)
struct DirectorySignInTests {
    let web = WebDashboardTests()

    @Test("LDAP: a directory account signs in as its staff member's user, with that user's grant; refusals are clear")
    func directory() async throws {
        try await withTestDatabase { db in
            _ = try await APITests().setUp(db)
            try await SignInFixtures.directory().store(tenant: Fixture.tenant, database: db.owner)
            // E001 (髙橋) is 課長 of S1 from today.
            try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.run("SELECT set_role_grant('E001', 'manager', 'S1', tokyo_today())", logger: db.owner.logger)
            }
            try await withTestApp(db) { client in
                let browser = try #require(try await web.signIn(client, user: "takahashi", password: "takahashi-pass-2026"))
                try await client.execute(uri: "/", method: .get, headers: browser.cookie) { response in
                    let body = String(buffer: response.body)
                    #expect(body.contains(#"<strong id="user-name">E001</strong>"#))
                    #expect(body.contains("S1"))
                }
                try await client.execute(uri: "/coverage?unit=S2", method: .get, headers: browser.cookie) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/coverage?unit=S1", method: .get, headers: browser.cookie) {
                    #expect($0.status == .ok)
                }
                // A staff member without a grant: its own record only (no report pages).
                let staff = try #require(try await web.signIn(client, user: "yamazaki", password: "yamazaki-pass-2026"))
                try await client.execute(uri: "/coverage", method: .get, headers: staff.cookie) {
                    #expect($0.status == .forbidden)
                }
                // A wrong password is the ordinary refusal.
                let wrong = try await web.signInAnswer(client, user: "takahashi", password: "not-it")
                #expect(wrong.status == .unauthorized)
                // E005 has retired, X999 is nobody here, and an account without a number maps to no one.
                for (user, says) in [("tanaka", "E005"), ("stranger", "X999"), ("nonumber", "職員番号")] {
                    let answer = try await web.signInAnswer(client, user: user, password: "\(user)-pass-2026")
                    #expect(answer.status == .forbidden, "\(user)")
                    #expect(SignInTests.notice(answer.body)?.contains(says) == true, "\(user)")
                }
                // The personal token of `dxskills login` through the directory too.
                try await client.execute(
                    uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"tenant":"999991","user":"takahashi","password":"takahashi-pass-2026"}"#)
                ) { response in
                    #expect(response.status == .created)
                    let issued = try APITests.json(response.body) as? [String: Any]
                    #expect(issued?["user"] as? String == "E001")
                }
            }
            let sessions = try await db.owner.strings(
                Fixture.context(), "SELECT user_name || ' ' || method FROM sessions ORDER BY created_at")
            #expect(sessions == ["E001 ldap", "E002 ldap"])
            // The directory's mail attribute became the address of users that had none.
            #expect(
                try await db.owner.strings(Fixture.context(), "SELECT email FROM users WHERE name = 'E001'")
                    == ["takahashi@example.lg.jp"])
        }
    }

    @Test("LDAP: a directory that is down is a 503 that says so, never a wrong password, and no step towards a lockout")
    func directoryDown() async throws {
        try await withTestDatabase { db in
            _ = try await APITests().setUp(db)
            let port = try unusedPort()
            try await SignInFixtures.directory(url: "ldaps://127.0.0.1:\(port)").store(
                tenant: Fixture.tenant, database: db.owner)
            try await withTestApp(db) { client in
                for _ in 1...6 {
                    let answer = try await web.signInAnswer(client, user: "takahashi", password: "takahashi-pass-2026")
                    #expect(answer.status == .serviceUnavailable)
                    let notice = SignInTests.notice(answer.body) ?? ""
                    #expect(notice.contains("認証サービスに接続できない"))
                    #expect(!notice.contains("パスワードが違う"))
                }
            }
            try await SignInFixtures.directory().store(tenant: Fixture.tenant, database: db.owner)
            try await withTestApp(db) { client in
                let browser = try await web.signIn(client, user: "takahashi", password: "takahashi-pass-2026")
                #expect(browser != nil)
            }
        }
    }

    @Test("LDAP: five wrong passwords lock the directory name; the sixth fails with the right one")
    func directoryLockout() async throws {
        try await withTestDatabase { db in
            _ = try await APITests().setUp(db)
            try await SignInFixtures.directory().store(tenant: Fixture.tenant, database: db.owner)
            try await withTestApp(db) { client in
                for attempt in 1...5 {
                    #expect(
                        try await web.signInAnswer(client, user: "takahashi", password: "guess \(attempt)").status
                            == .unauthorized)
                }
                let sixth = try await web.signInAnswer(client, user: "takahashi", password: "takahashi-pass-2026")
                #expect(sixth.status == .unauthorized && sixth.location == nil)
                #expect(try await web.signIn(client, user: "yamazaki", password: "yamazaki-pass-2026") != nil)
            }
        }
    }

    /// GET /signin/oidc for the fixture tenant: the provider's URL and the browser-binding cookie.
    func startSSO(_ client: some TestClientProtocol) async throws -> (url: String, cookie: String) {
        try await client.execute(uri: "/signin/oidc?tenant=\(Fixture.tenant)&next=/plans", method: .get) { response in
            #expect(response.status == .seeOther)
            let header = try #require(
                response.headers[values: .setCookie].first { $0.hasPrefix("\(WebDashboard.openIDCookie)=") })
            #expect(header.contains("SameSite=Lax") && header.contains("HttpOnly"))
            let cookie = try #require(WebDashboardTests.setCookies(response)[WebDashboard.openIDCookie])
            return (try #require(response.headers[.location]), cookie)
        }
    }

    func callback(_ client: some TestClientProtocol, query: String, cookie: String) async throws -> (
        status: HTTPResponse.Status, session: String?, location: String?, body: String
    ) {
        try await client.execute(
            uri: "/signin/oidc/callback?\(query)", method: .get, headers: [.cookie: "\(WebDashboard.openIDCookie)=\(cookie)"]
        ) { response in
            (
                response.status,
                WebDashboardTests.setCookies(response)[WebDashboard.sessionCookie].flatMap { $0.isEmpty ? nil : $0 },
                response.headers[.location], String(buffer: response.body)
            )
        }
    }

    @Test(
        "OIDC: SSO signs in the staff member the ID token names; a replayed or foreign state, a wrong audience, an expired or forged token are refused"
    )
    func openID() async throws {
        try await withTestDatabase { db in
            _ = try await APITests().setUp(db)
            try await SignInFixtures.openID().store(tenant: Fixture.tenant, database: db.owner)
            try await withTestApp(db) { client in
                try await client.execute(uri: "/signin", method: .get) { response in
                    #expect(String(buffer: response.body).contains(#"href="/signin/oidc?tenant=999991"#))
                }
                let (url, cookie) = try await startSSO(client)
                #expect(url.hasPrefix(try SignInFixtures.value("DXSKILLS_TEST_OIDC_ISSUER")))
                #expect(url.contains("code_challenge_method=S256") && url.contains("nonce="))
                let query = try await SignInFixtures.logIn(at: url, as: "yamazaki")
                let good = try await callback(client, query: query, cookie: cookie)
                #expect(good.status == .seeOther && good.location == "/plans")
                let session = try #require(good.session)
                try await client.execute(uri: "/", method: .get, headers: [.cookie: "\(WebDashboard.sessionCookie)=\(session)"]) {
                    #expect(String(buffer: $0.body).contains(#"<strong id="user-name">E002</strong>"#))
                }
                // The same callback again: the state is used up.
                let replay = try await callback(client, query: query, cookie: cookie)
                #expect(replay.status == .unauthorized && replay.session == nil)
                // A state that is not this browser's.
                let (otherURL, _) = try await startSSO(client)
                let (_, mine) = try await startSSO(client)
                let foreign = try await callback(
                    client, query: try await SignInFixtures.logIn(at: otherURL, as: "yamazaki"), cookie: mine)
                #expect(foreign.status == .unauthorized && foreign.session == nil)
                // ID tokens the provider signs wrongly.
                for knob in [
                    ("test_audience", "dxskills-other"), ("test_expired", "1"), ("test_forged", "1"), ("test_nonce", "x"),
                ] {
                    let (url, cookie) = try await startSSO(client)
                    let answer = try await callback(
                        client, query: try await SignInFixtures.logIn(at: url, as: "yamazaki", misbehave: [knob]),
                        cookie: cookie)
                    #expect(answer.status == .unauthorized && answer.session == nil, "\(knob)")
                }
                // A retired staff member is refused with the reason.
                let (retiredURL, retiredCookie) = try await startSSO(client)
                let retired = try await callback(
                    client, query: try await SignInFixtures.logIn(at: retiredURL, as: "tanaka"), cookie: retiredCookie)
                #expect(retired.status == .forbidden && retired.session == nil)
                #expect(retired.body.contains("E005"))
            }
            let attempts = try await db.owner.strings(
                Fixture.context(),
                "SELECT method || ' ' || succeeded::text || ' ' || coalesce(reason, '-') FROM sign_in_attempts WHERE method = 'oidc' ORDER BY id"
            )
            #expect(attempts.first == "oidc true -")
            // Refused tokens are recorded but are no guesses: no lockout follows them.
            #expect(attempts.count == 8 && attempts.dropFirst().allSatisfy { $0.hasPrefix("oidc false ") }, "\(attempts)")
            #expect(attempts.last == "oidc false not_in_service")
            #expect(!attempts.contains { $0.hasSuffix("lockout") })
        }
    }
}
