import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DXSkillsServer

/// 自己診断 through HTTP, on RankingFixture: one's own only, counted nowhere, endorsed by a manager in scope.
@Suite("Self-assessment API")
struct SelfAssessmentAPITests {
    func setUp(_ db: TestDatabase) async throws -> [String: String] {
        try await RankingFixture.create(db.owner)
        let users: [(String, Role, String?, String?)] = [
            ("hr1", .hr, nil, nil), ("manager1", .manager, "B1", "E007"), ("manager2", .manager, "K2", "E006"),
            ("staff3", .staff, nil, "E003"), ("staff2", .staff, nil, "E002"),
        ]
        var tokens: [String: String] = [:]
        for (name, role, unit, employee) in users {
            tokens[name] = try await Fixture.userWithToken(name, role: role, unit: unit, employeeNo: employee, database: db.owner)
        }
        return tokens
    }

    static func headers(_ token: String?) -> HTTPFields {
        [.authorization: "Bearer \(token ?? "")", .contentType: "application/json"]
    }

    static func put(_ client: any TestClientProtocol, _ token: String?, skill: String, _ body: String) async throws
        -> (HTTPResponse.Status, String)
    {
        try await client.execute(
            uri: "/api/v1/me/self-assessments/\(skill)", method: .put, headers: headers(token), body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body)) }
    }

    static func get(_ client: any TestClientProtocol, _ token: String?, _ uri: String) async throws
        -> (HTTPResponse.Status, String)
    {
        try await client.execute(uri: uri, method: .get, headers: headers(token)) { ($0.status, String(buffer: $0.body)) }
    }

    static func post(_ client: any TestClientProtocol, _ token: String?, _ uri: String) async throws
        -> (HTTPResponse.Status, String)
    {
        try await client.execute(uri: uri, method: .post, headers: headers(token)) { ($0.status, String(buffer: $0.body)) }
    }

    /// Any JSON value as canonical text (sorted keys), to compare exactly.
    static func canonical(_ value: Any?) -> String {
        guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        else { return "nil" }
        return String(decoding: data, as: UTF8.self)
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test(
        "one's own self-assessment: inserted, unchanged, updated; shown beside Level on マイページ and in staff show; bad input refused"
    )
    func setOwn() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                // act
                var outcomes: [String] = []
                for level in [4, 4, 3] {
                    let (status, body) = try await Self.put(
                        client, tokens["staff3"], skill: "L-DATA", #"{"level": \#(level), "on": "2026-02-01"}"#)
                    #expect(status == .ok)
                    outcomes.append(Self.object(body)["outcome"] as? String ?? body)
                }
                // assert: E003 has no L-DATA evidence, so Level 0 beside the self-assessment 3.
                #expect(outcomes == ["inserted", "unchanged", "updated"])
                let (_, page) = try await Self.get(client, tokens["staff3"], "/api/v1/me/page?as_of=2026-03-01")
                let skills = Self.object(page)["skills"] as? [[String: Any]] ?? []
                let data = skills.first { $0["skill_code"] as? String == "L-DATA" }
                #expect(data?["level"] as? Int == 0)
                #expect(Self.canonical(data?["self_assessment"]) == #"{"level":3,"on":"2026-02-01"}"#)
                // Before the day, nothing.
                let (_, earlier) = try await Self.get(client, tokens["staff3"], "/api/v1/me/page?as_of=2026-01-31")
                #expect(!earlier.contains("self_assessment"))
                // The manager in scope sees it in staff show.
                let (_, shown) = try await Self.get(client, tokens["manager1"], "/api/v1/staff/E003?as_of=2026-03-01")
                #expect(
                    Self.canonical(Self.object(shown)["self_assessments"])
                        == #"[{"level":3,"on":"2026-02-01","skill_code":"L-DATA"}]"#)
                // Bad input: nothing written.
                let refusals: [(String?, String, String, HTTPResponse.Status)] = [
                    (tokens["staff3"], "L-DATA", #"{"level": 5}"#, .unprocessableContent),
                    (tokens["staff3"], "L-DATA", #"{"level": -1}"#, .unprocessableContent),
                    (tokens["staff3"], "L-DATA", #"{"level": 1, "on": "2999-01-01"}"#, .unprocessableContent),
                    (tokens["staff3"], "NOPE", #"{"level": 1}"#, .notFound),
                    (tokens["hr1"], "L-DATA", #"{"level": 1}"#, .notFound),
                ]
                for (token, skill, body, status) in refusals {
                    let (got, text) = try await Self.put(client, token, skill: skill, body)
                    #expect(got == status, "\(skill) \(body): \(text)")
                }
                let rows = try await db.owner.strings(
                    Fixture.context(),
                    "SELECT employee_no || ' ' || skill_code || ' ' || assessed_on || ' ' || level FROM self_assessments")
                #expect(rows == ["E003 L-DATA 2026-02-01 3"])
                let audited = try await db.owner.strings(
                    Fixture.context(), "SELECT action FROM audit_log WHERE entity = 'self_assessments' ORDER BY id")
                #expect(audited == ["insert", "update"])
            }
        }
    }

    @Test("self-assessments count nowhere: coverage, targets, rankings and Level are the same before and after")
    func countedNowhere() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                // setup: targets on every skill the self-assessments below would raise
                let targets = #"""
                    {"fiscal_year": 2025, "targets": [
                      {"type": "skill_count", "skill": "L-DATA", "level": 1, "min": 3},
                      {"type": "skill_ratio", "skill": "P-DS", "level": 3, "min_ratio": 0.5, "unit_kind": "課"}]}
                    """#
                try await client.execute(
                    uri: "/api/v1/targets", method: .put, headers: Self.headers(tokens["hr1"]), body: ByteBuffer(string: targets)
                ) { #expect($0.status == .noContent || $0.status == .ok) }
                let reads = [
                    "/api/v1/coverage?skill=L-DATA&level=1&as_of=2026-03-31",
                    "/api/v1/coverage?skill=P-DS&level=3&as_of=2026-03-31",
                    "/api/v1/targets/2025/report?as_of=2026-03-31",
                    "/api/v1/rankings?fiscal_year=2025&as_of=2026-03-31",
                ]
                var before: [String] = []
                for uri in reads { before.append(try await Self.get(client, tokens["hr1"], uri).1) }
                let levelsBefore = try await db.owner.strings(
                    Fixture.context(), "SELECT employee_no || skill_code || level FROM skill_levels('2026-03-31') ORDER BY 1")
                // act: everyone who can rates themselves 4 in every skill
                for user in ["staff3", "staff2", "manager1", "manager2"] {
                    for skill in ["L-DATA", "L-SEC", "L-TECH", "P-DS"] {
                        let (status, _) = try await Self.put(
                            client, tokens[user], skill: skill, #"{"level": 4, "on": "2025-04-01"}"#)
                        #expect(status == .ok)
                    }
                }
                // assert
                var after: [String] = []
                for uri in reads { after.append(try await Self.get(client, tokens["hr1"], uri).1) }
                #expect(after.count == 4 && after.allSatisfy { !$0.contains("\"status\":4") && !$0.contains("not found") })
                // The request ids differ; nothing else may.
                #expect(after == before)
                let levelsAfter = try await db.owner.strings(
                    Fixture.context(), "SELECT employee_no || skill_code || level FROM skill_levels('2026-03-31') ORDER BY 1")
                #expect(levelsAfter == levelsBefore)
                let written = try await db.owner.strings(Fixture.context(), "SELECT count(*)::text FROM self_assessments")
                #expect(written == ["16"])
            }
        }
    }

    @Test(
        "a manager in scope endorses: an assessment with the manager as assessor, and Level follows; out of scope 404, one's own 403"
    )
    func endorse() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                // setup
                _ = try await Self.put(client, tokens["staff3"], skill: "L-DATA", #"{"level": 3, "on": "2025-04-01"}"#)
                _ = try await Self.put(client, tokens["manager1"], skill: "L-DATA", #"{"level": 4, "on": "2025-04-01"}"#)
                _ = try await Self.put(client, tokens["staff3"], skill: "L-TECH", #"{"level": 0, "on": "2025-04-01"}"#)
                let refusals: [(String, String, HTTPResponse.Status)] = [
                    ("manager2", "/api/v1/staff/E003/self-assessments/L-DATA/endorse", .notFound),  // E003 is in S2, not K2
                    ("manager1", "/api/v1/staff/E007/self-assessments/L-DATA/endorse", .forbidden),  // one's own
                    ("staff2", "/api/v1/staff/E003/self-assessments/L-DATA/endorse", .forbidden),
                    ("hr1", "/api/v1/staff/E003/self-assessments/L-DATA/endorse", .forbidden),
                    ("manager1", "/api/v1/staff/E003/self-assessments/L-SEC/endorse", .notFound),  // none to endorse
                    ("manager1", "/api/v1/staff/E003/self-assessments/L-TECH/endorse", .unprocessableContent),  // 0
                ]
                for (user, uri, status) in refusals {
                    let (got, body) = try await Self.post(client, tokens[user], uri)
                    #expect(got == status, "\(user) \(uri): \(body)")
                }
                #expect(
                    try await db.owner.strings(Fixture.context(), "SELECT count(*)::text FROM assessments") == ["1"])
                // act
                let (status, body) = try await Self.post(
                    client, tokens["manager1"], "/api/v1/staff/E003/self-assessments/L-DATA/endorse")
                // assert
                let today = Day.today().description
                #expect(status == .created)
                #expect(
                    Self.canonical(Self.object(body))
                        == #"{"assessed_on":"\#(today)","assessor":"E007","employee_no":"E003","level":3,"skill_code":"L-DATA"}"#)
                let rows = try await db.owner.strings(
                    Fixture.context(),
                    "SELECT employee_no || ' ' || skill_code || ' ' || level || ' ' || assessed_on || ' ' || assessor FROM assessments ORDER BY 1"
                )
                #expect(rows == ["E003 L-DATA 3 \(today) E007", "E003 L-SEC 3 2025-10-01 E001"])
                let (_, page) = try await Self.get(client, tokens["staff3"], "/api/v1/me/page")
                let data = (Self.object(page)["skills"] as? [[String: Any]])?.first { $0["skill_code"] as? String == "L-DATA" }
                #expect(data?["level"] as? Int == 3)
                // The same day again collides with the assessment just written.
                let (again, _) = try await Self.post(
                    client, tokens["manager1"], "/api/v1/staff/E003/self-assessments/L-DATA/endorse")
                #expect(again == .unprocessableContent)
            }
        }
    }
}
