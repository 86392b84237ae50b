import DXSkillsCore
import Foundation
import Hummingbird

/// お知らせ (reference §8.3): the caller's own inbox, newest first, each item read or unread, and
/// the buttons that mark one or all of them read.
extension WebDashboard {
    func registerNotifications(on web: RouterGroup<AppRequestContext>) {
        web.get("/notifications") { request, _ in try await notificationsPage(request, post: false) }
        web.post("/notifications") { request, _ in try await notificationsPage(request, post: true) }
    }

    func notificationsPage(_ request: Request, post: Bool) async throws -> Response {
        let caller = try await caller(request)
        let language = caller.language
        var notice: String?
        if post {
            let form = try await form(request, caller: caller)
            var ids: [Int]?
            if let text = form["id"] {
                guard let id = Int(text), id > 0 else {
                    throw DXSkillsError.badParameter(Message(.parameterNumber, ["name": "id", "value": "\(text)"]))
                }
                ids = [id]
            }
            let changed = try await withCaller(caller) { principal, connection in
                try await Notifications.markRead(
                    principal: principal, ids: ids, connection: connection, logger: database.logger)
            }
            notice = language.text("notifications_marked").replacingOccurrences(of: "{n}", with: "\(changed)")
        }
        let items = try await withCaller(caller) { principal, connection in
            try await Notifications.inbox(principal: principal, connection: connection, logger: database.logger)
        }
        let recipient = caller.principal.userName
        let rows = items.map { item in
            NotificationsPage.Row(
                id: item.id, day: item.runDay.description, rule: language.text("rule_" + item.line.rule.rawValue),
                text: language == .ja ? DigestText.japanese(item.line) : DigestText.english(item.line),
                href: DigestText.path(item.line, recipient: recipient), read: item.read,
                state: language.text(item.read ? "notification_read" : "notification_unread"))
        }
        let unread = rows.filter { !$0.read }.count
        return page(
            "notifications", title: "notifications", request: request, caller: caller,
            content: NotificationsPage(
                rows: rows, empty: rows.isEmpty, unread: unread, anyUnread: unread > 0,
                summary: language.text("notifications_summary").replacingOccurrences(of: "{n}", with: "\(rows.count)")
                    .replacingOccurrences(of: "{u}", with: "\(unread)"),
                notice: notice))
    }
}

struct NotificationsPage {
    struct Row {
        let id: Int
        let day: String
        let rule: String
        let text: String
        let href: String
        let read: Bool
        let state: String
    }
    let rows: [Row]
    let empty: Bool
    let unread: Int
    let anyUnread: Bool
    let summary: String
    let notice: String?
}
