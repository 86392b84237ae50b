import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Synchronization
import Testing

@testable import DXSkillsServer

/// The probe of the live service, repeated: bodies refused before they are read, scope not widened
/// by `as_of`, an unreachable database answered with 503, sign-in floods contained, tokens kept out
/// of redirects, long error lists cut short, tenant-wide target lines for tenant-wide roles only.
@Suite("Security probes")
struct SecurityProbeTests {
    static func headers(_ token: String, _ type: String, length: Int? = nil) -> HTTPFields {
        var fields = APITests.bearer(token)
        fields[.contentType] = type
        if let length { fields[.contentLength] = "\(length)" }
        return fields
    }

    static let bodyRoutes: [(String, HTTPRequest.Method, String)] = [
        ("/api/v1/criteria", .put, "application/json"), ("/api/v1/targets", .put, "application/json"),
        ("/api/v1/career-templates", .put, "application/json"), ("/api/v1/transfers/impact", .post, "text/csv"),
        ("/api/v1/transfers/apply", .post, "text/csv"), ("/api/v1/imports/training", .post, "text/csv"),
        ("/api/v1/imports/units", .post, "text/csv"),
    ]

    @Test("a role that may not send a body is refused 403 before any of it is read, whatever it announces")
    func roleBeforeBody() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            try await withTestApp(db) { client in
                for user in ["staff1", "manager1", "evaluator1"] {
                    for (path, method, type) in Self.bodyRoutes {
                        // The body is not even valid: a handler that read it would answer 400 or 422.
                        try await client.execute(
                            uri: path, method: method, headers: Self.headers(tokens[user], type, length: 1_300_000_000),
                            body: ByteBuffer(string: "{")
                        ) { response in
                            #expect(response.status == .forbidden, "\(user) \(method) \(path)")
                        }
                    }
                }
            }
        }
    }

    @Test("a JSON document over 1 MiB is 413; under the limit it is read as before")
    func documentLimit() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            try await withTestApp(db) { client in
                let padded = "{\"fiscal_year\": 2026, \"items\": []" + String(repeating: " ", count: 1_100_000) + "}"
                for (path, method, type) in Self.bodyRoutes.prefix(3) {
                    try await client.execute(
                        uri: path, method: method, headers: Self.headers(tokens["hr1"], type), body: ByteBuffer(string: padded)
                    ) { response in
                        #expect(response.status == .contentTooLarge, "\(path)")
                        #expect(response.headers[.contentType] == "application/problem+json")
                    }
                }
                try await client.execute(
                    uri: "/api/v1/criteria", method: .put, headers: Self.headers(tokens["hr1"], "application/json"),
                    body: ByteBuffer(
                        string:
                            #"{"fiscal_year": 2026, "items": [{"code": "h", "type": "training_hours", "weight": 1, "cap": 10}]}"#)
                ) { response in
                    #expect(response.status == .noContent)
                }
            }
        }
    }

    @Test("an announced length over the limit is refused before the body is touched")
    func announcedLength() async throws {
        let pulled = CountingChunks.Pulled()
        var head = HTTPRequest(method: .put, scheme: "http", authority: "localhost", path: "/api/v1/criteria")
        head.headerFields[.contentLength] = "1300000000"
        let request = Request(head: head, body: RequestBody(asyncSequence: CountingChunks(total: 16_000, pulled: pulled)))
        #expect(throws: HTTPError.self) { _ = try BodyLimit.bounded(request, limit: 1_048_576) }
        #expect(pulled.count.withLock { $0 } == 0)
        head.headerFields[.contentLength] = "1048576"
        #expect(throws: Never.self) {
            _ = try BodyLimit.bounded(Request(head: head, body: RequestBody(buffer: ByteBuffer())), limit: 1_048_576)
        }
    }

    /// Chunks of 64 KiB, counting how many were pulled.
    struct CountingChunks: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let total: Int
        let pulled: Pulled
        final class Pulled: Sendable {
            let count = Mutex(0)
        }
        struct AsyncIterator: AsyncIteratorProtocol {
            let total: Int
            let pulled: Pulled
            mutating func next() async throws -> ByteBuffer? {
                let n = pulled.count.withLock { count -> Int in
                    count += 1
                    return count
                }
                return n <= total ? ByteBuffer(repeating: 0x41, count: 65_536) : nil
            }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(total: total, pulled: pulled) }
    }

    @Test("a body without a length is cut off as soon as it passes the limit: what follows is never pulled")
    func bodyCutOff() async throws {
        let pulled = CountingChunks.Pulled()
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/api/v1/criteria"),
            body: RequestBody(asyncSequence: CountingChunks(total: 16_000, pulled: pulled)))
        let bounded = try BodyLimit.bounded(request, limit: 1_048_576)
        await #expect(throws: HTTPError.self) { _ = try await bounded.body.collect(upTo: .max) }
        // 16 chunks are exactly 1 MiB; the 17th passes the limit and nothing after it is asked for.
        #expect(pulled.count.withLock { $0 } == 17)
    }

    @Test("dashboard: a form over 64 KiB is refused, and an upload page refuses a role before its file")
    func dashboardBodies() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            try await withTestApp(db) { client in
                let browser = try #require(try await WebDashboardTests().signIn(client, token: tokens["staff1"]))
                var headers = browser.cookie
                headers[.contentType] = "application/x-www-form-urlencoded"
                let padded = "_csrf=\(browser.csrf)&x=" + String(repeating: "a", count: 70_000)
                try await client.execute(uri: "/signout", method: .post, headers: headers, body: ByteBuffer(string: padded)) {
                    #expect($0.status == .contentTooLarge)
                }
                // A well-formed upload with a valid CSRF token: refused for the role, not read.
                for path in ["/transfers", "/imports/training"] {
                    try await client.execute(
                        uri: path, method: .post, headers: headers,
                        body: ByteBuffer(string: "_csrf=\(browser.csrf)&fiscal_year=2025")
                    ) { #expect($0.status == .forbidden, "\(path)") }
                }
                // The session survived: nothing was signed out by the refused posts.
                try await client.execute(uri: "/", method: .get, headers: browser.cookie) { #expect($0.status == .ok) }
            }
        }
    }

    @Test("as_of never widens a manager's scope: a former subordinate is visible only through the days in scope")
    func asOfScope() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            // E002 worked in S2 (under manager1's B1) until 2024-03-31, then moved to S3 in K2.
            try await Fixture.load(
                .staff,
                """
                employee_no,name,kana,job_track,employment_type,grade,unit_code,assigned_from,hired_on,retired_on
                E002,山﨑　花子,ヤマサキ　ハナコ,information,regular,係長,S3,2024-04-01,2015-04-01,

                """, into: db.owner)
            try await Fixture.load(
                .assessments,
                "employee_no,skill_code,level,assessed_on,assessor\nE002,L-SEC,2,2023-05-01,E001\nE002,L-DATA,3,2024-06-01,E005\n",
                into: db.owner)
            try await withTestApp(db) { client in
                let auth = APITests.bearer(tokens["manager1"])
                for uri in ["/api/v1/staff/E002", "/api/v1/staff/E002?as_of=2024-04-01", "/api/v1/plans/E002"] {
                    try await client.execute(uri: uri, method: .get, headers: auth) {
                        #expect($0.status == .notFound, "\(uri)")
                    }
                }
                try await client.execute(uri: "/api/v1/staff/E002?as_of=2023-06-01", method: .get, headers: auth) { response in
                    #expect(response.status == .ok)
                    let record = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect(record["unit_code"] as? String == "S2")
                    let units = (record["assignments"] as? [[String: Any]] ?? []).map { $0["unit_code"] as? String }
                    // The S3 post after the move is cut, and so is the 2024-06-01 assessment.
                    #expect(units == ["S2"])
                    let skills = (record["skills"] as? [[String: Any]] ?? []).map { $0["skill_code"] as? String }
                    #expect(skills == ["L-SEC"])
                }
                // An evaluator of K2 (E002's 局 from 2024-04-01) sees nothing of E002's time before it.
                let evaluator = APITests.bearer(tokens["evaluator1"])
                for path in [
                    "/api/v1/staff", "/api/v1/staff/E002", "/api/v1/plans", "/api/v1/plans/E002", "/api/v1/headcount",
                    "/api/v1/certifications/expiring?within=3650", "/api/v1/leaders", "/api/v1/targets/2023/report",
                ] {
                    let uri = path + (path.contains("?") ? "&" : "?") + "as_of=2023-06-01"
                    try await client.execute(uri: uri, method: .get, headers: evaluator) { response in
                        if path.hasSuffix("E002") {
                            #expect(response.status == .notFound, "\(uri)")
                        } else {
                            // A 404 names what was asked for; a list must not name E002 at all.
                            let body = String(buffer: response.body)
                            for leak in ["E002", "\"S2\"", "情報政策課"] { #expect(!body.contains(leak), "\(uri) shows \(leak)") }
                        }
                    }
                }
                try await client.execute(uri: "/api/v1/staff/E002?as_of=2024-06-01", method: .get, headers: evaluator) {
                    response in
                    let record = try #require(try APITests.json(response.body) as? [String: Any])
                    let units = (record["assignments"] as? [[String: Any]] ?? []).map { $0["unit_code"] as? String }
                    #expect(units == ["S3"])
                }
                // Every endpoint that takes as_of, on a day in scope and on a day after: nothing of S3 or K2.
                for day in ["2023-06-01", "2024-06-01"] {
                    for path in [
                        "/api/v1/units", "/api/v1/headcount", "/api/v1/staff", "/api/v1/staff/E002", "/api/v1/coverage",
                        "/api/v1/completion?course=R-1", "/api/v1/certifications/expiring?within=3650", "/api/v1/leaders",
                        "/api/v1/plans", "/api/v1/plans/E002", "/api/v1/targets/2023/report",
                    ] {
                        let uri = path + (path.contains("?") ? "&" : "?") + "as_of=\(day)"
                        try await client.execute(uri: uri, method: .get, headers: auth) { response in
                            let body = String(buffer: response.body)
                            for leak in ["\"S3\"", "市民課", "\"K2\"", "市民局", "\"level\":3"] {
                                #expect(!body.contains(leak), "\(uri) shows \(leak)")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("a manager's targets report has no tenant-wide lines; hr's has them")
    func tenantWideTargets() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            try await withTestApp(db) { client in
                try await client.execute(
                    uri: "/api/v1/targets", method: .put, headers: Self.headers(tokens["hr1"], "application/json"),
                    body: ByteBuffer(
                        string:
                            #"{"fiscal_year": 2025, "targets": [{"type": "skill_count", "skill": "L-SEC", "level": 1, "min": 1}, {"type": "skill_count", "skill": "L-SEC", "level": 1, "min": 1, "unit_kind": "課"}]}"#
                    )
                ) { #expect($0.status == .noContent) }
                func units(_ user: String) async throws -> [String?] {
                    try await client.execute(
                        uri: "/api/v1/targets/2025/report?as_of=2025-06-01", method: .get, headers: APITests.bearer(tokens[user])
                    ) { response in
                        let lines = try APITests.json(response.body) as? [[String: Any]] ?? []
                        return lines.map { $0["unit_code"] as? String }
                    }
                }
                // Tenant-wide: one line with no unit; per 課 on 2025-06-01: S1, S2, S3 (S4 ended).
                #expect(try await units("hr1") == [nil, "S1", "S2", "S3"])
                #expect(try await units("manager1") == ["S1", "S2"])
                #expect(try await units("evaluator1") == ["S3"])
            }
        }
    }

    @Test("a 10,000-column header is answered with the first 200 problems and the count of the rest")
    func errorListCapped() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            try await withTestApp(db) { client in
                let header = "code,name," + (1...10_000).map { "extra\($0)" }.joined(separator: ",")
                try await client.execute(
                    uri: "/api/v1/imports/units", method: .post, headers: Self.headers(tokens["hr1"], "text/csv"),
                    body: ByteBuffer(string: header + "\nX1,ある課\n")
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.body.readableBytes < 64 * 1024)
                    let problem = try #require(try APITests.json(response.body) as? [String: Any])
                    let errors = problem["errors"] as? [[String: Any]] ?? []
                    let more = problem["more"] as? Int ?? 0
                    #expect(errors.count == 200)
                    #expect(errors.count + more >= 10_000)
                    #expect((problem["detail"] as? String ?? "").contains("the first 200 listed"))
                }
            }
        }
    }
}

@Suite("Sign-in floods")
struct SignInFloodTests {
    @Test("sign-in attempts are limited per address and per user name, with the time to wait")
    func limiter() async {
        let limiter = SignInLimiter(window: 60, perAddress: 5, perUser: 3)
        let now = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<3 {
            #expect(await limiter.admit(address: "10.0.0.1", user: "u", now: now.addingTimeInterval(Double(i))) == nil)
        }
        #expect(await limiter.admit(address: "10.0.0.1", user: "u", now: now.addingTimeInterval(3)) == 57)
        // Other names from the same address, up to the address's limit.
        #expect(await limiter.admit(address: "10.0.0.1", user: "v", now: now.addingTimeInterval(4)) == nil)
        #expect(await limiter.admit(address: "10.0.0.1", user: "w", now: now.addingTimeInterval(5)) == nil)
        #expect(await limiter.admit(address: "10.0.0.1", user: "x", now: now.addingTimeInterval(6)) == 54)
        #expect(await limiter.admit(address: "10.0.0.2", user: "x", now: now.addingTimeInterval(6)) == nil)
        // After the window the first address may try again.
        #expect(await limiter.admit(address: "10.0.0.1", user: "u", now: now.addingTimeInterval(61)) == nil)
    }

    @Test("signing in over and over with one token is throttled, and another user's session survives")
    func floodThroughTheRouter() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            try await withTestApp(db) { client in
                let web = WebDashboardTests()
                let hr = try #require(try await web.signIn(client, token: tokens["hr1"]))
                var signedIn = 0
                for _ in 0..<15 where try await web.signIn(client, token: tokens["staff1"]) != nil { signedIn += 1 }
                #expect(signedIn == 10)
                try await client.execute(uri: "/", method: .get, headers: hr.cookie) { #expect($0.status == .ok) }
            }
        }
    }
}

