import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DXSkillsServer

/// The dashboard's sessions and CSRF protection, through the app's router.
@Suite("Web dashboard")
struct WebDashboardTests {
    /// A signed-in browser: its session cookie and the CSRF token its pages carry.
    struct Browser {
        let session: String
        let csrf: String
        var cookie: HTTPFields { [.cookie: "\(WebDashboard.sessionCookie)=\(session)"] }
    }

    static func setCookies(_ response: TestResponse) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
        return cookies
    }

    /// The header's "signed in as" line, tags removed.
    static func who(in html: String) -> String? {
        guard let start = html.range(of: #"<span class="who">"#), let end = html[start.upperBound...].range(of: "</span>")
        else { return nil }
        return String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(
            of: "<[^>]+>", with: "", options: .regularExpression)
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst(#"name="_csrf" value=""#.count).dropLast())
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// GET /signin/token, then POST the token with the form's CSRF token; nil when refused.
    func signIn(_ client: some TestClientProtocol, token: String, headers extra: HTTPFields = [:]) async throws -> Browser? {
        let token = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
        return try await post(client, form: "/signin/token", fields: "token=\(token)&next=/", headers: extra)
    }

    static func fields(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $1)" }.joined(separator: "&")
    }

    /// GET /signin, then POST a user name and password; nil when refused.
    func signIn(
        _ client: some TestClientProtocol, user: String, password: String, tenant: String = Fixture.tenant,
        headers extra: HTTPFields = [:]
    ) async throws -> Browser? {
        let fields = Self.fields([("tenant", tenant), ("user", user), ("password", password), ("next", "/")])
        return try await post(client, form: "/signin", fields: fields, headers: extra)
    }

    /// The status and body of a sign-in with a user name and password.
    func signInAnswer(
        _ client: some TestClientProtocol, user: String, password: String, tenant: String = Fixture.tenant
    ) async throws -> (status: HTTPResponse.Status, body: String, location: String?) {
        let (cookie, field) = try await client.execute(uri: "/signin", method: .get) { response in
            (Self.setCookies(response)[WebDashboard.signInCookie], Self.csrf(in: String(buffer: response.body)))
        }
        var headers = Self.form
        headers[.cookie] = "\(WebDashboard.signInCookie)=\(cookie ?? "")"
        let fields = Self.fields([("tenant", tenant), ("user", user), ("password", password)])
        return try await client.execute(
            uri: "/signin", method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(field ?? "")&\(fields)")
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    /// GET a sign-in form, POST its fields with the form's CSRF token, and open `/` with the session.
    func post(
        _ client: some TestClientProtocol, form path: String, fields: String, headers extra: HTTPFields
    ) async throws -> Browser? {
        let (cookie, field) = try await client.execute(uri: path, method: .get) { response in
            (Self.setCookies(response)[WebDashboard.signInCookie], Self.csrf(in: String(buffer: response.body)))
        }
        var headers = Self.form
        headers[.cookie] = "\(WebDashboard.signInCookie)=\(cookie ?? "")"
        headers.append(contentsOf: extra)
        let session = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(field ?? "")&\(fields)")
        ) { response in
            response.status == .seeOther ? Self.setCookies(response)[WebDashboard.sessionCookie] : nil
        }
        guard let session else { return nil }
        let csrf = try await client.execute(
            uri: "/", method: .get, headers: [.cookie: "\(WebDashboard.sessionCookie)=\(session)"]
        ) { Self.csrf(in: String(buffer: $0.body)) }
        return Browser(session: session, csrf: try #require(csrf))
    }

    func withDashboard(
        _ body: @Sendable (TestDatabase, APITests.Tokens, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withTestDatabase { db in
            let api = APITests()
            let tokens = try await api.setUp(db)
            // E002 (S2) reaches L-SEC 2: coverage of S2 is 1/2, of B1 and K1 1/4 (headcount 4, reference §4.2).
            try await Fixture.load(
                .assessments, "employee_no,skill_code,level,assessed_on,assessor\nE002,L-SEC,2,2025-04-01,E001\n",
                into: db.owner)
            try await withTestApp(db) { client in try await body(db, tokens, client) }
        }
    }

    @Test("a page without a session redirects to sign-in, keeping the path it was going to but not its query")
    func redirectsToSignIn() async throws {
        try await withDashboard { _, _, client in
            try await client.execute(uri: "/coverage?level=2", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/signin?next=%2Fcoverage")
            }
            // A token in the URL is never echoed into the redirect.
            try await client.execute(
                uri: "/coverage?access_token=dxs_999991_000000000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", method: .get
            ) { response in
                #expect(response.headers[.location] == "/signin?next=%2Fcoverage")
            }
            try await client.execute(
                uri: "/coverage", method: .get, headers: [.cookie: "\(WebDashboard.sessionCookie)=forged"]
            ) { #expect($0.status == .seeOther) }
        }
    }

    @Test("signing in sets an HttpOnly SameSite=Strict session cookie, Secure only over TLS; a bad token is refused")
    func signInCookie() async throws {
        try await withDashboard { _, tokens, client in
            #expect(try await signIn(client, token: "dxs_999991_000000000000_nope") == nil)
            let browser = try #require(try await signIn(client, token: tokens["manager1"]))
            #expect(browser.session.count == 50 && browser.session.hasPrefix("\(Fixture.tenant)."))
            // The cookie's attributes, over plain HTTP and behind a TLS proxy.
            for (proxy, secure) in [(false, false), (true, true)] {
                let (cookie, field) = try await client.execute(uri: "/signin/token", method: .get) { response in
                    (Self.setCookies(response)[WebDashboard.signInCookie]!, Self.csrf(in: String(buffer: response.body))!)
                }
                var headers = Self.form
                headers[.cookie] = "\(WebDashboard.signInCookie)=\(cookie)"
                if proxy { headers[.init("X-Forwarded-Proto")!] = "https" }
                try await client.execute(
                    uri: "/signin/token", method: .post, headers: headers,
                    body: ByteBuffer(string: "_csrf=\(field)&token=\(tokens["hr1"])")
                ) { response in
                    let header = try #require(
                        response.headers[values: .setCookie].first { $0.hasPrefix("\(WebDashboard.sessionCookie)=") })
                    #expect(header.contains("HttpOnly"))
                    #expect(header.contains("SameSite=Strict"))
                    #expect(header.contains("Secure") == secure)
                    #expect(!header.contains(tokens["hr1"]))
                }
            }
        }
    }

    @Test("sign-in and every form refuse a missing or wrong CSRF token")
    func csrf() async throws {
        try await withDashboard { _, tokens, client in
            // Sign-in without the cookie that came with the form.
            try await client.execute(
                uri: "/signin", method: .post, headers: Self.form, body: ByteBuffer(string: "_csrf=x&token=\(tokens["hr1"])")
            ) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[values: .setCookie].isEmpty)
            }
            let browser = try #require(try await signIn(client, token: tokens["hr1"]))
            var headers = browser.cookie
            headers[.contentType] = "application/x-www-form-urlencoded"
            // The last character changed: to "B" when it is "A", so the wrong token is never the right one.
            let wrong = browser.csrf.dropLast() + (browser.csrf.hasSuffix("A") ? "B" : "A")
            for body in ["", "_csrf=", "_csrf=\(wrong)"] {
                try await client.execute(uri: "/signout", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                    #expect($0.status == .forbidden)
                }
            }
            let multipart =
                "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.csv\"\r\n\r\nemployee_no\r\n--XyZ--\r\n"
            var upload = browser.cookie
            upload[.contentType] = "multipart/form-data; boundary=XyZ"
            try await client.execute(
                uri: "/imports/training", method: .post, headers: upload, body: ByteBuffer(string: multipart)
            ) { #expect($0.status == .forbidden) }
            // Still signed in: the refused posts did nothing.
            try await client.execute(uri: "/coverage", method: .get, headers: browser.cookie) { #expect($0.status == .ok) }
        }
    }

    @Test("sign-out with the CSRF token ends the session on the server")
    func signOut() async throws {
        try await withDashboard { _, tokens, client in
            let browser = try #require(try await signIn(client, token: tokens["hr1"]))
            var headers = browser.cookie
            headers[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(
                uri: "/signout", method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(browser.csrf)")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("\(WebDashboard.sessionCookie)=;") })
            }
            // The old cookie, replayed, no longer works.
            try await client.execute(uri: "/coverage", method: .get, headers: browser.cookie) { #expect($0.status == .seeOther) }
        }
    }

    @Test("revoking the token ends the session it started")
    func revokedToken() async throws {
        try await withDashboard { db, tokens, client in
            let browser = try #require(try await signIn(client, token: tokens["hr1"]))
            try await client.execute(uri: "/leaders", method: .get, headers: browser.cookie) { #expect($0.status == .ok) }
            try await db.owner.transaction(Fixture.context()) { connection in
                try await TokenStore.revoke(
                    tokenID: TokenStore.parse(tokens["hr1"])!.tokenID, connection: connection, logger: db.owner.logger)
            }
            try await client.execute(uri: "/leaders", method: .get, headers: browser.cookie) { #expect($0.status == .seeOther) }
        }
    }

    @Test("a manager's heat map shows its subtree's numbers; a unit outside it is 404 like one that does not exist")
    func coverageScope() async throws {
        try await withDashboard { _, tokens, client in
            let browser = try #require(try await signIn(client, token: tokens["manager1"]))
            try await client.execute(uri: "/coverage?as_of=2025-06-01&level=2", method: .get, headers: browser.cookie) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(#"data-unit="B1" data-skill="L-SEC" data-count="1" data-headcount="4""#))
                #expect(html.contains(#"data-unit="S2" data-skill="L-SEC" data-count="1" data-headcount="2""#))
                #expect(html.contains(#"data-unit="S1" data-skill="L-SEC" data-count="0" data-headcount="1""#))
                #expect(!html.contains("市民課"))
            }
            for unit in ["S3", "K2", "NOPE"] {
                try await client.execute(uri: "/coverage?unit=\(unit)", method: .get, headers: browser.cookie) { response in
                    #expect(response.status == .notFound)
                    #expect(!String(buffer: response.body).contains("市民"))
                }
            }
            // The header names the manager's scope; an HR user has none, whatever unit the page shows.
            try await client.execute(uri: "/coverage?unit=S2", method: .get, headers: browser.cookie) { response in
                #expect(Self.who(in: String(buffer: response.body))?.hasSuffix(" · B1)") == true)
            }
            let hr = try #require(try await signIn(client, token: tokens["hr1"]))
            try await client.execute(uri: "/coverage?unit=S2", method: .get, headers: hr.cookie) { response in
                let who = try #require(Self.who(in: String(buffer: response.body)))
                #expect(!who.contains("·"), "\(who)")
            }
            // The fiscal-year inputs accept the years FiscalYear does.
            try await client.execute(uri: "/transfers", method: .get, headers: hr.cookie) { response in
                #expect(String(buffer: response.body).contains(#"name="fiscal_year" min="1989" max="2200""#))
            }
            // Rankings are not a manager's (403), exactly like the API.
            try await client.execute(uri: "/rankings?fiscal_year=2025", method: .get, headers: browser.cookie) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test("sessions live in PostgreSQL: they end after the idle timeout and the absolute timeout of the tenant's settings")
    func sessionExpiry() async throws {
        try await withDashboard { db, tokens, client in
            let browser = try #require(try await signIn(client, token: tokens["hr1"]))
            let other = try #require(try await signIn(client, token: tokens["hr1"]))
            // Only the SHA-256 of the session id is stored.
            let stored = try await db.owner.strings(
                Fixture.context(), "SELECT encode(id_hash, 'hex') || ' ' || user_name FROM sessions ORDER BY created_at")
            #expect(stored.count == 2 && stored.allSatisfy { $0.hasSuffix(" hr1") && $0.count == 64 + 4 })
            let id = String(browser.session.dropFirst(7))
            #expect(!stored.contains { $0.contains(id) })
            // Idle 31 minutes (the default is 30): refused, and ended in the table.
            try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.run(
                    """
                    UPDATE sessions SET last_seen_at = now() - interval '31 minutes'
                    WHERE id_hash = sha256(convert_to(\(id), 'UTF8'))
                    """, logger: db.owner.logger)
            }
            try await client.execute(uri: "/", method: .get, headers: browser.cookie) { #expect($0.status == .seeOther) }
            #expect(
                try await db.owner.strings(Fixture.context(), "SELECT end_reason FROM sessions WHERE ended_at IS NOT NULL")
                    == ["expired"])
            try await client.execute(uri: "/", method: .get, headers: other.cookie) { #expect($0.status == .ok) }
            // Older than the tenant's absolute timeout (here 60 minutes), though used a moment ago.
            try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.run(
                    "INSERT INTO sign_in_settings (tenant_id, session_absolute_minutes) VALUES (\(Fixture.tenant), 60)",
                    logger: db.owner.logger)
                try await connection.run(
                    "UPDATE sessions SET created_at = now() - interval '61 minutes' WHERE ended_at IS NULL",
                    logger: db.owner.logger)
            }
            try await client.execute(uri: "/", method: .get, headers: other.cookie) { #expect($0.status == .seeOther) }
            #expect(
                try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM sessions WHERE ended_at IS NULL") == 0)
        }
    }

    @Test("forms: url-encoded fields and multipart parts with their files")
    func forms() throws {
        #expect(WebForm.urlEncoded("a=1&b=x+y%E3%81%82&a=2&c") == ["a": "1", "b": "x yあ", "c": ""])
        let body = Array(
            ("--b1\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n"
                + "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "a,b\r\n1,2\r\n\r\n--b1--\r\n").utf8)
        let form = try WebForm.multipart(body, boundary: "b1")
        #expect(form["_csrf"] == "tok")
        #expect(form.files["file"] == Array("a,b\r\n1,2\r\n".utf8))
        #expect(WebForm.boundary("multipart/form-data; boundary=\"b1\"") == "b1")
    }
}

/// The heat map's rows, colour classes and numbers, without a database.
@Suite("Heat map")
struct HeatMapTests {
    static func unit(_ code: String, parent: String?, depth: Int) -> UnitNode {
        try! JSONDecoder().decode(
            UnitNode.self,
            from: Data(
                """
                {"code": "\(code)", "name": "\(code)", "kind": "課", "parentCode": \(parent.map { "\"\($0)\"" } ?? "null"),
                 "validFrom": "2020-04-01", "itDepartment": false, "depth": \(depth)}
                """.utf8))
    }

    @Test("the selected unit and the units directly below it; fifths of the ratio choose the colour, n/a its own")
    func rowsAndBins() throws {
        // setup: K1 ─ B1 ─ S1, and K2 on its own
        let tree = [
            Self.unit("K1", parent: nil, depth: 0), Self.unit("B1", parent: "K1", depth: 1),
            Self.unit("S1", parent: "B1", depth: 2), Self.unit("K2", parent: nil, depth: 0),
        ]
        let lines = [
            ("K1", 8, 1), ("B1", 8, 8), ("S1", 5, 1), ("K2", 0, 0),
        ].map { code, headcount, count in
            try! JSONDecoder().decode(
                CoverageLine.self,
                from: Data(
                    """
                    {"unitCode": "\(code)", "unitName": "\(code)", "skillCode": "L-SEC", "level": 2,
                     "headcount": \(headcount), "count": \(count)}
                    """.utf8))
        }
        // act
        let top = HeatMap(lines: lines, tree: tree, selected: nil)
        let k1 = HeatMap(lines: lines, tree: tree, selected: "K1")
        // assert
        #expect(top.rows.map(\.unit.code) == ["K1", "K2"])
        #expect(k1.rows.map(\.unit.code) == ["K1", "B1"])
        #expect(k1.rows.map(\.isSelected) == [true, false])
        #expect(k1.rows.map(\.hasChildren) == [true, true])
        // 1/8 = 12.5% → bin 1, shown 13%; 8/8 → bin 5; 1/5 = 20% → bin 2; headcount 0 → bin 0, n/a
        #expect(top.rows[0].cells[0].bin == 1)
        #expect(HeatMap.percent(top.rows[0].cells[0].ratio) == "13%")
        #expect(k1.rows[1].cells[0].bin == 5)
        #expect(HeatMap(lines: lines, tree: tree, selected: "B1").rows[1].cells[0].bin == 2)
        #expect(top.rows[1].cells[0].bin == 0)
        #expect(HeatMap.percent(top.rows[1].cells[0].ratio) == "n/a")
        #expect(HeatMap.path(to: "S1", in: tree).map(\.code) == ["K1", "B1", "S1"])
    }
}
