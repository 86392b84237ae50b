import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import DXSkillsServer

@Suite("Claims API")
struct ClaimsAPITests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]

    static func claimBody(_ bytes: [UInt8], name: String = "修了証.pdf") -> ByteBuffer {
        let body: [String: Any] = [
            "kind": "training", "course": "DX-101", "completed_on": "2025-06-01",
            "evidence": [["file_name": name, "content": Data(bytes).base64EncodedString()]],
        ]
        return ByteBuffer(data: try! JSONSerialization.data(withJSONObject: body))
    }

    static func headers(_ token: String) -> HTTPFields {
        APITests.bearer(token).merging([.contentType: "application/json"])
    }

    @Test("submit, a 404 outside the chain, approve, a 409 naming the state, confirm; evidence served as an attachment")
    func flow() async throws {
        try await withTestDatabase { db in
            // setup: staff1 is E003 in S2; manager1 holds B1 (S2 in it); evaluator1 holds K2.
            let tokens = try await APITests().setUp(db)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            try await withTestApp(db) { client in
                // act: a PNG named .pdf
                let id = try await client.execute(
                    uri: "/api/v1/claims", method: .post, headers: Self.headers(tokens["staff1"]),
                    body: Self.claimBody(Self.png)
                ) { response in
                    #expect(response.status == .created)
                    let claim = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect(claim["state"] as? String == "submitted")
                    #expect(claim["employee_no"] as? String == "E003")
                    let evidence = try #require(claim["evidence"] as? [[String: Any]])
                    #expect(evidence.first?["media_type"] as? String == "image/png")
                    return try #require(claim["id"] as? Int)
                }
                // assert
                try await client.execute(
                    uri: "/api/v1/claims/\(id)/evidence/1", method: .get, headers: APITests.bearer(tokens["evaluator1"])
                ) { #expect($0.status == .notFound) }
                try await client.execute(
                    uri: "/api/v1/claims/\(id)/approve", method: .post, headers: APITests.bearer(tokens["evaluator1"])
                ) { #expect($0.status == .notFound) }
                try await client.execute(
                    uri: "/api/v1/claims/\(id)/evidence/1", method: .get, headers: APITests.bearer(tokens["manager1"])
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "image/png")
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(
                        response.headers[HTTPField.Name("Content-Disposition")!]
                            == "attachment; filename=\"___.pdf\"; filename*=UTF-8''%E4%BF%AE%E4%BA%86%E8%A8%BC.pdf")
                    #expect(Array(response.body.readableBytesView) == Self.png)
                }
                try await client.execute(
                    uri: "/api/v1/claims", method: .get, headers: APITests.bearer(tokens["manager1"])
                ) { response in
                    let claims = try #require(try APITests.json(response.body) as? [[String: Any]])
                    #expect(claims.map { $0["id"] as? Int } == [id])
                }
                try await client.execute(
                    uri: "/api/v1/claims/\(id)/approve", method: .post, headers: APITests.bearer(tokens["manager1"])
                ) { #expect($0.status == .ok) }
                try await client.execute(
                    uri: "/api/v1/claims/\(id)/approve", method: .post, headers: APITests.bearer(tokens["manager1"])
                ) { response in
                    #expect(response.status == .conflict)
                    let problem = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect(problem["type"] as? String == "urn:dxskills:conflict")
                    #expect(problem["detail"] as? String == "claim \(id) is approved: it cannot be approved")
                }
                try await client.execute(
                    uri: "/api/v1/claims/\(id)/confirm", method: .post, headers: APITests.bearer(tokens["hr1"])
                ) { response in
                    #expect(response.status == .ok)
                    let claim = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect(claim["state"] as? String == "confirmed")
                    #expect(
                        (claim["history"] as? [[String: Any]])?.map { $0["to"] as? String } == [
                            "submitted", "approved", "confirmed",
                        ])
                }
            }
        }
    }

    @Test("HTML named .pdf is refused with 422 naming the file; a return needs a reason")
    func refusals() async throws {
        try await withTestDatabase { db in
            // setup
            let tokens = try await APITests().setUp(db)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            try await withTestApp(db) { client in
                // act, assert
                try await client.execute(
                    uri: "/api/v1/claims", method: .post, headers: Self.headers(tokens["staff1"]),
                    body: Self.claimBody(Array("<html><script>x</script>".utf8), name: "cert.pdf")
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let problem = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect((problem["detail"] as? String)?.contains("evidence[1] cert.pdf: not a PDF, PNG or JPEG") == true)
                }
                // Content that is not base64, and a claim number beyond any integer: answers, never a failure.
                try await client.execute(
                    uri: "/api/v1/claims", method: .post, headers: Self.headers(tokens["staff1"]),
                    body: ByteBuffer(
                        string:
                            #"{"kind":"training","course":"DX-101","completed_on":"2025-06-01","evidence":[{"file_name":"x.pdf","content":"hd\u00fcK%%"}]}"#
                    )
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let problem = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect((problem["detail"] as? String)?.contains("evidence[1] x.pdf: the content is not base64") == true)
                }
                try await client.execute(
                    uri: "/api/v1/claims/2946718238539061883169669120/withdraw", method: .post,
                    headers: APITests.bearer(tokens["staff1"])
                ) { #expect($0.status == .badRequest) }
                let id = try await client.execute(
                    uri: "/api/v1/claims", method: .post, headers: Self.headers(tokens["staff1"]), body: Self.claimBody(Self.png)
                ) { try #require(try APITests.json($0.body) as? [String: Any])["id"] as? Int }
                try await client.execute(
                    uri: "/api/v1/claims/\(id!)/return", method: .post, headers: Self.headers(tokens["manager1"]),
                    body: ByteBuffer(string: #"{"reason":"  "}"#)
                ) { #expect($0.status == .unprocessableContent) }
                try await client.execute(
                    uri: "/api/v1/claims/\(id!)/return", method: .post, headers: Self.headers(tokens["manager1"]),
                    body: ByteBuffer(string: #"{"reason":"日付が違います"}"#)
                ) { response in
                    let claim = try #require(try APITests.json(response.body) as? [String: Any])
                    #expect(claim["state"] as? String == "returned")
                    #expect(claim["return_reason"] as? String == "日付が違います")
                }
            }
        }
    }

    @Test("a claim's body may hold 3 files of 10 MB in base64; more is 413 before the service reads it")
    func bodyLimit() async throws {
        try await withTestDatabase { db in
            // setup: a 9 MB PNG is far over the 64 KiB of a route without a policy.
            let tokens = try await APITests().setUp(db)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            let large = Self.png + [UInt8](repeating: 0, count: 9 * 1_048_576)
            try await withTestApp(db) { client in
                // act, assert
                try await client.execute(
                    uri: "/api/v1/claims", method: .post, headers: Self.headers(tokens["staff1"]), body: Self.claimBody(large)
                ) { #expect($0.status == .created) }
                try await client.execute(
                    uri: "/api/v1/claims", method: .post, headers: Self.headers(tokens["staff1"]),
                    body: ByteBuffer(repeating: UInt8(ascii: " "), count: 41 * 1_048_576 + 1)
                ) { #expect($0.status == .contentTooLarge) }
            }
        }
    }
}
