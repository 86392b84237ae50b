import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZIPFoundation

@testable import DXSkillsServer

/// Own-data export (開示, reference §7.4) through HTTP, on RankingFixture with claims of two staff.
@Suite("Own-data export")
struct OwnDataExportTests {
    static let names = [
        "E001": "髙橋", "E002": "山﨑", "E003": "佐藤", "E004": "鈴木", "E005": "田中", "E006": "伊藤", "E007": "渡辺",
    ]

    /// The zip's entries by path.
    static func entries(_ bytes: [UInt8]) throws -> [String: Data] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var files: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[entry.path] = data
        }
        return files
    }

    static func export(_ client: any TestClientProtocol, _ token: String) async throws -> [String: Data] {
        try await client.execute(uri: "/api/v1/me/export", method: .get, headers: MyPageAPITests.bearer(token)) {
            #expect($0.status == .ok)
            #expect($0.headers[.contentType] == "application/zip")
            #expect($0.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"dxskills-me-") == true)
            return try entries(Array($0.body.readableBytesView))
        }
    }

    static func claim(_ client: any TestClientProtocol, _ token: String, course: String, on day: String) async throws {
        let body: [String: Any] = [
            "kind": "training", "course": course, "completed_on": day,
            "evidence": [["file_name": "修了証.png", "content": Data(ClaimsAPITests.png).base64EncodedString()]],
        ]
        try await client.execute(
            uri: "/api/v1/claims", method: .post, headers: ClaimsAPITests.headers(token),
            body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
        ) { #expect($0.status == .created) }
    }

    @Test("E003's zip holds E003's rows, its claim with the file and its audit rows; nobody else's, no name of another")
    func ownRowsOnly() async throws {
        try await withTestDatabase { db in
            // setup: E003 and E002 each claim; E003 has an assessment whose assessor is a typed name
            let tokens = try await MyPageAPITests().setUp(db)
            _ = try await db.owner.strings(
                Fixture.context(),
                """
                INSERT INTO assessments (tenant_id, employee_no, skill_code, level, assessed_on, assessor)
                VALUES (current_setting('dxskills.tenant_id'), 'E003', 'L-DATA', 2, '2025-11-01', '鈴木 課長') RETURNING 'x'
                """)
            try await withTestApp(db) { client in
                try await Self.claim(client, tokens["staff3"]!, course: "R-1", on: "2025-09-01")
                try await Self.claim(client, tokens["staff2"]!, course: "R-2", on: "2025-09-02")
                // act
                let files = try await Self.export(client, tokens["staff3"]!)
                // assert: one CSV per part with its header, the JSON, and E003's one evidence file
                for part in [
                    "staff", "assignments", "training_records", "cert_holdings", "assessments", "self_assessments",
                    "designations", "career_plans", "ratings", "claims", "claim_events", "claim_evidence", "users",
                    "role_grants", "audit_log", "import_batches",
                ] {
                    let csv = try #require(files["\(part).csv"], "\(part).csv")
                    #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "\(part).csv has a BOM")
                }
                let json = try #require(files["dxskills-me.json"])
                let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
                let id = try #require((document["claims"] as? [[String: Any]])?.first?["id"] as? Int)
                #expect(files["evidence/claim-\(id)-1.png"] == Data(ClaimsAPITests.png))
                #expect(files.keys.filter { $0.hasPrefix("evidence/") }.count == 1)
                #expect((document["staff"] as? [String: Any])?["employee_no"] as? String == "E003")
                #expect(document["employee_no"] as? String == "E003")
                let training = try #require(document["training_records"] as? [[String: Any]])
                #expect(training.map { $0["course_code"] as? String } == ["R-2"])
                let claims = try #require(document["claims"] as? [[String: Any]])
                #expect(claims.map { $0["employee_no"] as? String } == ["E003"])
                #expect((document["claim_events"] as? [[String: Any]])?.count == 1)
                #expect((document["users"] as? [[String: Any]])?.first?["password_hash"] == nil)
                // The typed name is withheld; E001, the assessor by number, stays a number.
                let assessors = (document["assessments"] as? [[String: Any]])?.compactMap { $0["assessor"] as? String }
                #expect(Set(assessors ?? []) == ["E001", OwnDataExport.withheld])
                // The imports that put E003's rows there: every imported row's batch is in the zip.
                let batches = try #require(document["import_batches"] as? [[String: Any]])
                let batchIDs = Set(batches.compactMap { $0["id"] as? Int })
                let imported = ["training_records", "cert_holdings", "assessments"].flatMap {
                    ((document[$0] as? [[String: Any]]) ?? []).compactMap { $0["batch_id"] as? Int }
                }
                #expect(!imported.isEmpty && Set(imported) == batchIDs, "\(imported) \(batchIDs)")
                #expect(batches.allSatisfy { ($0["sha256"] as? String)?.isEmpty == false && $0["xact"] == nil })
                // The audit rows are about E003's rows and claim only, and the claim's are there.
                let audit = try #require(document["audit_log"] as? [[String: Any]])
                #expect(audit.contains { $0["entity"] as? String == "claims" })
                #expect(audit.contains { $0["entity"] as? String == "claim_evidence" })
                for row in audit {
                    let key = row["key"] as? [String: Any]
                    if let number = key?["employee_no"] as? String { #expect(number == "E003", "\(row)") }
                }
                // No other person's name anywhere in the zip, and no other staff number but E001 (the assessor).
                let everything = files.filter { !$0.key.hasPrefix("evidence/") }.values
                    .map { String(decoding: $0, as: UTF8.self) }.joined()
                #expect(everything.contains("佐藤"))
                for (number, name) in Self.names where number != "E003" {
                    #expect(!everything.contains(name), "the zip names \(name)")
                    if number != "E001" { #expect(!everything.contains(number), "the zip holds \(number)") }
                }
                #expect(!everything.contains("鈴木 課長"))
                #expect(!everything.contains("$2"), "no bcrypt hash")
            }
            // The export itself is audited.
            let reads = try await db.owner.count(
                Fixture.context(),
                "SELECT count(*) FROM audit_log WHERE entity = 'own_data_export' AND actor = 'staff3' AND action = 'read'")
            #expect(reads == 1)
        }
    }

    @Test("ratings enter the zip only once their fiscal year is disclosed")
    func ratingsAfterDisclosure() async throws {
        try await withTestDatabase { db in
            let tokens = try await MyPageAPITests().setUp(db)
            try await withTestApp(db) { client in
                func ratings() async throws -> (csv: String, rows: [[String: Any]]) {
                    let files = try await Self.export(client, tokens["staff3"]!)
                    let json = try #require(files["dxskills-me.json"])
                    let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
                    return (
                        String(decoding: try #require(files["ratings.csv"]), as: UTF8.self),
                        try #require(document["ratings"] as? [[String: Any]])
                    )
                }
                let before = try await ratings()
                #expect(before.rows.isEmpty)
                #expect(before.csv == "\u{FEFF}fiscal_year,employee_no,item,stage,rating,evaluator,batch_id\r\n")
                try await client.execute(
                    uri: "/api/v1/criteria/2025/disclosure", method: .put, headers: MyPageAPITests.bearer(tokens["hr1"])
                ) { #expect($0.status == .ok) }
                let after = try await ratings()
                // E003 was rated C at stage 1 and B at stage 2 (RankingFixture).
                #expect(after.rows.map { "\($0["stage"]!) \($0["rating"]!)" } == ["1 C", "2 B"])
                #expect(after.csv.components(separatedBy: "\r\n").count == 4)
            }
        }
    }

    @Test("マイページ links /me/export, which gives the signed-in user's zip as an attachment; signed out, no zip")
    func dashboardDownload() async throws {
        try await withTestDatabase { db in
            let tokens = try await MyPageAPITests().setUp(db)
            try await withTestApp(db) { client in
                let staff = try #require(try await WebDashboardTests().signIn(client, token: tokens["staff2"]!))
                let html = try await client.execute(uri: "/me", method: .get, headers: staff.cookie) { String(buffer: $0.body) }
                #expect(html.contains(#"href="/me/export""#))
                // act
                let files = try await client.execute(uri: "/me/export", method: .get, headers: staff.cookie) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/zip")
                    #expect(
                        response.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"dxskills-me-staff2-") == true)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    return try Self.entries(Array(response.body.readableBytesView))
                }
                // assert: E002's, nobody else's
                let json = try #require(files["dxskills-me.json"])
                let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
                #expect(document["employee_no"] as? String == "E002")
                #expect((document["staff"] as? [String: Any])?["name"] as? String == "山﨑　花子")
                try await client.execute(uri: "/me/export", method: .get) { response in
                    #expect(response.status != .ok)
                    #expect(response.headers[.contentType] != "application/zip")
                }
            }
        }
    }
}
