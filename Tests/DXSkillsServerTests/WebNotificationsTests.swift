import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DXSkillsServer

/// お知らせ on the dashboard (reference §8.3), on APITests' fixture: each user sees their own items,
/// newest first, read or unread, and marks one or all of them read.
@Suite("Web notifications")
struct WebNotificationsTests {
    @Test("the bell page lists one's own items newest first, unread then read after marking; others see none")
    func inboxPage() async throws {
        try await withTestDatabase { db in
            let tokens = try await APITests().setUp(db)
            let today = Day.today()
            // E003 holds SC expiring in 90 days and SG in 30: two items today for its user, named E003.
            let sc = today.adding(days: 90)
            let sg = today.adding(days: 30)
            try await Fixture.load(
                .certifications,
                "employee_no,cert_code,acquired_on,expires_on\nE003,SC,2020-04-01,\(sc)\nE003,SG,2020-04-01,\(sg)\n",
                into: db.owner)
            let run = try await db.app.transaction(Fixture.context()) { connection in
                try await Notifications.run(
                    tenant: Fixture.tenant, on: today, by: "test", channels: .init(mail: false), connection: connection,
                    logger: db.app.logger)
            }
            let staffItems = try await db.owner.strings(
                Fixture.context(), "SELECT subject FROM notification_items WHERE recipient = 'E003' ORDER BY subject")
            #expect(staffItems == ["SC", "SG"], "\(String(describing: run))")
            try await withTestApp(db) { client in
                let web = WebDashboardTests()
                let claims = WebClaimsTests()
                let context = Fixture.context()
                let token = try await db.owner.transaction(context) { connection in
                    try await TokenStore.issue(
                        user: "E003", expiresInDays: 1, connection: connection, context: context, logger: db.owner.logger
                    ).token
                }
                let staff = try #require(try await web.signIn(client, token: token))
                let hr = try #require(try await web.signIn(client, token: tokens["hr1"]))
                let page = try await claims.get(client, "/notifications", as: staff)
                #expect(page.status == .ok)
                #expect(page.html.contains(#"<li><a href="/notifications" aria-current="page">お知らせ</a></li>"#))
                #expect(page.html.contains(#"id="notifications-summary">2 件 (未読 2 件)<"#))
                let rows = Self.rows(page.html)
                #expect(rows.map(\.state) == ["unread", "unread"])
                #expect(rows.allSatisfy { $0.html.contains(#"<a href="/me">E003 佐藤　三郎 さんの資格"#) })
                #expect(rows.contains { $0.html.contains("有効期限は \(sg) までです。") })
                #expect(rows.contains { $0.html.contains("有効期限は \(sc) までです。") })

                // Someone else's id changes nothing; one's own marks that one.
                let linked = try #require(try await web.signIn(client, token: tokens["staff1"]))
                #expect(try await claims.get(client, "/notifications", as: linked).html.contains(#"id="notifications-empty""#))
                let other = try await claims.get(client, "/notifications", as: hr)
                #expect(other.html.contains(#"id="notifications-empty""#))
                let first = try #require(rows.first)
                let foreign = try await claims.post(client, "/notifications", as: hr, fields: "id=\(first.id)")
                #expect(foreign.status == .ok && foreign.html.contains("0 件を既読にしました。"))
                let marked = try await claims.post(client, "/notifications", as: staff, fields: "id=\(first.id)")
                #expect(marked.html.contains("1 件を既読にしました。"))
                #expect(Self.rows(marked.html).map { "\($0.id) \($0.state)" }.contains("\(first.id) read"))
                #expect(marked.html.contains(#"2 件 (未読 1 件)"#))
                // In English, then all read.
                let all = try await claims.post(client, "/notifications?lang=en", as: staff)
                #expect(all.html.contains("1 marked as read."))
                #expect(Self.rows(all.html).map(\.state) == ["read", "read"])
                #expect(all.html.contains("The certification") && !all.html.contains(#"id="mark-all-read""#))
                // No CSRF token, no change.
                let forged = try await client.execute(
                    uri: "/notifications", method: .post, headers: WebClaimsTests.headers(staff, multipart: false),
                    body: .init(string: "id=\(first.id)")
                ) { $0.status }
                #expect(forged == .forbidden)
                let bad = try await claims.post(client, "/notifications", as: staff, fields: "id=x")
                #expect(bad.status == .badRequest)
            }
        }
    }

    struct Row {
        let id: Int
        let state: String
        let html: String
    }

    /// The rows of the page's table: `<tr data-id="N" class="read|unread">…</tr>`.
    static func rows(_ html: String) -> [Row] {
        html.components(separatedBy: "<tr data-id=\"").dropFirst().compactMap { part in
            guard let id = Int(part.prefix { $0.isNumber }) else { return nil }
            let opening = part.prefix { $0 != ">" }
            let row = part.components(separatedBy: "</tr>")[0]
            return Row(id: id, state: opening.contains("class=\"unread\"") ? "unread" : "read", html: row)
        }
    }
}
