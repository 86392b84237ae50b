import Logging
import PostgresNIO

/// Sends mail for the sender; the service's SMTP client (`MailChannel`) is the one in use.
public protocol MailTransport: Sendable {
    /// Sends one message and returns its Message-ID.
    func send(to address: String, name: String, subject: String, body: String) async throws(DeliveryFailure) -> String
}

/// Delivers the outbox's due digests of each tenant: takes one with a lease (committed), sends it,
/// then marks it (committed). A crash between the send and the mark sends that one digest again
/// when its lease runs out; nothing is lost.
public struct NotificationSender: Sendable {
    public let database: Database
    public let mail: (any MailTransport)?
    public let webhook: WebhookChannel
    public let publicURL: String
    public let logger: Logger

    public init(
        database: Database, mail: (any MailTransport)?, webhook: WebhookChannel = WebhookChannel(), publicURL: String,
        logger: Logger
    ) {
        self.database = database
        self.mail = mail
        self.webhook = webhook
        self.publicURL = publicURL
        self.logger = logger
    }

    /// Delivers every digest of the tenant that is due now; returns how many were sent.
    @discardableResult
    public func deliverDue(tenant: String) async throws -> Int {
        let context = TenantContext(tenant: tenant, actor: "notify")
        let settings = try await database.transaction(context) { connection in
            try await NotificationSettings.load(connection: connection, logger: logger)
        }
        var sent = 0
        while !Task.isCancelled {
            guard
                let digest = try await database.transaction(
                    context,
                    { connection in
                        try await NotificationOutbox.take(tenant: tenant, connection: connection, logger: logger)
                    })
            else { break }
            let channel = DeliveryChannel(rawValue: digest.channel) ?? .mail
            do {
                let messageID = try await deliver(digest, channel: channel, settings: settings)
                try await database.transaction(context) { connection in
                    try await NotificationOutbox.markSent(digest, messageID: messageID, connection: connection, logger: logger)
                }
                database.counters?.notificationDelivered(channel: channel, outcome: .sent)
                logger.info(
                    "notification digest sent",
                    metadata: ["tenant": "\(tenant)", "digest": "\(digest.id)", "channel": "\(channel.rawValue)"])
                sent += 1
            } catch let failure as DeliveryFailure {
                let final = try await database.transaction(context) { connection in
                    try await NotificationOutbox.markFailed(digest, failure, connection: connection, logger: logger)
                }
                database.counters?.notificationDelivered(channel: channel, outcome: final ? .failed : .retried)
                logger.warning(
                    "notification digest not delivered",
                    metadata: [
                        "tenant": "\(tenant)", "digest": "\(digest.id)", "channel": "\(channel.rawValue)",
                        "attempt": "\(digest.attempts)", "final": "\(final)", "error": "\(failure.message)",
                    ])
            }
        }
        return sent
    }

    func deliver(_ digest: Digest, channel: DeliveryChannel, settings: NotificationSettings) async throws -> String? {
        switch channel {
        case .mail:
            guard let mail else {
                throw DeliveryFailure(
                    "メールの設定 (DXSKILLS_SMTP_URL) がありません / mail is not configured (DXSKILLS_SMTP_URL)",
                    temporary: true)
            }
            let text = DigestText(digest, publicURL: publicURL)
            return try await mail.send(
                to: digest.address, name: digest.recipientName, subject: text.subject, body: text.body)
        case .webhook:
            guard let file = settings.webhookSecretFile else {
                throw DeliveryFailure(
                    "Webhook の署名鍵ファイルが設定されていません / the webhook has no key file set", temporary: false)
            }
            let key = try WebhookChannel.key(file: file)
            try await webhook.post(
                url: digest.address, body: try WebhookChannel.body(digest, publicURL: publicURL), key: key)
            return nil
        }
    }
}
