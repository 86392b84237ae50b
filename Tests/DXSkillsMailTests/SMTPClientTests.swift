import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsMail

/// Against the real SMTP servers of scripts/smtp.sh (aiosmtpd); each test sends to an address of its
/// own and reads what the server's Python email parser made of the message.
@Suite("SMTP client against aiosmtpd")
struct SMTPClientTests {
    let servers: TestMailServers
    let from: MailAddress

    init() throws {
        servers = try TestMailServers()
        from = try MailAddress("noreply@city.example.jp", name: "dxskills 通知")
    }

    /// The production default timeout: with every suite running at once on 2 cores, the Python
    /// servers once took over 10 s to answer and five tests failed on the client's read timeout.
    func settings(_ url: String, caFile: String? = nil, passwordFile: String? = nil, timeout: Int = 30) throws
        -> SMTPSettings
    {
        try SMTPSettings(
            url: url, from: from, passwordFile: passwordFile ?? servers.passwordFile, caFile: caFile ?? servers.caFile,
            heloName: "dxskills-test", timeout: timeout)
    }

    func message(to address: String, name: String = "𠮷野 髙子", subject: String? = nil) throws -> MailMessage {
        MailMessage(
            from: from, to: try MailAddress(address, name: name),
            subject: subject ?? "【dxskills】お知らせ 2件 / 2 notifications: 情報処理安全確保支援士の有効期限",
            body: "お知らせが 2 件あります。\n\n- 資格 IPA-SC: 2027-03-01 に期限切れ\n.\n- ①②③\n\nEnglish below.\n")
    }

    @Test("Plain SMTP: the parsed message has the decoded subject, names, Message-ID, Date and the body")
    func plain() async throws {
        let address = TestMailServers.uniqueAddress()
        let sent = try message(to: address)
        let messageID = try await SMTPClient(settings: try settings(servers.plain)).send(sent)
        let mail = try #require(try await servers.received(by: address).first)
        #expect(mail.server == "plain" && !mail.tls)
        #expect(mail.rcptTos == [address] && mail.mailFrom == "noreply@city.example.jp")
        #expect(mail.subject == sent.subject)
        #expect(try #require(mail.rawSubject).hasPrefix("=?UTF-8?B?"))
        #expect(mail.from == ReceivedMail.Mailbox(name: "dxskills 通知", address: "noreply@city.example.jp"))
        #expect(mail.to == ReceivedMail.Mailbox(name: "𠮷野 髙子", address: address))
        #expect(mail.messageId == messageID)
        #expect(mail.autoSubmitted == "auto-generated")
        #expect(mail.contentType == "text/plain" && mail.charset == "utf-8")
        #expect(mail.body.replacingOccurrences(of: "\r\n", with: "\n") == sent.body)
        #expect(mail.defects.isEmpty)
        #expect(mail.date.hasSuffix("+0900"))
    }

    @Test("STARTTLS then AUTH, checked against the test CA")
    func startTLS() async throws {
        let address = TestMailServers.uniqueAddress()
        _ = try await SMTPClient(settings: try settings(servers.startTLS)).send(try message(to: address))
        let mail = try #require(try await servers.received(by: address).first)
        #expect(mail.server == "starttls" && mail.tls && mail.authenticatedAs == "dxskills")
    }

    @Test("TLS from the first byte (smtps://), then AUTH")
    func smtps() async throws {
        let address = TestMailServers.uniqueAddress()
        _ = try await SMTPClient(settings: try settings(servers.smtps)).send(try message(to: address))
        let mail = try #require(try await servers.received(by: address).first)
        #expect(mail.server == "smtps" && mail.tls && mail.authenticatedAs == "dxskills")
    }

    func failure(_ settings: SMTPSettings, to address: String = TestMailServers.uniqueAddress()) async throws
        -> MailError
    {
        let sent = try message(to: address)
        do {
            _ = try await SMTPClient(settings: settings).send(sent)
        } catch {
            return error
        }
        throw TestMailError("the message to \(address) was sent")
    }

    @Test("A wrong password is an authentication error with the server's 535, not a timeout")
    func wrongPassword() async throws {
        let wrong = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-wrong-\(UUID())").path
        try "not-the-password\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        let started = Date()
        let error = try await failure(try settings(servers.smtps, passwordFile: wrong, timeout: 30))
        #expect(error.kind == .authentication && error.code == 535 && !error.isTemporary, "\(error)")
        // Well before this client's 30-second timeout (a bound of 5 s was too tight on a loaded machine: 5.7 s).
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(!error.message.contains("not-the-password"))
    }

    @Test("A certificate from another CA is a TLS error, before anything is sent")
    func untrustedCertificate() async throws {
        for url in [servers.smtps, servers.startTLS] {
            let address = TestMailServers.uniqueAddress()
            let error = try await failure(try settings(url, caFile: servers.otherCAFile), to: address)
            #expect(error.kind == .tls, "\(url): \(error)")
            #expect(error.message.contains("certificate"))
            #expect(try await servers.received(by: address, seconds: 0.5).isEmpty)
        }
    }

    @Test("A server that greets with 554 is refused, permanently; a closed port is a temporary failure")
    func refusing() async throws {
        let error = try await failure(try settings(servers.refusing))
        #expect(error.kind == .refused && error.code == 554 && !error.isTemporary, "\(error)")
        let client = SMTPClient(settings: try settings(servers.refusing))
        do {
            try await client.check()
            Issue.record("check passed against the refusing server")
        } catch {
            #expect(error.code == 554)
        }
        let closed = try await failure(try settings("smtp://127.0.0.1:9"))
        #expect(closed.kind == .connection && closed.isTemporary, "\(closed)")
    }

    @Test("RCPT refused with 550 is permanent, with 451 temporary; starttls=required needs an offer")
    func recipients() async throws {
        let permanent = try await failure(try settings(servers.plain), to: "refuse-\(UUID())@example.jp")
        #expect(permanent.code == 550 && !permanent.isTemporary && permanent.message.contains("RCPT TO"))
        let temporary = try await failure(try settings(servers.plain), to: "later-\(UUID())@example.jp")
        #expect(temporary.code == 451 && temporary.isTemporary)
        let plainURL = servers.plain + "?starttls=required"
        let noTLS = try await failure(try settings(plainURL))
        #expect(noTLS.kind == .tls && noTLS.message.contains("STARTTLS"))
    }

    @Test("check() signs in and sends nothing")
    func check() async throws {
        let sender = try MailAddress(TestMailServers.uniqueAddress("check"))
        for url in [servers.startTLS, servers.plain] {
            var checked = try settings(url)
            checked.from = sender
            try await SMTPClient(settings: checked).check()
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try servers.all().allSatisfy { $0.mailFrom != sender.address })
    }
}
