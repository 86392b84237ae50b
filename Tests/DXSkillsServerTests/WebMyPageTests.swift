import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DXSkillsServer

/// マイページ on the dashboard, on MyPageAPITests' fixture (E002 on 2026-03-01: FE ends within 90 days).
@Suite("Web my page")
struct WebMyPageTests {
    @Test(
        "/me shows the caller's own record, highlights holdings ending within 90 days, and is linked only for staff-linked users")
    func page() async throws {
        try await withTestDatabase { db in
            let tokens = try await MyPageAPITests().setUp(db)
            try await withTestApp(db) { client in
                let web = WebDashboardTests()
                let staff = try #require(try await web.signIn(client, token: tokens["staff2"]!))
                let hr = try #require(try await web.signIn(client, token: tokens["hr1"]!))
                // act
                let html = try await client.execute(uri: "/me?as_of=2026-03-01", method: .get, headers: staff.cookie) {
                    response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                // assert
                #expect(html.contains("<strong>山﨑　花子</strong> (E002)"))
                #expect(html.contains(#"<a href="/me""#))
                #expect(html.contains(#"<tr data-cert="FE" class="unmet">"#) && html.contains("90日以内に期限切れ"))
                #expect(html.contains(#"<tr data-cert="IP"><td>"#))
                #expect(html.contains("FE 2021-04-01〜2026-05-30"))
                #expect(html.contains(#"id="me-no-evaluations""#))
                #expect(!html.contains("髙橋") && !html.contains("E001"))
                // hr1 is linked to no staff member: no link, and the page is 404.
                try await client.execute(uri: "/", method: .get, headers: hr.cookie) { response in
                    #expect(!String(buffer: response.body).contains(#"href="/me""#))
                }
                try await client.execute(uri: "/me", method: .get, headers: hr.cookie) { #expect($0.status == .notFound) }
            }
        }
    }

    @Test("the self-assessment form: refused without the CSRF token, then recorded and shown beside Level")
    func selfAssessmentForm() async throws {
        try await withTestDatabase { db in
            let tokens = try await MyPageAPITests().setUp(db)
            try await withTestApp(db) { client in
                let web = WebDashboardTests()
                let staff = try #require(try await web.signIn(client, token: tokens["staff2"]!))
                var headers = staff.cookie
                headers[.contentType] = "application/x-www-form-urlencoded"
                let fields = "skill=L-DATA&level=3&on=2026-02-01"
                try await client.execute(uri: "/me", method: .post, headers: headers, body: ByteBuffer(string: fields)) {
                    #expect($0.status == .forbidden)
                }
                #expect(try await db.owner.strings(Fixture.context(), "SELECT count(*)::text FROM self_assessments") == ["0"])
                // act
                let html = try await client.execute(
                    uri: "/me?as_of=2026-03-01", method: .post, headers: headers,
                    body: ByteBuffer(string: "_csrf=\(staff.csrf)&\(fields)")
                ) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                // assert: L-DATA stays Level 2 (R-1), the self-assessment 3 beside it.
                #expect(html.contains(#"id="me-notice">追加: L-DATA 3 (2026-02-01)</p>"#))
                #expect(
                    html.contains(
                        #"<tr data-skill="L-DATA"><td>データを読み、使う (L-DATA)</td><td><strong>2</strong></td><td>R-1 2025-07-01</td><td>3 (2026-02-01)</td></tr>"#
                    ))
                let rows = try await db.owner.strings(
                    Fixture.context(), "SELECT employee_no || ' ' || skill_code || ' ' || level FROM self_assessments")
                #expect(rows == ["E002 L-DATA 3"])
            }
        }
    }
}
