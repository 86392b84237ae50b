import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import DXSkillsServer

/// The HTTP surface: auth, scope, problem+json, request ids, imports through the API.
@Suite("API")
struct APITests {
    /// The fixture tenant with one user per role and a token each.
    struct Tokens {
        var byUser: [String: String] = [:]
        subscript(_ user: String) -> String { byUser[user]! }
    }

    func setUp(_ db: TestDatabase) async throws -> Tokens {
        try await Fixture.create(db.owner)
        try await Fixture.create(db.owner, tenant: Fixture.otherTenant, name: "別の市")
        let users: [(String, Role, String?, String?, String)] = [
            ("admin1", .admin, nil, nil, Fixture.tenant), ("hr1", .hr, nil, nil, Fixture.tenant),
            ("manager1", .manager, "B1", nil, Fixture.tenant), ("evaluator1", .evaluator, "K2", nil, Fixture.tenant),
            ("staff1", .staff, nil, "E003", Fixture.tenant), ("otherhr", .hr, nil, nil, Fixture.otherTenant),
        ]
        var tokens = Tokens()
        for (name, role, unit, employee, tenant) in users {
            tokens.byUser[name] = try await Fixture.userWithToken(
                name, role: role, unit: unit, employeeNo: employee, tenant: tenant, database: db.owner)
        }
        return tokens
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    static func json(_ buffer: ByteBuffer) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: [.fragmentsAllowed])
    }

    @Test("the OpenAPI document is enforced: 405 with Allow, 400 outside a parameter's limits, 415 for another body type")
    func conformance() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                let auth = Self.bearer(tokens["hr1"])
                try await client.execute(uri: "/api/v1/staff/E001", method: .delete, headers: auth) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                for uri in [
                    "/api/v1/coverage?kind=" + String(repeating: "課", count: 65), "/api/v1/coverage?level=5",
                    "/api/v1/targets/1900/report", "/api/v1/certifications/expiring?within=-1",
                    "/api/v1/rankings?fiscal_year=abc",
                ] {
                    try await client.execute(uri: uri, method: .get, headers: auth) { response in
                        #expect(response.status == .badRequest, "\(uri)")
                    }
                }
                try await client.execute(
                    uri: "/api/v1/imports/units", method: .post, headers: auth.merging([.contentType: "text/plain"]),
                    body: ByteBuffer(string: Fixture.unitsCSV)
                ) { response in
                    #expect(response.status == .unsupportedMediaType)
                }
            }
        }
    }

    @Test("health, readiness and the OpenAPI document need no token; /metrics is closed unless configured (MetricsTests)")
    func openEndpoints() async throws {
        try await withTestDatabase { db in
            try await withTestApp(db) { client in
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).hasPrefix("openapi: \"3.1.0\""))
                }
            }
        }
    }

    @Test("no token, a malformed, revoked, expired or other-tenant token is 401 problem+json with no data")
    func unauthorized() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            let revoked = tokens["hr1"]
            let tokenID = TokenStore.parse(revoked)!.tokenID
            try await db.owner.transaction(Fixture.context()) { connection in
                try await TokenStore.revoke(tokenID: tokenID, connection: connection, logger: db.owner.logger)
            }
            // An expired token; and hr1's own token with the other tenant's code put in front.
            let expired = tokens["admin1"]
            try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.run(
                    "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_id = \(TokenStore.parse(expired)!.tokenID)",
                    logger: db.owner.logger)
            }
            let foreign = tokens["manager1"].replacingOccurrences(
                of: "dxs_\(Fixture.tenant)_", with: "dxs_\(Fixture.otherTenant)_")
            try await withTestApp(db) { client in
                for headers: HTTPFields in [
                    [:], Self.bearer("nonsense"), Self.bearer(revoked), [.authorization: "Basic eDp5"], Self.bearer(expired),
                    Self.bearer(foreign),
                ] {
                    try await client.execute(uri: "/api/v1/staff", method: .get, headers: headers) { response in
                        #expect(response.status == .unauthorized)
                        #expect(response.headers[.contentType] == "application/problem+json")
                        let body = String(buffer: response.body)
                        #expect(!body.contains("E001"))
                        #expect(body.contains("\"status\":401"))
                    }
                }
            }
        }
    }

    @Test("every response carries a request id; a sane caller-given one is kept")
    func requestID() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                var headers = Self.bearer(tokens["hr1"])
                headers[.xRequestID] = "abc-123"
                try await client.execute(uri: "/api/v1/me", method: .get, headers: headers) { response in
                    #expect(response.headers[.xRequestID] == "abc-123")
                }
                try await client.execute(uri: "/api/v1/nowhere", method: .get) { response in
                    #expect(response.headers[.xRequestID]?.isEmpty == false)
                }
            }
        }
    }

    @Test("headcount JSON for hr, and for a manager its subtree only")
    func headcountByRole() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                try await client.execute(
                    uri: "/api/v1/headcount?as_of=2025-04-01", method: .get, headers: Self.bearer(tokens["hr1"])
                ) { response in
                    #expect(response.status == .ok)
                    let lines = try #require(try Self.json(response.body) as? [[String: Any]])
                    #expect(lines.map { $0["unit_code"] as? String } == ["K1", "B1", "S1", "S2", "K2", "S3"])
                    #expect(lines.map { $0["headcount"] as? Int } == [4, 4, 1, 2, 0, 0])
                }
                try await client.execute(
                    uri: "/api/v1/headcount?as_of=2025-04-01", method: .get, headers: Self.bearer(tokens["manager1"])
                ) { response in
                    let lines = try #require(try Self.json(response.body) as? [[String: Any]])
                    #expect(lines.map { $0["unit_code"] as? String } == ["B1", "S1", "S2"])
                }
                try await client.execute(
                    uri: "/api/v1/headcount?unit=S3", method: .get, headers: Self.bearer(tokens["manager1"])
                ) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                try await client.execute(
                    uri: "/api/v1/headcount?as_of=2025-02-30", method: .get, headers: Self.bearer(tokens["hr1"])
                ) { response in
                    #expect(response.status == .badRequest)
                }
            }
        }
    }

    @Test("out-of-scope and other-tenant staff are 404 alike; staff see only themselves")
    func staffScope() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                let cases: [(String, String, HTTPResponse.Status)] = [
                    ("manager1", "E002", .ok), ("manager1", "E005", .notFound), ("evaluator1", "E006", .ok),
                    ("evaluator1", "E001", .notFound), ("staff1", "E003", .ok), ("staff1", "E001", .notFound),
                    ("otherhr", "E001", .ok), ("hr1", "E404", .notFound),
                ]
                for (user, employee, status) in cases {
                    try await client.execute(
                        uri: "/api/v1/staff/\(employee)?as_of=2025-06-01", method: .get, headers: Self.bearer(tokens[user])
                    ) { response in
                        #expect(response.status == status, "\(user) → \(employee)")
                    }
                }
                // The other tenant's hr reads its own E001, never ours: the names differ only by tenant data.
                try await client.execute(uri: "/api/v1/staff", method: .get, headers: Self.bearer(tokens["staff1"])) {
                    #expect($0.status == .forbidden)
                }
            }
        }
    }

    @Test("an import through the API: bad rows are 422 with every error and nothing written; hr only")
    func importThroughAPI() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                let bad = "code,name,kind,parent_code,valid_from\nX1,,課,K1,2025-04-01\nX2,y,課,NOPE,R7.4.1\n"
                try await client.execute(
                    uri: "/api/v1/imports/units", method: .post,
                    headers: Self.bearer(tokens["hr1"]).merging([.contentType: "text/csv"]),
                    body: ByteBuffer(string: bad)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let problem = try #require(try Self.json(response.body) as? [String: Any])
                    let errors = try #require(problem["errors"] as? [[String: Any]])
                    #expect(errors.map { $0["line"] as? Int } == [2])
                    #expect(problem["request_id"] as? String != nil)
                }
                let good = "code,name,kind,parent_code,valid_from\nS5,広報課,課,B1,2025-04-01\n"
                try await client.execute(
                    uri: "/api/v1/imports/units?dry_run=true", method: .post,
                    headers: Self.bearer(tokens["hr1"]).merging([.contentType: "text/csv"]), body: ByteBuffer(string: good)
                ) { response in
                    let summary = try #require(try Self.json(response.body) as? [String: Any])
                    #expect(summary["inserted"] as? Int == 1)
                    #expect(summary["dry_run"] as? Bool == true)
                }
                try await client.execute(
                    uri: "/api/v1/imports/units", method: .post,
                    headers: Self.bearer(tokens["manager1"]).merging([.contentType: "text/csv"]), body: ByteBuffer(string: good)
                ) { response in
                    #expect(response.status == .forbidden)
                }
            }
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM units") == 7)
        }
    }

    @Test("an API write is audited with the user and the request id")
    func auditedWrite() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                var headers = Self.bearer(tokens["hr1"])
                headers[.contentType] = "text/csv"
                headers[.xRequestID] = "import-1"
                try await client.execute(
                    uri: "/api/v1/imports/units", method: .post, headers: headers,
                    body: ByteBuffer(string: "code,name,kind,parent_code,valid_from\nS5,広報課,課,B1,2025-04-01\n")
                ) { #expect($0.status == .ok) }
            }
            let audit = try await db.owner.strings(
                Fixture.context(), "SELECT actor || ' ' || request_id FROM audit_log WHERE key->>'code' = 'S5'")
            #expect(audit == ["hr1 import-1"])
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var copy = self
        for field in other { copy[field.name] = field.value }
        return copy
    }
}

@Suite("API over a real socket")
struct LiveAPITests {
    @Test("the service answers over HTTP on a real port")
    func live() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let token = try await Fixture.userWithToken("hr1", role: .hr, database: db.owner)
            let router = try buildRouter(database: db.app, registry: PrometheusCollectorRegistry())
            var logger = Logger(label: "live-test")
            logger.logLevel = .error
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
            try await app.test(.live) { client in
                try await client.execute(
                    uri: "/api/v1/headcount?unit=B1&as_of=2025-04-01", method: .get, headers: [.authorization: "Bearer \(token)"]
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    #expect(String(buffer: response.body).contains("\"headcount\":4"))
                }
            }
        }
    }
}
