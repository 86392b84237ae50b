/// Why a message could not be sent, in Japanese and English, and whether trying again later may help
/// (a 4xx reply, a refused or dropped connection, a timeout) or not (a 5xx reply, a bad setting).
public struct MailError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A setting is missing or malformed (DXSKILLS_SMTP_URL, DXSKILLS_MAIL_FROM, a file).
        case configuration
        /// No connection, or it dropped, or the server stopped answering.
        case connection
        /// The TLS handshake failed, for example on a certificate that is not trusted.
        case tls
        /// The server refused the user name or password.
        case authentication
        /// The server answered a command with an error reply.
        case refused
    }

    public let kind: Kind
    /// The SMTP reply code, when the server gave one.
    public let code: Int?
    public let message: String
    public let isTemporary: Bool

    public init(_ kind: Kind, code: Int? = nil, _ message: String, temporary: Bool) {
        self.kind = kind
        self.code = code
        self.message = message
        self.isTemporary = temporary
    }

    public var description: String { message }

    static func configuration(_ message: String) -> MailError {
        MailError(.configuration, message, temporary: false)
    }

    /// An error reply to `command`: 4xx is temporary, 5xx is not.
    static func reply(_ reply: SMTPReply, to command: String) -> MailError {
        let kind: Kind =
            (reply.code == 535 || reply.code == 534 || reply.code == 454 && command == "AUTH")
            ? .authentication : .refused
        let what =
            kind == .authentication
            ? "SMTP サーバーが認証を拒否しました / the SMTP server refused the user name or password"
            : "SMTP サーバーが \(command) を拒否しました / the SMTP server refused \(command)"
        return MailError(
            kind, code: reply.code, "\(what): \(reply.code) \(reply.text)", temporary: (400..<500).contains(reply.code))
    }
}
