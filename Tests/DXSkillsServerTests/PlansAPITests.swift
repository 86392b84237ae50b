import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DXSkillsServer

/// Career path templates and plans through the HTTP API.
@Suite("Plans API")
struct PlansAPITests {
    static let template = """
        {"code": "ICT-STD", "name": "情報職標準キャリアパス", "stages": [
          {"name": "基礎期", "years": 3, "placement": "it", "requires": [{"skill": "L-SEC", "level": 2}, {"cert": "FE"}]},
          {"name": "業務経験期", "years": 3, "placement": "business", "requires": [{"cert": "AP"}]}]}
        """

    @Test("hr stores a template and imports a plan; plans and one plan read by scope; a manager may not set")
    func plansThroughAPI() async throws {
        try await withTestDatabase { db in
            let api = APITests()
            let tokens = try await api.setUp(db)
            try await withTestApp(db) { client in
                let json = APITests.bearer(tokens["hr1"]).merging([.contentType: "application/json"])
                try await client.execute(
                    uri: "/api/v1/career-templates", method: .put, headers: json, body: ByteBuffer(string: Self.template)
                ) { response in
                    #expect(response.status == .ok)
                    let body = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect(body["outcome"] as? String == "inserted")
                }
                try await client.execute(
                    uri: "/api/v1/career-templates", method: .put, headers: json, body: ByteBuffer(string: Self.template)
                ) { response in
                    let body = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect(body["outcome"] as? String == "unchanged")
                }
                try await client.execute(
                    uri: "/api/v1/career-templates", method: .put,
                    headers: APITests.bearer(tokens["hr1"]).merging([.contentType: "application/json"]),
                    body: ByteBuffer(
                        string: #"{"code": "X", "name": "x", "stages": [{"name": "a", "years": -1, "placement": "it"}]}"#)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(String(buffer: response.body).contains("stages[0].years: -1 is not a whole number"))
                }
                try await client.execute(
                    uri: "/api/v1/career-templates", method: .put,
                    headers: APITests.bearer(tokens["manager1"]).merging([.contentType: "application/json"]),
                    body: ByteBuffer(string: Self.template)
                ) { #expect($0.status == .forbidden) }
                try await client.execute(
                    uri: "/api/v1/imports/career-plans", method: .post,
                    headers: APITests.bearer(tokens["hr1"]).merging([.contentType: "text/csv"]),
                    body: ByteBuffer(string: "職員番号,キャリアパス,開始日\nE002,ICT-STD,2020-04-01\n")
                ) { response in
                    #expect(response.status == .ok)
                    let summary = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect(summary["inserted"] as? Int == 1)
                }
                // E002 (S2, IT) has no evidence at all: 基礎期 (due 2023-03-31) is behind on both
                // requirements, 業務経験期 (due 2026-03-31) is open, and S2 is not a business unit.
                try await client.execute(
                    uri: "/api/v1/plans?as_of=2025-06-01", method: .get, headers: APITests.bearer(tokens["hr1"])
                ) { response in
                    #expect(response.status == .ok)
                    let plans = try #require(try APITests.json(response.body) as? [[String: Any]])
                    #expect(plans.map { $0["employee_no"] as? String } == ["E002"])
                    #expect(plans.first?["status"] as? String == "behind")
                    let stages = try #require(plans.first?["stages"] as? [[String: Any]])
                    #expect(stages.map { $0["due_on"] as? String } == ["2023-03-31", "2026-03-31"])
                    #expect(stages.map { $0["status"] as? String } == ["behind", "open"])
                    let unmet = try #require(stages.first?["unmet"] as? [[String: Any]])
                    #expect(unmet.count == 2)
                    #expect(unmet.first?["skill"] as? String == "L-SEC")
                    #expect(unmet.first?["reached"] as? Int == 0)
                    #expect(unmet.last?["cert"] as? String == "FE")
                    let warnings = try #require(plans.first?["warnings"] as? [[String: Any]])
                    #expect(warnings.map { $0["reason"] as? String } == ["placement_mismatch"])
                    #expect(warnings.first?["unit_code"] as? String == "S2")
                }
                try await client.execute(
                    uri: "/api/v1/plans?as_of=2025-06-01&status=completed", method: .get,
                    headers: APITests.bearer(tokens["hr1"])
                ) { response in
                    #expect(String(buffer: response.body).filter { !$0.isWhitespace } == "[]")
                }
                let cases: [(String, String, HTTPResponse.Status)] = [
                    ("manager1", "E002", .ok), ("evaluator1", "E002", .notFound), ("staff1", "E002", .notFound),
                    ("hr1", "E404", .notFound),
                ]
                for (user, employee, status) in cases {
                    try await client.execute(
                        uri: "/api/v1/plans/\(employee)?as_of=2025-06-01", method: .get, headers: APITests.bearer(tokens[user])
                    ) { response in
                        #expect(response.status == status, "\(user) → \(employee)")
                    }
                }
                // The other tenant's E002 is its own information-track staff, who has no plan there.
                try await client.execute(
                    uri: "/api/v1/plans/E002?as_of=2025-06-01", method: .get, headers: APITests.bearer(tokens["otherhr"])
                ) { response in
                    let plans = try #require(try APITests.json(response.body) as? [[String: Any]])
                    #expect(plans.map { $0["status"] as? String } == ["no_plan"])
                }
                try await client.execute(
                    uri: "/api/v1/career-templates", method: .get, headers: APITests.bearer(tokens["staff1"])
                ) {
                    response in
                    let templates = try #require(try APITests.json(response.body) as? [[String: Any]])
                    #expect(templates.map { $0["code"] as? String } == ["ICT-STD"])
                }
            }
        }
    }
}
