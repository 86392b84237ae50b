import AsyncHTTPClient
import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Prometheus
import Testing

@testable import DXSkillsServer

/// Signing in with a password, the lockout, sessions across restarts, rights that follow the grant of
/// the day, one-time passwords and the personal token of `dxskills login` (reference §6).
@Suite("Sign-in with passwords, sessions and grants")
struct SignInTests {
    static let password = "correct horse battery"
    let web = WebDashboardTests()

    /// The API fixture plus `pw1`, an hr user with a local password.
    func setUp(_ db: TestDatabase) async throws -> APITests.Tokens {
        let tokens = try await APITests().setUp(db)
        try await Administration.addUser(
            tenant: Fixture.tenant, name: "pw1", role: .hr, unitCode: nil, employeeNo: nil, password: Self.password,
            database: db.owner)
        return tokens
    }

    @Test("a password signs in to a session with the user's scope; the stored hash is bcrypt of cost 12")
    func passwordSignIn() async throws {
        try await withTestDatabase { db in
            _ = try await setUp(db)
            let hash = try await db.owner.strings(Fixture.context(), "SELECT password_hash FROM users WHERE name = 'pw1'")
            #expect(hash.first?.hasPrefix("$2b$12$") == true)
            #expect(hash.first?.contains(Self.password) == false)
            try await withTestApp(db) { client in
                let browser = try #require(try await web.signIn(client, user: "pw1", password: Self.password))
                try await client.execute(uri: "/", method: .get, headers: browser.cookie) { response in
                    let body = String(buffer: response.body)
                    #expect(response.status == .ok)
                    #expect(body.contains(#"<strong id="user-name">pw1</strong>"#))
                    // The form offers the one tenant without a list, and no single sign-on it does not have.
                }
                try await client.execute(uri: "/signin", method: .get) { response in
                    let body = String(buffer: response.body)
                    #expect(body.contains(#"name="tenant""#) && body.contains(#"<option value="999992""#))
                    #expect(!body.contains(#"id="sso""#))
                    #expect(body.contains(#"href="/signin/token"#))
                }
            }
            let sessions = try await db.owner.strings(
                Fixture.context(), "SELECT user_name || ' ' || method FROM sessions WHERE ended_at IS NULL")
            #expect(sessions == ["pw1 local"])
        }
    }

    @Test("5 failures lock a name for 15 minutes: the sixth attempt fails with the right password, like an unknown user")
    func lockout() async throws {
        try await withTestDatabase { db in
            _ = try await setUp(db)
            try await withTestApp(db) { client in
                var failures: [(HTTPResponse.Status, String)] = []
                for attempt in 1...5 {
                    let answer = try await web.signInAnswer(client, user: "pw1", password: "wrong password \(attempt)")
                    failures.append((answer.status, answer.body))
                }
                let started = ContinuousClock.now
                let locked = try await web.signInAnswer(client, user: "pw1", password: Self.password)
                let lockedTime = ContinuousClock.now - started
                let unknownStarted = ContinuousClock.now
                let unknown = try await web.signInAnswer(client, user: "nobody", password: Self.password)
                let unknownTime = ContinuousClock.now - unknownStarted
                let notice = try #require(Self.notice(locked.body))
                #expect(notice.contains("ロック"))
                for (status, body) in failures + [(unknown.status, unknown.body)] {
                    #expect(status == .unauthorized)
                    #expect(Self.notice(body) == notice)
                }
                #expect(locked.status == .unauthorized && locked.location == nil)
                // A locked account and an unknown user do the bcrypt work too (cost 12: well over 50 ms).
                #expect(lockedTime > .milliseconds(50) && unknownTime > .milliseconds(50))
                // Another user is not locked.
                try await Administration.addUser(
                    tenant: Fixture.tenant, name: "pw2", role: .hr, unitCode: nil, employeeNo: nil,
                    password: Self.password + "2", database: db.owner)
                #expect(try await web.signIn(client, user: "pw2", password: Self.password + "2") != nil)
            }
            // Every attempt and the lockout are audited, never with the password.
            let audit = try await db.owner.strings(
                Fixture.context(),
                """
                SELECT (after->>'user_name') || ' ' || coalesce(after->>'reason', 'ok') FROM audit_log
                WHERE entity = 'sign_in_attempts' ORDER BY id
                """)
            #expect(
                audit == [
                    "pw1 bad_password", "pw1 bad_password", "pw1 bad_password", "pw1 bad_password", "pw1 bad_password",
                    "pw1 lockout", "pw1 locked", "nobody unknown_user", "pw2 ok",
                ])
            #expect(
                try await db.owner.count(
                    Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE after::text LIKE '%correct horse%'") == 0)
            let lockedUntil = try await db.owner.strings(
                Fixture.context(),
                "SELECT (locked_until BETWEEN now() + interval '14 minutes' AND now() + interval '15 minutes')::text FROM users WHERE name = 'pw1'"
            )
            #expect(lockedUntil == ["true"])
        }
    }