@Suite("Database outage")
struct OutageTests {
    @Test("with PostgreSQL unreachable, the API answers 503 with Retry-After within seconds, and /readyz says so")
    func unreachable() async throws {
        // A port that nothing listens on.
        let url = try DatabaseURL("postgres://dxskills_app@127.0.0.1:\(try unusedPort())/dxskills")
        let logger = {
            var logger = Logger(label: "outage")
            logger.logLevel = .critical
            return logger
        }()
        try await withPool(url, logger: logger) { database in
            let router = try buildRouter(database: database, registry: PrometheusCollectorRegistry())
            try await Application(router: router, logger: logger).test(.router) { client in
                // A first request that needs no database, so the clock times only the outage.
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                let started = ContinuousClock.now
                try await client.execute(
                    uri: "/api/v1/units", method: .get,
                    headers: APITests.bearer("dxs_999991_000000000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
                ) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.headers[.retryAfter] == "5")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
                #expect(ContinuousClock.now - started < .seconds(15))
            }
        }
    }
}

/// A TCP port on loopback that nothing listens on: bound to port 0 to learn a free one, then closed.
func unusedPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { _ = close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard bound == 0 else { throw DXSkillsError.unavailable("cannot bind a test socket") }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

@Suite("Refusal audit")
struct RefusalAuditTests {
    /// The refusal rows of a tenant: route, status, actor, reason.
    static func refusals(_ db: TestDatabase, tenant: String = Fixture.tenant) async throws -> [String] {
        try await db.owner.strings(
            Fixture.context(tenant),
            """
            SELECT (key->>'route') || ' ' || (key->>'status') || ' ' || actor || ' ' || (after->>'reason')
            FROM audit_log WHERE action = 'refuse' ORDER BY id
            """)
    }

    @Test("every 401, 403 and out-of-scope 404 writes an audit row with tenant, user, route and reason")
    func refusalsAreAudited() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            try await withTestApp(db) { client in
                // 403: a staff user asks for rankings; a manager sends a criteria document.
                try await client.execute(
                    uri: "/api/v1/rankings?fiscal_year=2025", method: .get, headers: APITests.bearer(tokens["staff1"])
                ) { #expect($0.status == .forbidden) }
                try await client.execute(
                    uri: "/api/v1/criteria", method: .put,
                    headers: SecurityProbeTests.headers(tokens["manager1"], "application/json", length: 1_000_000_000),
                    body: ByteBuffer(string: "{")
                ) { #expect($0.status == .forbidden) }
                // 404: a manager asks for someone outside its subtree.
                try await client.execute(uri: "/api/v1/staff/E006", method: .get, headers: APITests.bearer(tokens["manager1"])) {
                    #expect($0.status == .notFound)
                }
                // 401: a token of this tenant's shape that does not exist.
                try await client.execute(
                    uri: "/api/v1/me", method: .get,
                    headers: APITests.bearer("dxs_\(Fixture.tenant)_000000000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
                ) { #expect($0.status == .unauthorized) }
            }
            let rows = try await Self.refusals(db)
            #expect(rows.count == 4, "\(rows)")
            #expect(rows.first?.hasPrefix("GET /api/v1/rankings 403 staff1 not allowed:") == true, "\(rows)")
            #expect(rows.dropFirst().first?.hasPrefix("PUT /api/v1/criteria 403 manager1 not allowed:") == true, "\(rows)")
            #expect(rows.dropFirst(2).first?.hasPrefix("GET /api/v1/staff/E006 404 manager1 not found") == true, "\(rows)")
            #expect(rows.last?.hasPrefix("GET /api/v1/me 401 - ") == true, "\(rows)")
            // Nothing of it reached the other tenant.
            #expect(try await Self.refusals(db, tenant: Fixture.otherTenant).isEmpty)
        }
    }

    @Test("refusals are rate-limited per caller: a flood records a bounded number of rows")
    func refusalFloodIsBounded() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            try await withTestApp(db) { client in
                for _ in 0..<100 {
                    try await client.execute(
                        uri: "/api/v1/rankings?fiscal_year=2025", method: .get, headers: APITests.bearer(tokens["staff1"])
                    ) { #expect($0.status == .forbidden) }
                }
            }
            #expect(try await Self.refusals(db).count == 30)
        }
    }

    @Test("a failed dashboard sign-in and a refused page are audited too")
    func dashboardRefusals() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            try await withTestApp(db) { client in
                #expect(
                    try await WebDashboardTests().signIn(
                        client, token: "dxs_\(Fixture.tenant)_000000000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") == nil)
                let browser = try #require(try await WebDashboardTests().signIn(client, token: tokens["staff1"]))
                try await client.execute(uri: "/rankings", method: .get, headers: browser.cookie) {
                    #expect($0.status == .forbidden)
                }
            }
            let rows = try await Self.refusals(db)
            #expect(rows.count == 2, "\(rows)")
            #expect(rows.first?.hasPrefix("POST /signin/token 401 - ") == true, "\(rows)")
            #expect(rows.last?.hasPrefix("GET /rankings 403 staff1 ") == true, "\(rows)")
        }
    }
}
