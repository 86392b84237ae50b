import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import DXSkillsServer

/// Criteria, ratings and rankings through HTTP, on RankingFixture (totals worked out in RankingTests).
@Suite("Evaluation API")
struct EvaluationAPITests {
    func setUp(_ db: TestDatabase) async throws -> [String: String] {
        try await RankingFixture.create(db.owner)
        let users: [(String, Role, String?, String?)] = [
            ("hr1", .hr, nil, nil), ("manager1", .manager, "K1", nil), ("evaluator1", .evaluator, "S2", "E007"),
            ("staff1", .staff, nil, "E003"),
        ]
        var tokens: [String: String] = [:]
        for (name, role, unit, employee) in users {
            tokens[name] = try await Fixture.userWithToken(name, role: role, unit: unit, employeeNo: employee, database: db.owner)
        }
        return tokens
    }

    static func bearer(_ token: String?) -> HTTPFields { [.authorization: "Bearer \(token ?? "")"] }

    @Test("rankings JSON: totals as strings, ranks, percentiles with 6 decimals, scores per item")
    func rankingsJSON() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                try await client.execute(
                    uri: "/api/v1/rankings?fiscal_year=2025&as_of=2026-03-31", method: .get, headers: Self.bearer(tokens["hr1"])
                ) { response in
                    #expect(response.status == .ok)
                    let body = try #require(
                        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                    let lines = try #require(body["lines"] as? [[String: Any]])
                    #expect(lines.map { $0["employee_no"] as? String } == ["E002", "E007", "E001", "E003", "E006"])
                    #expect(lines.map { $0["total"] as? String } == ["65.38", "65.38", "60.92", "15.63", nil])
                    #expect(lines.map { $0["rank"] as? Int } == [1, 1, 3, 4, nil])
                    #expect(lines.map { $0["percentile"] as? String } == ["0.000000", "0.000000", "0.666667", "1.000000", nil])
                    #expect(lines.last?["incomplete"] as? Bool == true)
                    #expect(body["as_of"] as? String == "2026-03-31")
                }
                // The default day is min(today, FY end), with today pinned: after FY2025, and within it.
                for (today, asOf) in [("2026-06-01", "2026-03-31"), ("2026-03-31", "2026-03-31"), ("2026-02-01", "2026-02-01")] {
                    try await Day.$pinnedToday.withValue(Day(iso: today)!) {
                        try await client.execute(
                            uri: "/api/v1/rankings?fiscal_year=2025&group=局", method: .get,
                            headers: Self.bearer(tokens["hr1"])
                        ) { response in
                            #expect(response.status == .ok)
                            let body =
                                try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                            #expect(body?["as_of"] as? String == asOf, "today \(today)")
                            #expect((body?["lines"] as? [[String: Any]])?.first?["group"] as? String == "K1")
                        }
                    }
                }
            }
        }
    }

    @Test("evaluators see their subtree, 404 outside it; manager and staff are 403")
    func rankingsScope() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                try await client.execute(
                    uri: "/api/v1/rankings?fiscal_year=2025&as_of=2026-03-31", method: .get,
                    headers: Self.bearer(tokens["evaluator1"])
                ) { response in
                    #expect(response.status == .ok)
                    let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                    #expect((body?["lines"] as? [[String: Any]])?.map { $0["employee_no"] as? String } == ["E002", "E003"])
                }
                try await client.execute(
                    uri: "/api/v1/rankings?fiscal_year=2025&unit=S1", method: .get, headers: Self.bearer(tokens["evaluator1"])
                ) { response in
                    #expect(response.status == .notFound)
                    #expect(!String(buffer: response.body).contains("E001"))
                }
                for user in ["manager1", "staff1"] {
                    for path in ["/api/v1/rankings?fiscal_year=2025", "/api/v1/rankings/export?fiscal_year=2025"] {
                        try await client.execute(uri: path, method: .get, headers: Self.bearer(tokens[user])) { response in
                            #expect(response.status == .forbidden, "\(user) \(path)")
                            #expect(!String(buffer: response.body).contains("65.38"))
                        }
                    }
                }
            }
        }
    }

    @Test("CSV export: UTF-8 with BOM by default; Shift_JIS refusal is 422, replacement sends warnings")
    func export() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await Fixture.load(
                .staff,
                """
                employee_no,name,kana,job_track,employment_type,grade,unit_code,assigned_from,hired_on,retired_on
                E008,𠮷田　八郎,ヨシダ,general,regular,主事,S3,2025-04-01,2025-04-01,

                """, into: db.owner)
            try await withTestApp(db) { client in
                try await client.execute(
                    uri: "/api/v1/rankings/export?fiscal_year=2025&as_of=2026-03-31", method: .get,
                    headers: Self.bearer(tokens["hr1"])
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                    #expect(Array(response.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
                    // The rows without the header, for the CLI's progress (reference §10.4).
                    let lines = String(buffer: response.body).split(separator: "\r\n").count
                    #expect(response.headers.first { $0.name.canonicalName == "dxskills-rows" }?.value == "\(lines - 1)")
                }
                try await client.execute(
                    uri: "/api/v1/rankings/export?fiscal_year=2025&encoding=sjis", method: .get,
                    headers: Self.bearer(tokens["hr1"])
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(String(buffer: response.body).contains("E008"))
                }
                try await client.execute(
                    uri: "/api/v1/rankings/export?fiscal_year=2025&encoding=sjis&replace_unmappable=true&lang=en", method: .get,
                    headers: Self.bearer(tokens["hr1"])
                ) { response in
                    #expect(response.status == .ok)
                    let raw = response.headers.first { $0.name.canonicalName == "dxskills-warnings" }?.value
                    #expect(raw?.allSatisfy(\.isASCII) == true)
                    let warnings = raw?.removingPercentEncoding
                    #expect(warnings?.contains("𠮷") == true && warnings?.contains("E008") == true)
                    let text = try TextDecoder.decode(Array(response.body.readableBytesView), encoding: .sjis).0
                    #expect(text.hasPrefix("employee_no,name,"))
                    #expect(text.contains("E008,〓田　八郎"))
                }
            }
            // Two successful reads and one refused export: the refusal left no audit row.
            let reads = try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.query(
                    "SELECT count(*)::integer FROM audit_log WHERE entity = 'rankings' AND actor = 'hr1'", logger: db.owner.logger
                ).decode(Int.self).collect().first
            }
            #expect(reads == 2)
        }
    }

    @Test("criteria through the API: 422 naming each problem; ratings import for an evaluator in scope only")
    func criteriaAndRatings() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                let bad =
                    #"{"fiscal_year": 2026, "items": [{"code": "x", "type": "skill_average", "weight": 1, "skills": ["NOPE"]}]}"#
                try await client.execute(
                    uri: "/api/v1/criteria", method: .put,
                    headers: Self.bearer(tokens["hr1"]).merging([.contentType: "application/json"]),
                    body: ByteBuffer(string: bad)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(String(buffer: response.body).contains("unknown skill NOPE"))
                }
                try await client.execute(
                    uri: "/api/v1/criteria/2025", method: .get, headers: Self.bearer(tokens["evaluator1"])
                ) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("DX推進への貢献"))
                }
                let csv = "employee_no,item,stage,rating,evaluator\nE001,contrib,1,A,E007\n"
                try await client.execute(
                    uri: "/api/v1/imports/ratings", method: .post,
                    headers: Self.bearer(tokens["evaluator1"]).merging([.contentType: "text/csv"]),
                    body: ByteBuffer(string: csv)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(String(buffer: response.body).contains("unknown employee"))
                }
                try await client.execute(
                    uri: "/api/v1/imports/ratings", method: .post,
                    headers: Self.bearer(tokens["manager1"]).merging([.contentType: "text/csv"]),
                    body: ByteBuffer(string: csv)
                ) { response in
                    #expect(response.status == .forbidden)
                }
                try await client.execute(
                    uri: "/api/v1/imports/ratings?fiscal_year=2025", method: .post,
                    headers: Self.bearer(tokens["evaluator1"]).merging([.contentType: "text/csv"]),
                    body: ByteBuffer(string: "employee_no,item,stage,rating,evaluator\nE003,contrib,2,A,E007\n")
                ) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains(#""updated":1"#))
                }
            }
        }
    }
}
