import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import DXSkillsServer

/// 申請 on the dashboard (reference §7.3), on ClaimsAPITests' fixture: staff1 is E003 in S2, manager1
/// holds B1 (S2 in it), manager2 holds K2 (S2 not in it), hr1 confirms.
@Suite("Web claims")
struct WebClaimsTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)
    static let boundary = "dxskills-test-boundary"

    /// A `multipart/form-data` body of fields and files (name, file name, bytes).
    static func multipart(_ fields: [(String, String)], files: [(String, String, [UInt8])]) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, fileName, bytes) in files {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/pdf\r\n\r\n"
                    .utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func headers(_ browser: WebDashboardTests.Browser, multipart: Bool = true) -> HTTPFields {
        var headers = browser.cookie
        headers[.contentType] =
            multipart ? "multipart/form-data; boundary=\(boundary)" : "application/x-www-form-urlencoded"
        return headers
    }

    struct Setup {
        let staff: WebDashboardTests.Browser
        let manager: WebDashboardTests.Browser
        let otherManager: WebDashboardTests.Browser
        let hr: WebDashboardTests.Browser
    }

    func setUp(_ db: TestDatabase, _ client: some TestClientProtocol, tokens: APITests.Tokens, manager2: String) async throws
        -> Setup
    {
        let web = WebDashboardTests()
        return Setup(
            staff: try #require(try await web.signIn(client, token: tokens["staff1"])),
            manager: try #require(try await web.signIn(client, token: tokens["manager1"])),
            otherManager: try #require(try await web.signIn(client, token: manager2)),
            hr: try #require(try await web.signIn(client, token: tokens["hr1"])))
    }

    /// Posts the new-claim form for DX-101 completed 2025-06-01 with `files`; the status, the page and the redirect.
    func submit(
        _ client: some TestClientProtocol, as staff: WebDashboardTests.Browser, files: [(String, String, [UInt8])],
        course: String = "DX-101", uri: String = "/claims/new"
    ) async throws -> (status: HTTPResponse.Status, html: String, location: String?) {
        try await client.execute(
            uri: uri, method: .post, headers: Self.headers(staff),
            body: Self.multipart(
                [("_csrf", staff.csrf), ("kind", "training"), ("course", course), ("completed_on", "2025-06-01")],
                files: files)
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    func post(
        _ client: some TestClientProtocol, _ uri: String, as browser: WebDashboardTests.Browser, fields: String = ""
    ) async throws -> (status: HTTPResponse.Status, html: String, location: String?) {
        try await client.execute(
            uri: uri, method: .post, headers: Self.headers(browser, multipart: false),
            body: ByteBuffer(string: "_csrf=\(browser.csrf)" + (fields.isEmpty ? "" : "&\(fields)"))
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    func get(_ client: some TestClientProtocol, _ uri: String, as browser: WebDashboardTests.Browser) async throws
        -> (status: HTTPResponse.Status, html: String)
    {
        try await client.execute(uri: uri, method: .get, headers: browser.cookie) { ($0.status, String(buffer: $0.body)) }
    }

    static func claimID(_ location: String?) throws -> Int {
        let location = try #require(location)
        let path = try #require(location.split(separator: "?").first)
        return try #require(Int(path.dropFirst("/claims/".count)))
    }

    @Test(
        "submitted through the form with a PDF, hidden from a manager of another unit, approved, a second approve is 409, confirmed"
    )
    func flow() async throws {
        try await withTestDatabase { db in
            // setup
            let tokens = try await APITests().setUp(db)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            let manager2 = try await Fixture.userWithToken("manager2", role: .manager, unit: "K2", database: db.owner)
            try await withTestApp(db) { client in
                let users = try await setUp(db, client, tokens: tokens, manager2: manager2)
                let form = try await get(client, "/claims/new", as: users.staff)
                #expect(form.status == .ok)
                #expect(form.html.contains(#"enctype="multipart/form-data""#) && form.html.contains(#"value="DX-101""#))
                // act
                let submitted = try await submit(
                    client, as: users.staff, files: [("evidence1", "修了証.pdf", Self.pdf), ("evidence2", "", [])])
                // assert
                #expect(submitted.status == .seeOther)
                let id = try Self.claimID(submitted.location)
                #expect(submitted.location == "/claims/\(id)?done=submitted")
                let stored = try await db.owner.strings(
                    Fixture.context(),
                    "SELECT c.employee_no || ' ' || c.state || ' ' || e.n || ' ' || e.media_type || ' ' || e.file_name FROM claims c JOIN claim_evidence e ON e.claim_id = c.id"
                )
                #expect(stored == ["E003 submitted 1 application/pdf 修了証.pdf"])
                let page = try await get(client, "/claims/\(id)?done=submitted", as: users.staff)
                #expect(page.html.contains(#"id="claim-notice">申請を提出しました。"#))
                #expect(page.html.contains(#"id="claim-state">承認待ち<"#))
                #expect(page.html.contains(#"<a href="/claims/\#(id)/evidence/1" download>修了証.pdf</a>"#))
                #expect(page.html.contains(#"id="claim-withdraw""#) && !page.html.contains(#"id="claim-approve""#))
                let me = try await get(client, "/me", as: users.staff)
                #expect(me.html.contains(#"<tr data-claim="\#(id)" data-state="submitted">"#))
                #expect(me.html.contains(#"href="/me/export""#) && me.html.contains(#"href="/claims/new""#))
                #expect(!me.html.contains(#"<li><a href="/claims""#), "no queue in a staff member's navigation")

                // A manager of another unit: 404 for the claim, its evidence and its approval; not in its queue.
                #expect(try await get(client, "/claims/\(id)", as: users.otherManager).status == .notFound)
                #expect(try await get(client, "/claims/\(id)/evidence/1", as: users.otherManager).status == .notFound)
                #expect(try await post(client, "/claims/\(id)/approve", as: users.otherManager).status == .notFound)
                #expect(!(try await get(client, "/claims", as: users.otherManager).html.contains("data-claim=\"\(id)\"")))

                // The manager of the claimant's unit: the queue, the evidence as an attachment, approve.
                let queue = try await get(client, "/claims", as: users.manager)
                #expect(queue.html.contains("<h1>承認待ち</h1>"))
                #expect(queue.html.contains(#"<li><a href="/claims" aria-current="page">申請</a></li>"#))
                #expect(queue.html.contains(#"<tr data-claim="\#(id)" data-employee="E003"><td><a href="/claims/\#(id)">"#))
                #expect(queue.html.contains("E003 佐藤　三郎") && queue.html.contains("DX基礎研修 (DX-101)"))
                try await client.execute(uri: "/claims/\(id)/evidence/1", method: .get, headers: users.manager.cookie) {
                    response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/pdf")
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; ") == true)
                    #expect(Array(response.body.readableBytesView) == Self.pdf)
                }
                try await client.execute(
                    uri: "/claims/\(id)/approve", method: .post, headers: Self.headers(users.manager, multipart: false),
                    body: ByteBuffer(string: "_csrf=wrong")
                ) { #expect($0.status == .forbidden) }
                let approved = try await post(client, "/claims/\(id)/approve", as: users.manager)
                #expect(approved.status == .seeOther && approved.location == "/claims/\(id)?done=approved")
                #expect(!(try await get(client, "/claims", as: users.manager).html.contains("data-claim=\"\(id)\"")))
                let again = try await post(client, "/claims/\(id)/approve", as: users.manager)
                #expect(again.status == .conflict)
                #expect(again.html.contains("この申請は現在「承認済み（確認待ち）」のため、この操作はできません。"))
                #expect(again.html.contains("claim \(id) is approved: it cannot be approved"))
                let english = try await client.execute(
                    uri: "/claims/\(id)/approve?lang=en", method: .post, headers: Self.headers(users.manager, multipart: false),
                    body: ByteBuffer(string: "_csrf=\(users.manager.csrf)")
                ) { ($0.status, String(buffer: $0.body)) }
                #expect(english.0 == .conflict && english.1.contains("This claim is now approved: this action is not possible."))

                // hr: 確認待ち, then confirm writes the training record with the claim as its source.
                let hrQueue = try await get(client, "/claims", as: users.hr)
                #expect(hrQueue.html.contains("<h1>確認待ち</h1>") && hrQueue.html.contains("data-claim=\"\(id)\""))
                #expect(try await get(client, "/claims/\(id)", as: users.hr).html.contains(#"id="claim-confirm""#))
                let confirmed = try await post(client, "/claims/\(id)/confirm", as: users.hr)
                #expect(confirmed.status == .seeOther)
                let records = try await db.owner.strings(
                    Fixture.context(),
                    "SELECT employee_no || ' ' || course_code || ' ' || completed_on FROM training_records WHERE claim_id = \(id)"
                )
                #expect(records == ["E003 DX-101 2025-06-01"])
                let done = try await get(client, "/claims/\(id)", as: users.staff)
                #expect(done.html.contains(#"data-state="confirmed""#) && !done.html.contains(#"id="claim-withdraw""#))
                #expect(done.html.components(separatedBy: "<tr><td>20").count - 1 == 3, "three transitions in the history")
            }
        }
    }

    @Test("HTML named .pdf is refused on the form naming the field, nothing written; the errors in English too")
    func refusals() async throws {
        try await withTestDatabase { db in
            // setup
            let tokens = try await APITests().setUp(db)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            let manager2 = try await Fixture.userWithToken("manager2", role: .manager, unit: "K2", database: db.owner)
            try await withTestApp(db) { client in
                let users = try await setUp(db, client, tokens: tokens, manager2: manager2)
                let html = Array("<html><script>alert(1)</script></html>".utf8)
                // act
                let refused = try await submit(client, as: users.staff, files: [("evidence1", "cert.pdf", html)])
                // assert
                #expect(refused.status == .unprocessableContent)
                #expect(
                    refused.html.contains(
                        #"<li data-field="evidence"><strong>証拠書類[1] cert.pdf</strong>: PDF、PNG、JPEG のファイルではありません"#))
                #expect(!refused.html.contains("not a PDF"), "the Japanese page shows no English reason")
                #expect(refused.html.contains(#"value="DX-101""#), "the form keeps what was typed")
                let noFile = try await submit(client, as: users.staff, files: [], course: "NOPE-1")
                #expect(noFile.status == .unprocessableContent)
                #expect(noFile.html.contains(#"<li data-field="title">"#) && noFile.html.contains(#"<li data-field="evidence">"#))
                #expect(noFile.html.contains("研修 NOPE-1 は研修一覧にありません。外部研修には研修名"))
                let english = try await submit(
                    client, as: users.staff, files: [("evidence1", "cert.pdf", html)], uri: "/claims/new?lang=en")
                #expect(english.html.contains("<strong>Evidence[1] cert.pdf</strong>: not a PDF, PNG or JPEG file"))
                #expect(try await db.owner.strings(Fixture.context(), "SELECT count(*)::text FROM claims") == ["0"])
                #expect(try await db.owner.strings(Fixture.context(), "SELECT count(*)::text FROM claim_evidence") == ["0"])
                // Who may not decide is refused before the body is read; hr is no staff member and claims nothing.
                #expect(try await post(client, "/claims/1/approve", as: users.staff).status == .forbidden)
                #expect(try await post(client, "/claims/1/confirm", as: users.manager).status == .forbidden)
                #expect(try await get(client, "/claims/new", as: users.hr).status == .forbidden)
            }
        }
    }

    @Test("returned with a reason, shown on マイページ, edited without new files and submitted again; the evidence stays")
    func returnAndResubmit() async throws {
        try await withTestDatabase { db in
            // setup
            let tokens = try await APITests().setUp(db)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            let manager2 = try await Fixture.userWithToken("manager2", role: .manager, unit: "K2", database: db.owner)
            try await withTestApp(db) { client in
                let users = try await setUp(db, client, tokens: tokens, manager2: manager2)
                let id = try Self.claimID(
                    try await submit(client, as: users.staff, files: [("evidence1", "a.pdf", Self.pdf)]).location)
                // act
                let empty = try await post(client, "/claims/\(id)/return", as: users.manager, fields: "reason=+")
                let returned = try await post(
                    client, "/claims/\(id)/return", as: users.manager,
                    fields: "reason=" + ("日付が違います".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                // assert
                #expect(empty.status == .unprocessableContent && empty.html.contains(#"id="claim-return-problem""#))
                #expect(returned.status == .seeOther)
                #expect(try await get(client, "/me", as: users.staff).html.contains("<td>日付が違います</td>"))
                let edit = try await get(client, "/claims/\(id)/edit", as: users.staff)
                #expect(edit.status == .ok && edit.html.contains(#"value="2025-06-01""#))
                #expect(try await get(client, "/claims/\(id)/edit", as: users.manager).status == .forbidden)
                let resubmitted = try await client.execute(
                    uri: "/claims/\(id)/edit", method: .post, headers: Self.headers(users.staff),
                    body: Self.multipart(
                        [
                            ("_csrf", users.staff.csrf), ("kind", "training"), ("course", "DX-101"),
                            ("completed_on", "2025-05-30"),
                        ],
                        files: [("evidence1", "", [])])
                ) { ($0.status, $0.headers[.location]) }
                #expect(resubmitted.0 == .seeOther)
                let rows = try await db.owner.strings(
                    Fixture.context(),
                    "SELECT c.state || ' ' || c.completed_on || ' ' || e.file_name FROM claims c JOIN claim_evidence e ON e.claim_id = c.id"
                )
                #expect(rows == ["submitted 2025-05-30 a.pdf"])
            }
        }
    }
}
