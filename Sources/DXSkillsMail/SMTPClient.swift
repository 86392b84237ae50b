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
