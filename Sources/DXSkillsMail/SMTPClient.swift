import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import Synchronization

/// One reply of the server: its code and the text of each line.
struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]
    var text: String { lines.joined(separator: " / ") }
}

/// A small SMTP client (RFC 5321) on SwiftNIO: one connection per message, EHLO, STARTTLS or TLS from
/// the start, AUTH PLAIN or LOGIN, then MAIL, RCPT, DATA and QUIT. Every wait is bounded by the
/// settings' timeout.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    let group: any EventLoopGroup

    public init(settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.group = group
    }

    /// Sends the message and returns its Message-ID.
    public func send(_ message: MailMessage) async throws(MailError) -> String {
        let messageID = message.newMessageID()
        let text = message.rendered(messageID: messageID)
        try await session { conversation in
            try await conversation.deliver(text, from: message.from.address, to: message.to.address)
        }
        return messageID
    }

    /// Connects, negotiates TLS and signs in as for a message, then quits without sending one: for
    /// `dxskills doctor` and the service's start-up.
    public func check() async throws(MailError) {
        try await session { _ in }
    }

    private func session(_ body: (SMTPConversation) async throws -> Void) async throws(MailError) {
        // A failed handshake may close the channel before the error reaches a read: keep it to report.
        let tlsErrors = TLSErrorRecorder()
        do {
            let context = try makeTLSContext()
            let settings = settings
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(Int64(settings.timeout)))
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if settings.security == .tls {
                            try channel.pipeline.syncOperations.addHandlers([
                                try NIOSSLClientHandler(context: context, serverHostname: Self.sniName(settings.host)),
                                tlsErrors,
                            ])
                        }
                        try channel.pipeline.syncOperations.addHandlers([
                            IdleStateHandler(readTimeout: .seconds(Int64(settings.timeout))),
                            CloseOnReadTimeout(),
                            ByteToMessageHandler(LineBasedFrameDecoder()),
                        ])
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            try await channel.executeThenClose { inbound, outbound in
                let conversation = SMTPConversation(
                    channel: channel.channel, inbound: inbound.makeAsyncIterator(), outbound: outbound,
                    settings: settings, tlsContext: context, tlsErrors: tlsErrors)
                try await conversation.open()
                try await body(conversation)
                try await conversation.quit()
            }
        } catch let error as MailError {
            if let tls = tlsErrors.error, error.kind == .connection { throw Self.describe(tls, settings: settings) }
            throw error
        } catch {
            throw Self.describe(tlsErrors.error ?? error, settings: settings)
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile {
            configuration.trustRoots = .file(caFile)
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw MailError.configuration(
                "TLS の設定を作れません (DXSKILLS_SMTP_CA_FILE を確かめてください) / cannot set up TLS (check DXSKILLS_SMTP_CA_FILE): \(error)"
            )
        }
    }

    /// SNI takes host names only; an IP address is checked against the certificate without it.
    static func sniName(_ host: String) -> String? {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1 ? nil : host
    }

    /// Names what went wrong below SMTP without the password, in both languages.
    static func describe(_ error: any Error, settings: SMTPSettings) -> MailError {
        let server = "\(settings.host):\(settings.port)"
        switch error {
        case let error as NIOSSLError:
            return MailError(
                .tls,
                "SMTP サーバー \(server) と TLS で接続できません (証明書を確かめてください) / TLS with the SMTP server \(server) failed (check its certificate): \(error)",
                temporary: true)
        case let error as BoringSSLError:
            return MailError(
                .tls,
                "SMTP サーバー \(server) の証明書を検証できません / the certificate of the SMTP server \(server) could not be verified: \(error)",
                temporary: true)
        case ChannelError.connectTimeout:
            return MailError(
                .connection,
                "SMTP サーバー \(server) に \(settings.timeout) 秒以内に接続できません / no connection to the SMTP server \(server) within \(settings.timeout) s",
                temporary: true)
        default:
            return MailError(
                .connection,
                "SMTP サーバー \(server) と通信できません / cannot talk to the SMTP server \(server): \(error)",
                temporary: true)
        }
    }
}

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

/// Closes the connection when the server has not answered within the read timeout.
final class CloseOnReadTimeout: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Keeps the first TLS error that passes (a failed handshake), so that the client reports it rather
/// than the closed channel it leaves behind.
final class TLSErrorRecorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let recorded = Mutex<(any Error)?>(nil)

    var error: (any Error)? { recorded.withLock { $0 } }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError || error is BoringSSLError {
            recorded.withLock { if $0 == nil { $0 = error } }
        }
        context.fireErrorCaught(error)
    }
}
