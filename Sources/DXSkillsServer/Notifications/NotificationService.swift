import DXSkillsCore
import Foundation
import Logging
import ServiceLifecycle

/// The service's notification work (reference §8): each tenant's daily run of the rules at its
/// time (08:00 JST by default), and the delivery of due digests. A service that was down at the
/// time runs them when it starts: a run is idempotent, and an advisory lock leaves it to one
/// replica. Polls every `interval` (DXSKILLS_NOTIFY_POLL_SECONDS, default 30).
public struct NotificationService: Service {
    let database: Database
    let sender: NotificationSender
    let channels: Notifications.Channels
    let interval: Duration
    let logger: Logger

    public init(
        database: Database, mail: (any MailTransport)?, publicURL: String, logger: Logger,
        interval: Duration = .seconds(NotificationService.pollSeconds)
    ) {
        self.database = database
        self.sender = NotificationSender(database: database, mail: mail, publicURL: publicURL, logger: logger)
        self.channels = Notifications.Channels(mail: mail != nil)
        self.interval = interval
        self.logger = logger
    }

    public static var pollSeconds: Int {
        let seconds = NotificationOutbox.environmentInt("DXSKILLS_NOTIFY_POLL_SECONDS", default: 30)
        return seconds > 0 ? seconds : 30
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await tick()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One round: each tenant's run if it is due, then its deliveries. A failure is logged and the
    /// next round tries again; it never stops the service.
    func tick() async {
        let tenants: [(String, String)]
        do {
            tenants = try await database.withConnection { connection in
                try await connection.query(
                    "SELECT tenant_id, to_char(run_at, 'HH24:MI') FROM notification_tenants()", logger: logger
                ).decode((String, String).self).collect()
            }
        } catch {
            logger.warning("notifications: cannot list tenants", metadata: ["error": "\(String(reflecting: error))"])
            return
        }
        let now = Self.tokyoMinutes()
        for (tenant, runAt) in tenants {
            do {
                if let at = NotificationSettings.minutes(runAt), now >= at {
                    let run = try await database.transaction(TenantContext(tenant: tenant, actor: "schedule")) {
                        connection in
                        try await Notifications.run(
                            tenant: tenant, on: Day.today(), by: "schedule", channels: channels, onlyOnce: true,
                            connection: connection, logger: logger)
                    }
                    if let run {
                        if run.newItems > 0 { database.counters?.notificationItemsWritten(run.newItems) }
                        logger.info(
                            "notification rules run",
                            metadata: [
                                "tenant": "\(tenant)", "day": "\(run.day)", "items": "\(run.newItems)",
                                "digests": "\(run.newDigests)",
                            ])
                    }
                }
                try await sender.deliverDue(tenant: tenant)
            } catch {
                logger.warning(
                    "notifications: tenant round failed",
                    metadata: ["tenant": "\(tenant)", "error": "\(String(reflecting: error))"])
            }
        }
    }

    /// Minutes after midnight, Asia/Tokyo.
    static func tokyoMinutes() -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let parts = calendar.dateComponents([.hour, .minute], from: Date())
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}
