import Foundation
import Testing

@testable import DXSkillsMail

@Suite("Mail messages and settings")
struct MailMessageTests {
    @Test("Japanese subjects become RFC 2047 words of at most 75 characters, each with whole characters")
    func encodedWords() throws {
        let subject = "【dxskills】お知らせ 3件: 情報処理安全確保支援士の有効期限が近づいています 𠮷野 髙橋 ①"
        let words = MailMessage.encodedWords(subject)
        #expect(words.count > 1)
        var decoded = ""
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = String(word.dropFirst(10).dropLast(2))
            let bytes = try #require(Data(base64Encoded: payload))
            // Each word decodes on its own: no character is split between two.
            decoded += try #require(String(data: bytes, encoding: .utf8))
        }
        #expect(decoded == subject)
        #expect(MailMessage.headerText("Plain ASCII subject") == "Plain ASCII subject")
        // An ASCII text that looks like an encoded word is encoded, so that it reads back as written.
        #expect(MailMessage.headerText("=?UTF-8?B?x?=").hasPrefix("=?UTF-8?B?PT9"))
    }

    @Test("A line break in a subject cannot add a header; addresses with one are refused")
    func headerInjection() throws {
        let message = MailMessage(
            from: try MailAddress("noreply@city.example.jp", name: "dxskills"),
            to: try MailAddress("e001@city.example.jp", name: "山田 太郎"),
            subject: "hello\r\nBcc: victim@example.com", body: "x")
        let text = message.rendered(messageID: "<1@city.example.jp>")
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(!head.contains("\r\nBcc:"))
        #expect(head.contains("\r\nSubject: hello  Bcc: victim@example.com\r\n"))
        #expect(throws: MailError.self) { try MailAddress("a@b.jp\r\nBcc: c@d.jp") }
        #expect(throws: MailError.self) { try MailAddress("a@b.jp", name: "x\r\nBcc: c@d.jp") }
        for bad in ["", "nobody", "@city.jp", "a@", "a b@city.jp", "<a@city.jp>", "山田@city.jp"] {
            #expect(throws: MailError.self, "\(bad)") { try MailAddress(bad) }
        }
    }

    @Test("Headers: From and To with encoded names, Date, Message-ID, Auto-Submitted, a base64 UTF-8 body")
    func rendered() throws {
        let message = MailMessage(
            from: try MailAddress("noreply@city.example.jp", name: "DX推進室"),
            to: try MailAddress("e001@city.example.jp", name: "Taro \"T\" Yamada"),
            subject: "件名", body: "一行目\n.\n三行目")
        let date = Date(timeIntervalSince1970: 1_796_000_000)
        let text = message.rendered(messageID: "<abc@city.example.jp>", date: date)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        #expect(head.contains("From: =?UTF-8?B?RFjmjqjpgLLlrqQ=?= <noreply@city.example.jp>"))
        #expect(head.contains("To: \"Taro \\\"T\\\" Yamada\" <e001@city.example.jp>"))
        #expect(head.contains("Subject: =?UTF-8?B?5Lu25ZCN?="))
        #expect(head.contains("Date: Mon, 30 Nov 2026 09:53:20 +0900"))
        #expect(head.contains("Message-ID: <abc@city.example.jp>"))
        #expect(head.contains("Auto-Submitted: auto-generated"))
        #expect(head.contains("Content-Type: text/plain; charset=UTF-8"))
        let body = parts[1].replacingOccurrences(of: "\r\n", with: "")
        #expect(parts[1].components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(String(data: try #require(Data(base64Encoded: body)), encoding: .utf8) == "一行目\r\n.\r\n三行目")
        #expect(message.newMessageID().hasSuffix("@city.example.jp>"))
    }

    @Test("DXSKILLS_SMTP_URL: schemes, ports, STARTTLS modes, and each mistake named")
    func settings() throws {
        let from = try MailAddress("noreply@city.example.jp")
        let plain = try SMTPSettings(url: "smtp://mail.city.example.jp", from: from)
        #expect(plain.port == 25 && plain.security == .startTLSAuto && plain.username == nil)
        let tls = try SMTPSettings(url: "smtps://mail.city.example.jp", from: from)
        #expect(tls.port == 465 && tls.security == .tls)
        let required = try SMTPSettings(url: "smtp://[::1]:2525?starttls=required", from: from)
        #expect(required.host == "::1" && required.port == 2525 && required.security == .startTLSRequired)
        let passwordFile = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-pw-\(UUID())").path
        try "s3cret\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let user = try SMTPSettings(url: "smtp://relay%40city@mail:587", from: from, passwordFile: passwordFile)
        #expect(user.username == "relay@city" && user.password == "s3cret")

        func refused(_ url: String, passwordFile: String? = nil, _ words: String) {
            do {
                _ = try SMTPSettings(url: url, from: from, passwordFile: passwordFile)
                Issue.record("\(url) was accepted")
            } catch {
                #expect(error.kind == .configuration)
                #expect(error.message.contains(words), "\(error.message)")
            }
        }
        refused("http://mail", "smtp://")
        refused("mail.city.example.jp", "smtp://")
        refused("smtp://user:pw@mail", "DXSKILLS_SMTP_PASSWORD_FILE")
        refused("smtp://user@mail", "DXSKILLS_SMTP_PASSWORD_FILE is not set")
        refused("smtp://user@mail?starttls=off", passwordFile: passwordFile, "needs TLS")
        refused("smtp://mail?starttls=maybe", "auto, required or off")
        refused("smtp://mail?tls=1", "unknown DXSKILLS_SMTP_URL parameter")
        refused("smtp://user@mail", passwordFile: "/nonexistent/pw", "cannot read the password file")
    }

    @Test("The environment: no URL means no mail; a URL without DXSKILLS_MAIL_FROM is named")
    func environment() throws {
        #expect(try SMTPSettings.fromEnvironment([:]) == nil)
        #expect(throws: MailError.self) { try SMTPSettings.fromEnvironment(["DXSKILLS_SMTP_URL": "smtp://mail"]) }
        do {
            _ = try SMTPSettings.fromEnvironment(["DXSKILLS_SMTP_URL": "smtp://mail"])
        } catch {
            #expect(error.message.contains("DXSKILLS_MAIL_FROM"))
        }
        let settings = try #require(
            try SMTPSettings.fromEnvironment([
                "DXSKILLS_SMTP_URL": "smtp://mail:2525", "DXSKILLS_MAIL_FROM": "DX推進室 <noreply@city.example.jp>",
                "DXSKILLS_SMTP_TIMEOUT_SECONDS": "5",
            ]))
        #expect(settings.from == (try MailAddress("noreply@city.example.jp", name: "DX推進室")))
        #expect(settings.timeout == 5 && settings.port == 2525)
        #expect(try SMTPSettings.parseMailbox("\"Town Hall\" <th@city.jp>") == (try MailAddress("th@city.jp", name: "Town Hall")))
    }
}
