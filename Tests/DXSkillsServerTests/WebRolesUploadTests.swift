import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DXSkillsServer

extension WebDashboardTests {
    /// A multipart form with the CSRF token, the kind and a file.
    static func upload(_ browser: Browser, kind: String, csv: String) -> (HTTPFields, ByteBuffer) {
        var headers = browser.cookie
        headers[.contentType] = "multipart/form-data; boundary=XyZ"
        var body = ""
        for (name, value) in [("_csrf", browser.csrf), ("kind", kind)] {
            body += "--XyZ\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roles.csv\"\r\n\r\n\(csv)\r\n--XyZ--\r\n"
        return (headers, ByteBuffer(string: body))
    }

    @Test("the upload page takes a roles file for hr: a move ends the old grant; a bad file lists its problems")
    func rolesUpload() async throws {
        try await withDashboard { db, tokens, client in
            // setup
            let browser = try #require(try await signIn(client, token: tokens["hr1"]))
            let header = "employee_no,role,unit_code,valid_from\n"
            let first = Self.upload(browser, kind: "roles", csv: header + "E001,manager,S1,2024-04-01\n")
            try await client.execute(uri: "/imports/training", method: .post, headers: first.0, body: first.1) {
                #expect($0.status == .ok)
            }

            // act
            let page = try await client.execute(uri: "/imports/training?kind=roles", method: .get, headers: browser.cookie) {
                String(buffer: $0.body)
            }
            let move = Self.upload(browser, kind: "roles", csv: header + "E001,所属長,S3,2025-04-01\n")
            let moved = try await client.execute(uri: "/imports/training", method: .post, headers: move.0, body: move.1) {
                String(buffer: $0.body)
            }
            let bad = Self.upload(browser, kind: "roles", csv: header + "E001,manager,,2026-04-01\n")
            let refused = try await client.execute(uri: "/imports/training", method: .post, headers: bad.0, body: bad.1) {
                String(buffer: $0.body)
            }

            // assert
            #expect(page.contains(#"<option value="roles" selected>権限</option>"#))
            #expect(moved.contains(#"<dd id="inserted">1</dd>"#))
            #expect(moved.contains(#"<dd id="ended">1</dd>"#))
            // The problem in the page's language (Japanese), at its line and its column in the file.
            #expect(
                refused.contains(
                    #"<tr class="issue" data-line="2" data-column="3"><td class="num">2</td><td>unit_code</td><td></td><td>manager(所属長)の権限には所属が必要です。範囲はその所属と配下の所属です</td>"#
                ))
            #expect(
                try await db.owner.strings(
                    Fixture.context(),
                    "SELECT unit_code || ' ' || coalesce(valid_to::text, 'open') FROM role_grants WHERE user_name = 'E001' ORDER BY valid_from"
                ) == ["S1 2025-03-31", "S3 open"])
        }
    }
}