    static func notice(_ html: String) -> String? {
        guard let start = html.range(of: #"id="signin-failed">"#),
            let end = html.range(of: "</div>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test("a session cookie still works after the service restarts (a new application on the same database)")
    func sessionSurvivesRestart() async throws {
        try await withTestDatabase { db in
            _ = try await setUp(db)
            let browser = try await Self.first(db) { client in try await web.signIn(client, user: "pw1", password: Self.password)
            }
            let session = try #require(browser)
            try await withTestApp(db) { client in
                try await client.execute(uri: "/", method: .get, headers: session.cookie) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains(#"id="user-name">pw1<"#))
                }
                // Signing out ends it for every replica: the cookie is dead in this "process" too.
                var headers = session.cookie
                headers[.contentType] = "application/x-www-form-urlencoded"
                try await client.execute(
                    uri: "/signout", method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(session.csrf)")
                ) { #expect($0.status == .seeOther) }
            }
            try await withTestApp(db) { client in
                try await client.execute(uri: "/", method: .get, headers: session.cookie) { #expect($0.status == .seeOther) }
            }
        }
    }

    /// The value `body` returns from one run of the application.
    static func first<Value: Sendable>(
        _ db: TestDatabase, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let box = ValueBox<Value>()
        try await withTestApp(db) { client in await box.set(try await body(client)) }
        return try #require(await box.value)
    }

    @Test("sign out everywhere ends every session of the user and no one else's; disabling a user ends its sessions")
    func signOutEverywhere() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                let one = try #require(try await web.signIn(client, user: "pw1", password: Self.password))
                let two = try #require(try await web.signIn(client, user: "pw1", password: Self.password))
                let other = try #require(try await web.signIn(client, token: tokens["hr1"]))
                var headers = one.cookie
                headers[.contentType] = "application/x-www-form-urlencoded"
                try await client.execute(
                    uri: "/signout/everywhere", method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(one.csrf)")
                ) { #expect($0.status == .seeOther) }
                for browser in [one, two] {
                    try await client.execute(uri: "/", method: .get, headers: browser.cookie) { #expect($0.status == .seeOther) }
                }
                try await client.execute(uri: "/", method: .get, headers: other.cookie) { #expect($0.status == .ok) }
                try await Administration.updateUser(
                    tenant: Fixture.tenant, name: "hr1", active: false, email: nil, database: db.owner)
                try await client.execute(uri: "/", method: .get, headers: other.cookie) { #expect($0.status == .seeOther) }
                // The disabled user's token is refused too.
                try await client.execute(uri: "/api/v1/me", method: .get, headers: APITests.bearer(tokens["hr1"])) {
                    #expect($0.status == .unauthorized)
                }
            }
            let ends = try await db.owner.strings(
                Fixture.context(), "SELECT user_name || ' ' || end_reason FROM sessions ORDER BY user_name, end_reason")
            #expect(ends == ["hr1 disabled", "pw1 signout_everywhere", "pw1 signout_everywhere"])
        }
    }

    @Test("a manager whose grant ended yesterday and whose new one begins today sees exactly the new unit")
    func grantMovesToday() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            let today = Day.today()
            // manager1 held B1 (総務部) for a month; from today it holds S3 (市民課).
            try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.run(
                    "UPDATE role_grants SET valid_from = \(today.adding(days: -30)) WHERE user_name = 'manager1'",
                    logger: db.owner.logger)
                try await connection.run(
                    "SELECT set_role_grant('manager1', 'manager', 'S3', \(today))", logger: db.owner.logger)
            }
            let rights = try await db.owner.strings(
                Fixture.context(),
                """
                SELECT d::text || ' ' || r.role || ' ' || r.unit_code
                FROM unnest(ARRAY[\(today.adding(days: -1)), \(today)]::date[]) d, user_rights('manager1', d) r ORDER BY d
                """)
            #expect(rights == ["\(today.adding(days: -1)) manager B1", "\(today) manager S3"])
            try await withTestApp(db) { client in
                let auth = APITests.bearer(tokens["manager1"])
                try await client.execute(uri: "/api/v1/me", method: .get, headers: auth) { response in
                    let me = try APITests.json(response.body) as? [String: Any]
                    #expect(me?["unit_code"] as? String == "S3")
                }
                try await client.execute(uri: "/api/v1/headcount?unit=B1", method: .get, headers: auth) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/headcount?unit=S3", method: .get, headers: auth) { response in
                    #expect(response.status == .ok)
                    let lines = try APITests.json(response.body) as? [[String: Any]]
                    #expect(lines?.compactMap { $0["unit_code"] as? String } == ["S3"])
                }
                // The dashboard's session follows the grant the same way.
                let browser = try #require(try await web.signIn(client, token: tokens["manager1"]))
                try await client.execute(uri: "/coverage?unit=B1", method: .get, headers: browser.cookie) {
                    #expect($0.status == .notFound)
                }
                // Ending the last grant ends the rights and the session at once.
                try await db.owner.transaction(Fixture.context()) { connection in
                    try await connection.run("DELETE FROM role_grants WHERE user_name = 'manager1'", logger: db.owner.logger)
                }
                try await client.execute(uri: "/", method: .get, headers: browser.cookie) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: auth) { #expect($0.status == .unauthorized) }
            }
        }
    }

    @Test("a one-time password from password-reset leads only to the change-password page until it is changed")
    func oneTimePassword() async throws {
        try await withTestDatabase { db in
            _ = try await setUp(db)
            let oneTime = try await Administration.resetPassword(tenant: Fixture.tenant, name: "pw1", database: db.owner)
            #expect(oneTime.count == 16)
            try await withTestApp(db) { client in
                // The old password is gone.
                #expect(try await web.signInAnswer(client, user: "pw1", password: Self.password).status == .unauthorized)
                let (cookie, field) = try await client.execute(uri: "/signin", method: .get) { response in
                    (
                        WebDashboardTests.setCookies(response)[WebDashboard.signInCookie] ?? "",
                        WebDashboardTests.csrf(in: String(buffer: response.body)) ?? ""
                    )
                }
                var headers = WebDashboardTests.form
                headers[.cookie] = "\(WebDashboard.signInCookie)=\(cookie)"
                let session = try await client.execute(
                    uri: "/signin", method: .post, headers: headers,
                    body: ByteBuffer(
                        string: "_csrf=\(field)&"
                            + WebDashboardTests.fields([("tenant", Fixture.tenant), ("user", "pw1"), ("password", oneTime)]))
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/password")
                    return WebDashboardTests.setCookies(response)[WebDashboard.sessionCookie] ?? ""
                }
                let cookies: HTTPFields = [.cookie: "\(WebDashboard.sessionCookie)=\(session)"]
                try await client.execute(uri: "/coverage", method: .get, headers: cookies) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/password")
                }
                let csrf = try await client.execute(uri: "/password", method: .get, headers: cookies) { response in
                    #expect(String(buffer: response.body).contains(#"id="must-change""#))
                    return WebDashboardTests.csrf(in: String(buffer: response.body)) ?? ""
                }
                var post = cookies
                post[.contentType] = "application/x-www-form-urlencoded"
                // Too short, then the user name: refused with the rule.
                for new in ["short", "pw1"] {
                    try await client.execute(
                        uri: "/password", method: .post, headers: post,
                        body: ByteBuffer(
                            string: "_csrf=\(csrf)&"
                                + WebDashboardTests.fields([("current", oneTime), ("new", new), ("confirm", new)]))
                    ) { response in
                        #expect(response.status == .unprocessableContent)
                        #expect(String(buffer: response.body).contains(#"id="password-problem""#))
                    }
                }
                let new = "a new password of mine"
                try await client.execute(
                    uri: "/password", method: .post, headers: post,
                    body: ByteBuffer(
                        string: "_csrf=\(csrf)&"
                            + WebDashboardTests.fields([("current", oneTime), ("new", new), ("confirm", new)]))
                ) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/coverage", method: .get, headers: cookies) { #expect($0.status == .ok) }
                #expect(try await web.signIn(client, user: "pw1", password: new) != nil)
                #expect(try await web.signInAnswer(client, user: "pw1", password: oneTime).status == .unauthorized)
            }
        }
    }

    @Test("POST /api/v1/auth/token: a password gives a personal token of at most 90 days; failures are one 401")
    func personalToken() async throws {
        try await withTestDatabase { db in
            _ = try await setUp(db)
            try await withTestApp(db) { client in
                let json: HTTPFields = [.contentType: "application/json"]
                func post(_ body: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                    try await client.execute(
                        uri: "/api/v1/auth/token", method: .post, headers: json, body: ByteBuffer(string: body)
                    ) {
                        ($0.status, (try? APITests.json($0.body) as? [String: Any]) ?? [:])
                    }
                }
                let (status, issued) = try await post(
                    #"{"tenant":"999991","user":"pw1","password":"\#(Self.password)","expires_in_days":30}"#)
                #expect(status == .created)
                let token = try #require(issued["token"] as? String)
                #expect(issued["user"] as? String == "pw1")
                try await client.execute(uri: "/api/v1/me", method: .get, headers: APITests.bearer(token)) { response in
                    let me = try APITests.json(response.body) as? [String: Any]
                    #expect(me?["role"] as? String == "hr")
                }
                let (wrong, problem) = try await post(#"{"tenant":"999991","user":"pw1","password":"nope"}"#)
                let (unknown, unknownProblem) = try await post(#"{"tenant":"999991","user":"ghost","password":"nope"}"#)
                #expect(wrong == .unauthorized && unknown == .unauthorized)
                #expect(problem["detail"] as? String == unknownProblem["detail"] as? String)
                #expect((problem["detail"] as? String ?? "").contains("locked"))
                // A NUL in the user name or the password is a wrong password, not a failure (the
                // fuzzer found the first; the second would cut the password short for the directory).
                let (nulUser, _) = try await post(#"{"tenant":"999991","user":"pw\u0000x","password":"nope"}"#)
                let (nulPassword, _) = try await post(
                    #"{"tenant":"999991","user":"pw1","password":"\#(Self.password)\u0000tail"}"#)
                #expect(nulUser == .unauthorized && nulPassword == .unauthorized)
                let (tooLong, _) = try await post(
                    #"{"tenant":"999991","user":"pw1","password":"\#(Self.password)","expires_in_days":91}"#)
                #expect(tooLong == .badRequest)
            }
            let expires = try await db.owner.strings(
                Fixture.context(),
                "SELECT (expires_at BETWEEN now() + interval '29 days' AND now() + interval '31 days')::text FROM api_tokens WHERE user_name = 'pw1'"
            )
            #expect(expires == ["true"])
        }
    }

    @Test("the staff import gives every staff member in service a user named by the employee number, with the file's address")
    func staffUsers() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let users = try await db.owner.strings(
                Fixture.context(),
                "SELECT name || ' ' || status || ' ' || coalesce(disabled_reason, '-') FROM users ORDER BY name")
            // E005 had retired (2025-03-31) before the first import: it gets no user.
            #expect(
                users == [
                    "E001 active -", "E002 active -", "E003 active -", "E004 active -", "E006 active -", "E007 active -",
                ])
            let line = Fixture.staffCSV.split(separator: "\n")[1]
            let header = "職員番号,氏名,カナ,職種区分,任用区分,職級,所属コード,発令日,採用日,退職日,メールアドレス\n"
            let bad = await rowIssues {
                try await Fixture.load(.staff, header + "\(line),takahashi.example.lg.jp\n", into: db.owner)
            }
            #expect(bad.map { "\($0.line) \($0.column ?? "-")" } == ["2 email"])
            try await Fixture.load(.staff, header + "\(line),takahashi@example.lg.jp\n", into: db.owner)
            #expect(
                try await db.owner.strings(Fixture.context(), "SELECT email FROM users WHERE name = 'E001'")
                    == ["takahashi@example.lg.jp"])
            // A staff member's user without a grant is staff, with its own record only.
            let rights = try await db.owner.strings(
                Fixture.context(), "SELECT role || ' ' || employee_no FROM user_rights('E001', tokyo_today())")
            #expect(rights == ["staff E001"])
            // E001 retires (yesterday): its user is disabled by the next import, and enabled again if that is undone.
            let yesterday = Day.today().adding(days: -1)
            let retired = Fixture.staffCSV.replacingOccurrences(of: "2000-04-01,\n", with: "2000-04-01,\(yesterday)\n")
            try await Fixture.load(.staff, retired, into: db.owner)
            let status = "SELECT status || ' ' || coalesce(disabled_reason, '-') FROM users WHERE name = 'E001'"
            #expect(try await db.owner.strings(Fixture.context(), PostgresQuery(unsafeSQL: status)) == ["disabled retired"])
            #expect(
                try await db.owner.strings(Fixture.context(), "SELECT role FROM user_rights('E001', tokyo_today())").isEmpty)
            try await Fixture.load(.staff, Fixture.staffCSV, into: db.owner)
            #expect(try await db.owner.strings(Fixture.context(), PostgresQuery(unsafeSQL: status)) == ["active -"])
        }
    }
}

/// A value handed out of a `@Sendable` closure.
actor ValueBox<Value: Sendable> {
    var value: Value?
    func set(_ value: Value) { self.value = value }
}
