import Foundation

/// Where and how to send mail, from `DXSKILLS_SMTP_URL` and its companions (docs/mail.md):
///
///     smtp://[user@]host[:port][?starttls=auto|required|off]   (port 25; STARTTLS when offered)
///     smtps://[user@]host[:port]                                (port 465; TLS from the start)
///
/// The password is read from `DXSKILLS_SMTP_PASSWORD_FILE`, never from the URL. A user name is only
/// sent over TLS.
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        /// TLS from the first byte (`smtps://`).
        case tls
        /// STARTTLS, and the message is not sent without it.
        case startTLSRequired = "required"
        /// STARTTLS when the server offers it.
        case startTLSAuto = "auto"
        /// Never STARTTLS (a relay on the same host).
        case none = "off"
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var from: MailAddress
    /// A PEM file of the certificates to trust instead of the system's.
    public var caFile: String?
    /// The name this client gives in EHLO.
    public var heloName: String
    /// Seconds to wait for a connection or a reply.
    public var timeout: Int

    public init(
        url: String, from: MailAddress, passwordFile: String? = nil, caFile: String? = nil, heloName: String? = nil,
        timeout: Int = 30
    ) throws(MailError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw .configuration(
                "DXSKILLS_SMTP_URL「\(url)」は smtp://host:port か smtps://host:port の形にしてください / DXSKILLS_SMTP_URL \"\(url)\" must look like smtp://host:port or smtps://host:port"
            )
        }
        guard components.password == nil else {
            throw .configuration(
                "DXSKILLS_SMTP_URL にパスワードを書かず、DXSKILLS_SMTP_PASSWORD_FILE を使ってください / put the password in DXSKILLS_SMTP_PASSWORD_FILE, not in DXSKILLS_SMTP_URL"
            )
        }
        var starttls = Security.startTLSAuto
        for item in components.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("starttls", let value):
                guard let parsed = Security(rawValue: value), parsed != .tls else {
                    throw .configuration(
                        "starttls は auto, required, off のどれかです / starttls must be auto, required or off, not \"\(value)\""
                    )
                }
                starttls = parsed
            default:
                throw .configuration(
                    "DXSKILLS_SMTP_URL の「\(item.name)」は分かりません / unknown DXSKILLS_SMTP_URL parameter \"\(item.name)\"")
            }
        }
        switch scheme {
        case "smtp":
            security = starttls
            port = components.port ?? 25
        case "smtps":
            security = .tls
            port = components.port ?? 465
        default:
            throw .configuration(
                "DXSKILLS_SMTP_URL は smtp:// か smtps:// で始めてください / DXSKILLS_SMTP_URL must start with smtp:// or smtps://, not \(scheme)://"
            )
        }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.username = components.user.map { $0.removingPercentEncoding ?? $0 }
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw .configuration(
                    "パスワードファイル \(passwordFile) を読めません / cannot read the password file \(passwordFile)")
            }
            password = text.hasSuffix("\r\n") ? String(text.dropLast(2)) : text.hasSuffix("\n") ? String(text.dropLast()) : text
        } else {
            password = nil
        }
        if username != nil, password == nil {
            throw .configuration(
                "DXSKILLS_SMTP_URL にユーザー名がありますが DXSKILLS_SMTP_PASSWORD_FILE がありません / DXSKILLS_SMTP_URL names a user but DXSKILLS_SMTP_PASSWORD_FILE is not set"
            )
        }
        if username != nil, security == .none {
            throw .configuration(
                "starttls=off ではパスワードが平文で流れるため、ユーザー名は使えません / a user name needs TLS: drop starttls=off or use smtps://"
            )
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw .configuration("証明書ファイル \(caFile) を読めません / cannot read the CA file \(caFile)")
        }
        self.from = from
        self.caFile = caFile
        self.heloName = heloName ?? ProcessInfo.processInfo.hostName
        self.timeout = timeout
    }

    /// The settings from the environment, or nil when `DXSKILLS_SMTP_URL` is unset (no mail).
    /// `DXSKILLS_MAIL_FROM` is `address` or `名前 <address>`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(MailError)
        -> SMTPSettings?
    {
        guard let url = environment["DXSKILLS_SMTP_URL"], !url.isEmpty else { return nil }
        guard let fromText = environment["DXSKILLS_MAIL_FROM"], !fromText.isEmpty else {
            throw .configuration(
                "DXSKILLS_SMTP_URL があるのに差出人 DXSKILLS_MAIL_FROM がありません / DXSKILLS_SMTP_URL is set but the From address DXSKILLS_MAIL_FROM is not"
            )
        }
        let timeout = environment["DXSKILLS_SMTP_TIMEOUT_SECONDS"].flatMap { Int($0) } ?? 30
        return try SMTPSettings(
            url: url, from: try parseMailbox(fromText), passwordFile: environment["DXSKILLS_SMTP_PASSWORD_FILE"],
            caFile: environment["DXSKILLS_SMTP_CA_FILE"], heloName: environment["DXSKILLS_SMTP_HELO"],
            timeout: max(1, timeout))
    }

    /// `address` or `Name <address>`.
    public static func parseMailbox(_ text: String) throws(MailError) -> MailAddress {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            return try MailAddress(address, name: name)
        }
        return try MailAddress(trimmed)
    }
}
