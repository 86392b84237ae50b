import AsyncHTTPClient
import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
import Testing

@testable import DXSkillsServer

/// `/metrics`: closed by default, on a listener of its own or behind a token; and dxskills' own
/// counters, read back from the exposition text of a scrape (reference "Metrics").
@Suite("Metrics")
struct MetricsTests {
    static let token = "metrics-token-0123456789abcdef"

    /// The samples of a Prometheus text exposition: `name{label="value",…}` with the labels sorted, to its value.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            let series = line[..<space]
            guard let open = series.firstIndex(of: "{") else {
                samples[String(series)] = value
                continue
            }
            let labels = series[series.index(after: open)..<series.index(before: series.endIndex)]
                .split(separator: ",").sorted().joined(separator: ",")
            samples["\(series[..<open]){\(labels)}"] = value
        }
        return samples
    }

    static func key(_ name: String, _ labels: KeyValuePairs<String, String>) -> String {
        "\(name){\(labels.map { "\($0.key)=\"\($0.value)\"" }.sorted().joined(separator: ","))}"
    }

    static func scrape(_ client: some TestClientProtocol) async throws -> [String: Double] {
        try await client.execute(uri: "/metrics", method: .get, headers: APITests.bearer(token)) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            return samples(String(buffer: response.body))
        }
    }

    @Test("with neither setting /metrics is closed: 404 on the main listener")
    func closedByDefault() async throws {
        try await withTestDatabase { db in
            try await withTestApp(db) { client in
                try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/metrics", method: .get, headers: APITests.bearer(Self.token)) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    @Test("with a token /metrics needs it: none or a wrong one is 401 and audited without the token; the token serves it")
    func token() async throws {
        try await withTestDatabase { db in
            try await withTestApp(db, metrics: .init(token: Self.token)) { client in
                for headers: HTTPFields in [
                    [:], APITests.bearer("wrong-token-0123456789abcdef"), APITests.bearer(Self.token + "x"),
                    APITests.bearer(String(Self.token.dropLast())), [.authorization: "Basic \(Self.token)"],
                ] {
                    try await client.execute(uri: "/metrics", method: .get, headers: headers) { response in
                        #expect(response.status == .unauthorized, "\(headers)")
                        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                        #expect(!String(buffer: response.body).contains("dxskills_"))
                    }
                }
                try await client.execute(uri: "/metrics", method: .get, headers: APITests.bearer(Self.token)) { response in
                    #expect(response.status == .ok)
                    let text = String(buffer: response.body)
                    #expect(text.contains("# TYPE dxskills_imports_total counter"))
                    #expect(text.contains("# HELP dxskills_sign_ins_total "))
                }
                try await client.execute(
                    uri: "/metrics", method: .get, headers: [.authorization: "bearer  \(Self.token) "]
                ) { #expect($0.status == .ok) }
            }
            let refusals = try await RefusalAuditTests.refusals(db, tenant: "-")
            #expect(
                refusals == [
                    "GET /metrics 401 - metrics scrape without a token",
                    "GET /metrics 401 - metrics scrape with a wrong token",
                    "GET /metrics 401 - metrics scrape with a wrong token",
                    "GET /metrics 401 - metrics scrape with a wrong token",
                    "GET /metrics 401 - metrics scrape with a wrong token",
                ])
            #expect(!refusals.joined().contains(Self.token.prefix(16)))
        }
    }

    @Test("with a metrics address the main router has no /metrics; the metrics router has /metrics and /healthz only")
    func ownAddress() async throws {
        try await withTestDatabase { db in
            let registry = PrometheusCollectorRegistry()
            let address = MetricsSettings.Address(host: "127.0.0.1", port: 9464)
            // The token too: the main listener still has no /metrics.
            for settings in [MetricsSettings(address: address), MetricsSettings(address: address, token: Self.token)] {
                try await withTestApp(db, metrics: settings, registry: registry) { client in
                    try await client.execute(uri: "/metrics", method: .get, headers: APITests.bearer(Self.token)) {
                        #expect($0.status == .notFound)
                    }
                }
            }
            var logger = Logger(label: "metrics-test")
            logger.logLevel = .error
            let open = buildMetricsRouter(token: nil, registry: registry, database: db.app, logger: logger)
            try await Application(router: open, logger: logger).test(.router) { client in
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("# TYPE dxskills_claim_transitions_total counter"))
                }
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                for uri in ["/readyz", "/api/v1/openapi.yaml", "/api/v1/staff", "/signin", "/"] {
                    try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
                }
            }
            // Both settings: the listener of its own asks for the token too.
            let guarded = buildMetricsRouter(token: Self.token, registry: registry, database: db.app, logger: logger)
            try await Application(router: guarded, logger: logger).test(.router) { client in
                try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: "/metrics", method: .get, headers: APITests.bearer(Self.token)) {
                    #expect($0.status == .ok)
                }
            }
        }
    }

    @Test("serve with a metrics address: two listeners in one service group, /metrics only on the second; both stop together")
    func twoListeners() async throws {
        try await withTestDatabase { db in
            var logger = Logger(label: "metrics-test")
            logger.logLevel = .error
            let (port, metricsPort) = (try unusedPort(), try unusedPort())
            // A pool of its own: the application runs its client as one of its services.
            let database = try Database(url: db.appURL, logger: logger, maximumConnections: 2)
            let app = try buildApplication(
                configuration: .init(
                    port: port, metrics: .init(address: .init(host: "127.0.0.1", port: metricsPort))),
                database: database, registry: PrometheusCollectorRegistry(), logger: logger)
            let group = ServiceGroup(services: [app], logger: logger)
            let http = HTTPClient.shared
            func status(_ port: Int, _ path: String) async -> Int? {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
                request.method = .GET
                return try? await Int(http.execute(request, timeout: .seconds(5)).status.code)
            }
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var up = false
                for _ in 0..<100 where !up {
                    let (metrics, main) = (await status(metricsPort, "/healthz"), await status(port, "/healthz"))
                    up = metrics == 200 && main == 200
                    if !up { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(up)
                #expect(await status(metricsPort, "/metrics") == 200)
                #expect(await status(metricsPort, "/api/v1/openapi.yaml") == 404)
                #expect(await status(port, "/metrics") == 404)
                #expect(await status(port, "/api/v1/openapi.yaml") == 200)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(!Self.accepts(metricsPort) && !Self.accepts(port))
        }
    }

    /// Whether something accepts a TCP connection on the loopback port.
    static func accepts(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { _ = close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    @Test("the same address for the service and its metrics is refused before anything listens")
    func sameAddress() async throws {
        try await withTestDatabase { db in
            #expect(throws: DXSkillsError.self) {
                _ = try buildApplication(
                    configuration: .init(port: 8080, metrics: .init(address: .init(host: "127.0.0.1", port: 8080))),
                    database: db.app, registry: PrometheusCollectorRegistry(), logger: Logger(label: "metrics-test"))
            }
        }
    }

    @Test(
        "DXSKILLS_METRICS_ADDRESS and DXSKILLS_METRICS_TOKEN: what is accepted; a bad value is an error in English and Japanese")
    func settings() throws {
        #expect(try MetricsSettings(environment: [:]) == .closed)
        #expect(try MetricsSettings(environment: ["DXSKILLS_METRICS_ADDRESS": "", "DXSKILLS_METRICS_TOKEN": ""]) == .closed)
        for (text, host, port) in [
            ("127.0.0.1:9464", "127.0.0.1", 9464), ("[::1]:9464", "::1", 9464), ("metrics.local:1", "metrics.local", 1),
            ("0.0.0.0:65535", "0.0.0.0", 65535),
        ] {
            #expect(try MetricsSettings.address(text) == .init(host: host, port: port))
        }
        for text in [
            "9464", ":9464", "host:", "host:0", "host:65536", "host:abc", "host:+1", "::1:9464", "[::1]9464", "[]:1",
            "a b:1", "http://host:1",
        ] {
            do {
                _ = try MetricsSettings(environment: ["DXSKILLS_METRICS_ADDRESS": text])
                Issue.record("\(text) was accepted")
            } catch let error as DXSkillsError {
                #expect(error.category == .badRequest)
                #expect(error.description.contains("DXSKILLS_METRICS_ADDRESS must be host:port"))
                #expect(error.text(.ja).contains("指定してください"))
            }
        }
        let sixteen = "0123456789abcdef"
        #expect(try MetricsSettings(environment: ["DXSKILLS_METRICS_TOKEN": sixteen]) == .init(token: sixteen))
        for text in [String(sixteen.dropLast()), "0123456789 abcdef", "0123456789abcdeé", "secret"] {
            do {
                _ = try MetricsSettings(environment: ["DXSKILLS_METRICS_TOKEN": text])
                Issue.record("\(text) was accepted")
            } catch let error as DXSkillsError {
                #expect(error.description.contains("at least 16"))
                #expect(error.text(.ja).contains("16 文字以上"))
                #expect(!error.description.contains(text) && !error.text(.ja).contains(text))
            }
        }
        // Where /metrics is, as the start-up line says it: never the token.
        let both = MetricsSettings(address: .init(host: "::1", port: 9464), token: Self.token)
        #expect("\(both)" == "own listener http://[::1]:9464, bearer token required")
        #expect(!String(reflecting: both).contains(Self.token))
        #expect("\(MetricsSettings(token: Self.token))" == "main listener, bearer token required")
    }

    @Test("imports, sign-ins and claim transitions are counted with their labels, once committed; refusals and dry runs are not")
    func counters() async throws {
        try await withTestDatabase { db in
            let tokens = try await SignInTests().setUp(db)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            let registry = PrometheusCollectorRegistry()
            try await withTestApp(db, metrics: .init(token: Self.token), registry: registry) { client in
                let before = try await Self.scrape(client)
                // Every series is there from the start, at 0.
                #expect(before[Self.key("dxskills_imports_total", ["kind": "units", "outcome": "applied"])] == 0)
                #expect(before[Self.key("dxskills_import_rows_total", ["kind": "roles", "change": "unchanged"])] == 0)
                #expect(before[Self.key("dxskills_sign_ins_total", ["method": "oidc", "outcome": "failed"])] == 0)
                #expect(before[Self.key("dxskills_claim_transitions_total", ["to_state": "withdrawn"])] == 0)
                #expect(before.keys.filter { $0.hasPrefix("dxskills_imports_total{") }.count == ImportKind.allCases.count * 3)

                // Imports: one applied (a new unit, a renamed one, the rest unchanged), one invalid,
                // a dry run and one refused for the role (neither counted).
                let csv: HTTPFields = [.contentType: "text/csv"]
                func importUnits(_ body: String, as user: String, query: String = "") async throws
                    -> (HTTPResponse.Status, [String: Any])
                {
                    try await client.execute(
                        uri: "/api/v1/imports/units\(query)", method: .post,
                        headers: APITests.bearer(tokens[user]).merging(csv), body: ByteBuffer(string: body)
                    ) { ($0.status, (try? APITests.json($0.body) as? [String: Any]) ?? [:]) }
                }
                let units =
                    Fixture.unitsCSV.replacingOccurrences(of: "S3,市民課", with: "S3,市民窓口課")
                    + "S5,新設課,課,K2,2025-04-01,,false\n"
                let (applied, summary) = try await importUnits(units, as: "hr1")
                #expect(applied == .ok)
                #expect(summary["inserted"] as? Int == 1)
                #expect(summary["updated"] as? Int == 1)
                #expect(summary["unchanged"] as? Int == 6)
                let (invalid, _) = try await importUnits(
                    "code,name,kind,parent_code,valid_from,valid_to,it_department\nS6,課,課,NOPE,2025-04-01,,false\n",
                    as: "hr1")
                #expect(invalid == .unprocessableContent)
                let (dryRun, _) = try await importUnits(units, as: "hr1", query: "?dry_run=true")
                #expect(dryRun == .ok)
                let (forbidden, _) = try await importUnits(units, as: "staff1")
                #expect(forbidden == .forbidden)

                // Sign-ins: a wrong and a right password for a personal token, a wrong password on the
                // dashboard, a right and a wrong API token on the dashboard.
                let json: HTTPFields = [.contentType: "application/json"]
                for (password, status) in [
                    ("wrong password", HTTPResponse.Status.unauthorized), (SignInTests.password, .created),
                ] {
                    try await client.execute(
                        uri: "/api/v1/auth/token", method: .post, headers: json,
                        body: ByteBuffer(string: #"{"tenant":"999991","user":"pw1","password":"\#(password)"}"#)
                    ) { #expect($0.status == status) }
                }
                let web = WebDashboardTests()
                #expect(try await web.signInAnswer(client, user: "pw1", password: "also wrong").status == .unauthorized)
                #expect(try await web.signIn(client, token: tokens["hr1"]) != nil)
                #expect(try await web.signIn(client, token: tokens["hr1"] + "x") == nil)

                // Claims: submitted, approved, confirmed; a second approval is a 409, not counted.
                let id = try await client.execute(
                    uri: "/api/v1/claims", method: .post, headers: ClaimsAPITests.headers(tokens["staff1"]),
                    body: ClaimsAPITests.claimBody(ClaimsAPITests.png)
                ) { response in
                    #expect(response.status == .created)
                    return try #require(try APITests.json(response.body) as? [String: Any])["id"] as? Int
                }
                let claim = try #require(id)
                for (step, user, status) in [
                    ("approve", "manager1", HTTPResponse.Status.ok), ("approve", "manager1", .conflict), ("confirm", "hr1", .ok),
                ] {
                    try await client.execute(
                        uri: "/api/v1/claims/\(claim)/\(step)", method: .post, headers: APITests.bearer(tokens[user])
                    ) { #expect($0.status == status, "\(step)") }
                }

                let after = try await Self.scrape(client)
                func count(_ name: String, _ labels: KeyValuePairs<String, String>) -> Double? {
                    after[Self.key(name, labels)]
                }
                #expect(count("dxskills_imports_total", ["kind": "units", "outcome": "applied"]) == 1)
                #expect(count("dxskills_imports_total", ["kind": "units", "outcome": "invalid"]) == 1)
                #expect(count("dxskills_imports_total", ["kind": "units", "outcome": "failed"]) == 0)
                #expect(count("dxskills_import_rows_total", ["kind": "units", "change": "inserted"]) == 1)
                #expect(count("dxskills_import_rows_total", ["kind": "units", "change": "updated"]) == 1)
                #expect(count("dxskills_import_rows_total", ["kind": "units", "change": "unchanged"]) == 6)
                #expect(count("dxskills_sign_ins_total", ["method": "local", "outcome": "failed"]) == 2)
                #expect(count("dxskills_sign_ins_total", ["method": "local", "outcome": "succeeded"]) == 1)
                #expect(count("dxskills_sign_ins_total", ["method": "token", "outcome": "succeeded"]) == 1)
                #expect(count("dxskills_sign_ins_total", ["method": "token", "outcome": "failed"]) == 1)
                #expect(count("dxskills_sign_ins_total", ["method": "ldap", "outcome": "failed"]) == 0)
                #expect(count("dxskills_claim_transitions_total", ["to_state": "submitted"]) == 1)
                #expect(count("dxskills_claim_transitions_total", ["to_state": "approved"]) == 1)
                #expect(count("dxskills_claim_transitions_total", ["to_state": "confirmed"]) == 1)
                #expect(count("dxskills_claim_transitions_total", ["to_state": "returned"]) == 0)
                // Nothing else moved: the sum of every dxskills series is the sum of the above.
                let total = after.filter { $0.key.hasPrefix("dxskills_") && !$0.key.hasPrefix("dxskills_refusals") }
                    .values.reduce(0, +)
                #expect(total == 1 + 1 + 1 + 1 + 6 + 2 + 1 + 1 + 1 + 1 + 1 + 1)
            }
        }
    }
}
