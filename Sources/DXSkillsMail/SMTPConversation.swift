import Foundation
import NIOCore
import NIOSSL

/// The commands of one connection, in order.
final class SMTPConversation {
    let channel: any Channel
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let settings: SMTPSettings
    let tlsContext: NIOSSLContext
    let tlsErrors: TLSErrorRecorder
    var secure: Bool
    var capabilities: [String] = []

    init(
        channel: any Channel, inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, settings: SMTPSettings, tlsContext: NIOSSLContext,
        tlsErrors: TLSErrorRecorder
    ) {
        self.channel = channel
        self.inbound = inbound
        self.outbound = outbound
        self.settings = settings
        self.tlsContext = tlsContext
        self.tlsErrors = tlsErrors
        self.secure = settings.security == .tls
    }

    /// The greeting, EHLO, STARTTLS when wanted, and AUTH when a user is set.
    func open() async throws {
        let greeting = try await readReply()
        guard greeting.code == 220 else { throw MailError.reply(greeting, to: "接続 / the connection") }
        try await hello()
        let offersTLS = capabilities.contains { $0.uppercased() == "STARTTLS" }
        switch settings.security {
        case .startTLSRequired where !offersTLS:
            throw MailError(
                .tls,
                "SMTP サーバーが STARTTLS を提供していません (starttls=required) / the SMTP server does not offer STARTTLS (starttls=required)",
                temporary: true)
        case .startTLSRequired,
            .startTLSAuto where offersTLS:
            try await command("STARTTLS", expect: [220])
            let (channel, context, host, recorder) = (channel, tlsContext, settings.host, tlsErrors)
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: context, serverHostname: SMTPClient.sniName(host))
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
                try channel.pipeline.syncOperations.addHandler(recorder, position: .after(handler))
            }.get()
            secure = true
            try await hello()
        default:
            break
        }
        if let username = settings.username, let password = settings.password {
            try await authenticate(username: username, password: password)
        }
    }

    func hello() async throws {
        let reply = try await exchange("EHLO \(settings.heloName)")
        if reply.code == 250 {
            capabilities = Array(reply.lines.dropFirst())
            return
        }
        try await command("HELO \(settings.heloName)", expect: [250])
        capabilities = []
    }

    func authenticate(username: String, password: String) async throws {
        guard secure else {
            throw MailError(
                .tls,
                "TLS なしではパスワードを送りません (サーバーが STARTTLS を提供していません) / the password is not sent without TLS, and the server offers no STARTTLS",
                temporary: false)
        }
        let mechanisms =
            capabilities.first { $0.uppercased().hasPrefix("AUTH ") || $0.uppercased().hasPrefix("AUTH=") }
            .map { $0.dropFirst(5).uppercased().split(separator: " ").map(String.init) } ?? []
        if mechanisms.contains("PLAIN") {
            let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            let reply = try await exchange("AUTH PLAIN \(token)")
            try check(reply, expect: [235], name: "AUTH")
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", expect: [334], name: "AUTH")
            try await command(Data(username.utf8).base64EncodedString(), expect: [334], name: "AUTH")
            try await command(Data(password.utf8).base64EncodedString(), expect: [235], name: "AUTH")
        } else {
            throw MailError(
                .authentication,
                "SMTP サーバーが AUTH PLAIN も LOGIN も提供していません / the SMTP server offers neither AUTH PLAIN nor LOGIN",
                temporary: false)
        }
    }

    /// MAIL, RCPT, DATA with the text dot-stuffed, and the final dot.
    func deliver(_ text: String, from: String, to: String) async throws {
        try await command("MAIL FROM:<\(from)>", expect: [250], name: "MAIL FROM")
        try await command("RCPT TO:<\(to)>", expect: [250, 251], name: "RCPT TO")
        try await command("DATA", expect: [354])
        var data = ""
        for line in text.components(separatedBy: "\r\n").dropLast() {
            data += (line.hasPrefix(".") ? "." : "") + line + "\r\n"
        }
        data += ".\r\n"
        try await outbound.write(ByteBuffer(string: data))
        try check(try await readReply(), expect: [250], name: "DATA")
    }

    func quit() async throws {
        _ = try? await exchange("QUIT")
    }

    @discardableResult
    func command(_ line: String, expect codes: Set<Int>, name: String? = nil) async throws -> SMTPReply {
        let reply = try await exchange(line)
        try check(reply, expect: codes, name: name ?? String(line.prefix { $0 != " " }))
        return reply
    }

    func check(_ reply: SMTPReply, expect codes: Set<Int>, name: String) throws {
        guard codes.contains(reply.code) else { throw MailError.reply(reply, to: name) }
    }

    func exchange(_ line: String) async throws -> SMTPReply {
        try await outbound.write(ByteBuffer(string: line + "\r\n"))
        return try await readReply()
    }

    /// A reply's lines: `250-…` goes on, `250 …` ends it.
    func readReply() async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            guard var buffer = try await inbound.next() else {
                throw MailError(
                    .connection,
                    "SMTP サーバーが応答せずに接続を閉じました (\(settings.timeout) 秒) / the SMTP server closed the connection or did not answer within \(settings.timeout) s",
                    temporary: true)
            }
            let line = buffer.readString(length: buffer.readableBytes) ?? ""
            guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else {
                throw MailError(
                    .connection, "SMTP サーバーの応答が読めません / the SMTP server's reply is not SMTP: \(line.prefix(80))",
                    temporary: true)
            }
            let rest = line.dropFirst(3)
            lines.append(String(rest.dropFirst()))
            if !rest.hasPrefix("-") { return SMTPReply(code: code, lines: lines) }
        }
    }
}
