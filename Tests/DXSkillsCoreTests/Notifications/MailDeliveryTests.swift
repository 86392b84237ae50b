import DXSkillsMail
import DXSkillsTestSupport
import Foundation
import Logging
import Testing

@testable import DXSkillsCore

/// Digests by mail to the real SMTP server of scripts/smtp.sh (aiosmtpd), read back through Python's
/// email package: one message per recipient and day, a second run the same day sends nothing.
@Suite("Notification mail")
struct MailDeliveryTests {
    let servers: TestMailServers
    init() throws { servers = try TestMailServers() }

    @Test("each recipient gets one digest: decoded Japanese subject and name, items and links, Japanese first")
    func oneDigestPerRecipient() async throws {
        try await withTestDatabase { db in
            try await NotificationRulesTests.create(db, certifications: true)
            let addresses = ["E002", "E003", "E007"].reduce(into: [String: String]()) {
                $0[$1] = TestMailServers.uniqueAddress($1.lowercased())
            }
            for (user, address) in addresses {
                try await db.owner.transaction(Fixture.context()) { connection in
                    try await connection.run(
                        "UPDATE users SET email = \(address) WHERE name = \(user)", logger: db.owner.logger)
                }
            }
            let logger = Logger(label: "mail-test")
            func run() async throws -> Notifications.Run? {
                try await db.app.transaction(Fixture.context()) { connection in
                    try await Notifications.run(
                        tenant: Fixture.tenant, on: Day(iso: "2025-01-01")!, by: "test", channels: .init(mail: true),
                        connection: connection, logger: logger)
                }
            }
            #expect(try await run()?.newDigests == 3)
            let settings = try SMTPSettings(
                url: servers.plain, from: try MailAddress("noreply@city.example.jp", name: "dxskills 通知"))
            let sender = NotificationSender(
                database: db.app, mail: MailChannel(settings: settings), publicURL: "https://dxskills.example.lg.jp",
                logger: logger)
            #expect(try await sender.deliverDue(tenant: Fixture.tenant) == 3)

            let mails = try await servers.received(by: addresses["E007"]!)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.subject == "【dxskills】お知らせ 2 件 (2025-01-01) / dxskills: 2 notices")
            #expect(mail.to == ReceivedMail.Mailbox(name: "渡辺　七海", address: addresses["E007"]!))
            #expect(mail.autoSubmitted == "auto-generated" && mail.defects.isEmpty)
            let body = mail.body.replacingOccurrences(of: "\r\n", with: "\n")
            let japanese = try #require(body.range(of: "E007 渡辺　七海 さんの資格"))
            let english = try #require(body.range(of: "Dear 渡辺　七海,"))
            #expect(japanese.lowerBound < english.lowerBound)
            #expect(body.contains("有効期限は 2025-01-31 までです。\n  https://dxskills.example.lg.jp/me\n"))
            #expect(body.contains("E002 山﨑　花子 さんの資格"))
            #expect(body.contains("  https://dxskills.example.lg.jp/coverage\n"))
            let messageIDs = try await db.owner.strings(
                Fixture.context(),
                "SELECT message_id FROM notification_digests WHERE recipient = 'E007' AND state = 'sent'")
            #expect(messageIDs == [mail.messageId])
            for user in ["E002", "E003"] {
                let received = try await servers.received(by: addresses[user]!)
                #expect(received.count == 1, "\(user)")
                #expect(received.first?.subject.hasPrefix("【dxskills】お知らせ 1 件 (2025-01-01)") == true)
            }

            // A second run the same day writes nothing and sends nothing.
            #expect(try await run()?.newDigests == 0)
            #expect(try await sender.deliverDue(tenant: Fixture.tenant) == 0)
            try await Task.sleep(for: .milliseconds(300))
            for (user, address) in addresses {
                #expect(try await servers.received(by: address, seconds: 0).count == 1, "\(user)")
            }
        }
    }

    @Test("a refused recipient is failed at once with the server's reply; a 451 waits for the back-off")
    func refusedRecipient() async throws {
        try await withTestDatabase { db in
            try await NotificationRulesTests.create(db, certifications: true)
            let refused = "refuse-\(UUID().uuidString.lowercased())@example.jp"
            let later = "later-\(UUID().uuidString.lowercased())@example.jp"
            try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.run("UPDATE users SET email = \(refused) WHERE name = 'E002'", logger: db.owner.logger)
                try await connection.run("UPDATE users SET email = \(later) WHERE name = 'E003'", logger: db.owner.logger)
            }
            let logger = Logger(label: "mail-test")
            _ = try await db.app.transaction(Fixture.context()) { connection in
                try await Notifications.run(
                    tenant: Fixture.tenant, on: Day(iso: "2025-01-01")!, by: "test", channels: .init(mail: true),
                    connection: connection, logger: logger)
            }
            let settings = try SMTPSettings(url: servers.plain, from: try MailAddress("noreply@city.example.jp"))
            let sender = NotificationSender(
                database: db.app, mail: MailChannel(settings: settings), publicURL: "https://x.example", logger: logger)
            #expect(try await sender.deliverDue(tenant: Fixture.tenant) == 0)
            let states = try await db.owner.strings(
                Fixture.context(),
                "SELECT recipient || ' ' || state || ' ' || attempts || ' ' || last_error FROM notification_digests WHERE channel = 'mail' ORDER BY recipient"
            )
            #expect(states.count == 2)
            #expect(states[0].hasPrefix("E002 failed 1 ") && states[0].contains("550"), "\(states)")
            #expect(states[1].hasPrefix("E003 pending 1 ") && states[1].contains("451"), "\(states)")
        }
    }

    @Test("doctor and start-up name a missing From, a refusing server, an untrusted certificate, a wrong password")
    func doctorMail() async throws {
        let wrong = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-wrong-\(UUID())").path
        try "wrong\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        let from = ["DXSKILLS_MAIL_FROM": "DX推進室 <noreply@city.example.jp>"]
        func finding(_ environment: [String: String]) async -> String {
            let found = await NotificationChecks.mail(environment: environment)
            #expect(found.check == "mail")
            return found.problem.map { "NG \($0)" } ?? "ok \(found.detail)"
        }
        #expect(await finding([:]).hasPrefix("ok DXSKILLS_SMTP_URL is not set"))
        #expect(await finding(["DXSKILLS_SMTP_URL": servers.plain]).contains("NG ") == true)
        #expect(await finding(["DXSKILLS_SMTP_URL": servers.plain]).contains("DXSKILLS_MAIL_FROM"))
        let refusing = await finding(from.merging(["DXSKILLS_SMTP_URL": servers.refusing]) { $1 })
        #expect(refusing.hasPrefix("NG ") && refusing.contains("554"), "\(refusing)")
        let tls = from.merging([
            "DXSKILLS_SMTP_URL": servers.smtps, "DXSKILLS_SMTP_PASSWORD_FILE": servers.passwordFile,
            "DXSKILLS_SMTP_CA_FILE": servers.otherCAFile,
        ]) { $1 }
        let untrusted = await finding(tls)
        #expect(untrusted.hasPrefix("NG ") && untrusted.contains("certificate"), "\(untrusted)")
        let password = await finding(
            tls.merging(["DXSKILLS_SMTP_CA_FILE": servers.caFile, "DXSKILLS_SMTP_PASSWORD_FILE": wrong]) { $1 })
        #expect(password.hasPrefix("NG ") && password.contains("535"), "\(password)")
        let good = await finding(tls.merging(["DXSKILLS_SMTP_CA_FILE": servers.caFile]) { $1 })
        #expect(good.hasPrefix("ok localhost:") && good.contains("signed in") && good.contains("noreply@city.example.jp"))
    }
}
