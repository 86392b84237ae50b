import DXSkillsMail

/// Digests by mail through the SMTP client of DXSkillsMail, from DXSKILLS_MAIL_FROM.
public struct MailChannel: MailTransport {
    public let client: SMTPClient

    public init(settings: SMTPSettings) {
        client = SMTPClient(settings: settings)
    }

    /// The channel of the environment's settings (docs/mail.md); nil when DXSKILLS_SMTP_URL is unset.
    public static func fromEnvironment(_ environment: [String: String]) throws(MailError) -> MailChannel? {
        try SMTPSettings.fromEnvironment(environment).map(MailChannel.init)
    }

    public func send(to address: String, name: String, subject: String, body: String) async throws(DeliveryFailure)
        -> String
    {
        do {
            let message = MailMessage(
                from: client.settings.from, to: try MailAddress(address, name: name), subject: subject, body: body)
            return try await client.send(message)
        } catch {
            throw DeliveryFailure(error.message, temporary: error.isTemporary)
        }
    }
}
