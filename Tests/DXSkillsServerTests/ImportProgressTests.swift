import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import DXSkillsServer

/// `Accept: application/x-ndjson` on an import: JSON lines of progress while it runs, then the
/// result or the problem (reference §10.4).
@Suite("Import progress, streamed", .serialized)
struct ImportProgressTests {
    static func lines(_ body: ByteBuffer) throws -> [[String: Any]] {
        try String(buffer: body).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// `count` distinct training rows of E001 (hired 2000-04-01), one per day from 2001-01-01.
    static func training(_ count: Int) -> [UInt8] {
        var text = "employee_no,course_code,completed_on\n"
        let first = Day(year: 2001, month: 1, day: 1)!
        for index in 0..<count { text += "E001,DX-101,\(first.adding(days: index))\n" }
        return Array(text.utf8)
    }

    @Test("a training file: checking from 0 of its rows, writing, then the same summary as the JSON answer")
    func streamedResult() async throws {
        try await withTestDatabase { db in
            try await BadInputCorpus.create(db.owner)
            let token = try await Fixture.userWithToken("hr1", role: .hr, database: db.owner)
            try await withTestApp(db) { client in
                let file = Self.training(20_000)
                try await client.execute(
                    uri: "/api/v1/imports/training?dry_run=true", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "text/csv", .accept: "application/x-ndjson"],
                    body: ByteBuffer(bytes: file)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("application/x-ndjson") == true)
                    let lines = try Self.lines(response.body)
                    let progress = lines.compactMap { $0["progress"] as? [String: Any] }
                    let first = try #require(progress.first)
                    #expect(first["phase"] as? String == "checking" && first["rows"] as? Int == 0)
                    #expect(first["total"] as? Int == 20_000)
                    let rows = progress.compactMap { $0["rows"] as? Int }
                    #expect(rows == rows.sorted(), "rows go up: \(rows)")
                    let writing = try #require(progress.last)
                    #expect(writing["phase"] as? String == "writing" && writing["rows"] as? Int == 20_000)
                    #expect(writing["percent"] as? Double == 100)
                    let result = try #require(lines.last?["result"] as? [String: Any])
                    // One of the days is already recorded (E001's DX-101 of 2025-03-15): unchanged.
                    #expect(result["rows"] as? Int == 20_000 && result["inserted"] as? Int == 19_999)
                    #expect(result["unchanged"] as? Int == 1 && result["dry_run"] as? Bool == true)
                }
                // Without the header the answer is the plain JSON summary.
                try await client.execute(
                    uri: "/api/v1/imports/training?dry_run=true", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(bytes: file)
                ) { response in
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    let summary = try #require(
                        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                    #expect(summary["inserted"] as? Int == 19_999 && summary["unchanged"] as? Int == 1)
                }
            }
        }
    }

    @Test("a bad file: the problem document in the stream, in Japanese when asked, and nothing written")
    func streamedProblem() async throws {
        try await withTestDatabase { db in
            try await BadInputCorpus.create(db.owner)
            let token = try await Fixture.userWithToken("hr1", role: .hr, database: db.owner)
            let staffToken = try await Fixture.userWithToken("E003", role: .staff, employeeNo: "E003", database: db.owner)
            let before = try await BadInputCorpus.tableCounts(db.owner)
            try await withTestApp(db) { client in
                let file = Array("職員番号,研修コード,修了日\nE001,NOPE,2025-05-01\n".utf8)
                try await client.execute(
                    uri: "/api/v1/imports/training", method: .post,
                    headers: [
                        .authorization: "Bearer \(token)", .contentType: "text/csv", .accept: "application/x-ndjson",
                        .acceptLanguage: "ja",
                    ],
                    body: ByteBuffer(bytes: file)
                ) { response in
                    #expect(response.status == .ok)
                    let lines = try Self.lines(response.body)
                    let problem = try #require(lines.last?["problem"] as? [String: Any])
                    #expect(problem["status"] as? Int == 422)
                    let errors = try #require(problem["errors"] as? [[String: Any]])
                    #expect(errors.count == 1)
                    #expect(errors.first?["reason"] as? String == "登録されていない研修コードです")
                    #expect(errors.first?["column_number"] as? Int == 2 && errors.first?["column_title"] as? String == "研修コード")
                    #expect(lines.dropLast().allSatisfy { $0["progress"] != nil })
                }
                #expect(try await BadInputCorpus.tableCounts(db.owner) == before)
                // A role that may not import is refused before any stream begins.
                try await client.execute(
                    uri: "/api/v1/imports/training", method: .post,
                    headers: [.authorization: "Bearer \(staffToken)", .contentType: "text/csv", .accept: "application/x-ndjson"],
                    body: ByteBuffer(bytes: file)
                ) { response in
                    #expect(response.status == .forbidden)
                }
            }
        }
    }
}
