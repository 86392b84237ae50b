import Foundation
import PostgresNIO

/// A digest taken from the outbox to deliver: one recipient's items of one day, for one channel.
public struct Digest: Sendable {
    public struct Line: Sendable, Equatable {
        public let rule: NotificationRule
        public let employeeNo: String?
        /// The staff member's name, when the item is about one.
        public let name: String?
        public let subject: String
        /// The certification's or unit's name, when the subject has one.
        public let subjectName: String?
        public let day: Day

        public init(
            rule: NotificationRule, employeeNo: String?, name: String?, subject: String, subjectName: String?, day: Day
        ) {
            self.rule = rule
            self.employeeNo = employeeNo
            self.name = name
            self.subject = subject
            self.subjectName = subjectName
            self.day = day
        }
    }
    public let tenant: String
    public let id: Int
    public let recipient: String
    /// The recipient's own name when the user is a staff member, else the user name.
    public let recipientName: String
    public let day: Day
    public let channel: String
    public let address: String
    public let attempts: Int
    public let lines: [Line]
}

/// Why a delivery failed; a temporary failure is tried again later.
public struct DeliveryFailure: Error, Sendable {
    public let message: String
    public let temporary: Bool
    public init(_ message: String, temporary: Bool) {
        self.message = message
        self.temporary = temporary
    }
}

/// The outbox's side of delivery: take a due digest with a lease, then mark it sent, or failed,
/// or due again later with exponential back-off.
public enum NotificationOutbox {
    /// How long a taken digest is another sender's to deliver; after it, the digest is due again
    /// (the sender crashed between sending and marking). Tests set DXSKILLS_NOTIFY_LEASE_SECONDS.
    public static var leaseSeconds: Int { environmentInt("DXSKILLS_NOTIFY_LEASE_SECONDS", default: 300) }
    /// The first retry's wait; each later one waits twice as long (DXSKILLS_NOTIFY_RETRY_SECONDS).
    public static var retrySeconds: Int { environmentInt("DXSKILLS_NOTIFY_RETRY_SECONDS", default: 60) }
    /// Tries before a digest is marked failed.
    public static let maximumAttempts = 8

    /// The next due digest of the transaction's tenant, taken for the lease; nil when none is due.
    public static func take(tenant: String, connection: PostgresConnection, logger: Logger) async throws -> Digest? {
        let lease = leaseSeconds
        let taken = try await connection.query(
            """
            UPDATE notification_digests d
            SET state = 'sending', attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => \(lease))
            WHERE d.id = (
              SELECT id FROM notification_digests
              WHERE state IN ('pending', 'sending') AND next_attempt_at <= now()
              ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING d.id, d.recipient, d.day, d.channel, d.address, d.attempts,
              coalesce((SELECT s.name FROM users u JOIN staff s ON s.employee_no = u.employee_no
                        WHERE u.name = d.recipient), d.recipient)
            """, logger: logger
        ).decode((Int, String, Day, String, String, Int, String).self).collect()
        guard let (id, recipient, day, channel, address, attempts, recipientName) = taken.first else { return nil }
        let lines = try await connection.query(
            """
            SELECT \(unescaped: lineColumns) FROM \(unescaped: lineSource)
            WHERE i.recipient = \(recipient) AND i.run_day = \(day)
            ORDER BY i.rule COLLATE "C", i.employee_no COLLATE "C" NULLS FIRST, i.subject COLLATE "C", i.day
            """, logger: logger
        ).decode(LineRow.self).collect()
        return Digest(
            tenant: tenant, id: id, recipient: recipient, recipientName: recipientName, day: day, channel: channel,
            address: address, attempts: attempts, lines: lines.compactMap(line))
    }

    /// An item as a digest line, for the digests and the inbox alike: `lineColumns` of `lineSource`
    /// give the rule, whom it is about and their name, the subject and its name (a certification's or
    /// unit's), and the day.
    static let lineSource = "notification_items i LEFT JOIN staff s ON s.employee_no = i.employee_no"
    static let lineColumns = """
        i.rule, i.employee_no, s.name, i.subject,
        CASE i.rule WHEN 'cert_expiring' THEN (SELECT c.name FROM certifications c WHERE c.code = i.subject)
                    WHEN 'leader_missing' THEN (SELECT u.name FROM units u WHERE u.code = i.subject)
                    WHEN 'term_ending' THEN (SELECT u.name FROM units u WHERE u.code = i.subject) END,
        i.day
        """
    typealias LineRow = (String, String?, String?, String, String?, Day)

    static func line(_ row: LineRow) -> Digest.Line? {
        NotificationRule(rawValue: row.0).map {
            Digest.Line(rule: $0, employeeNo: row.1, name: row.2, subject: row.3, subjectName: row.4, day: row.5)
        }
    }

    public static func markSent(_ digest: Digest, messageID: String?, connection: PostgresConnection, logger: Logger)
        async throws
    {
        try await connection.run(
            """
            UPDATE notification_digests SET state = 'sent', sent_at = now(), message_id = \(messageID), last_error = NULL
            WHERE id = \(digest.id) AND state = 'sending'
            """, logger: logger)
    }

    /// A temporary failure waits `retrySeconds` × 2^(attempts − 1) and is tried again, up to
    /// `maximumAttempts`; a permanent one, or the last try, marks the digest failed.
    /// Returns whether the digest is now failed for good.
    @discardableResult
    public static func markFailed(
        _ digest: Digest, _ failure: DeliveryFailure, connection: PostgresConnection, logger: Logger
    ) async throws -> Bool {
        let final = !failure.temporary || digest.attempts >= maximumAttempts
        let wait = retrySeconds * (1 << min(digest.attempts - 1, 16))
        try await connection.run(
            """
            UPDATE notification_digests
            SET state = CASE WHEN \(final) THEN 'failed' ELSE 'pending' END, last_error = \(String(failure.message.prefix(2000))),
                next_attempt_at = now() + make_interval(secs => \(wait))
            WHERE id = \(digest.id) AND state = 'sending'
            """, logger: logger)
        return final
    }

    /// A whole number of seconds from the environment, or `value` when unset or not a number ≥ 0.
    public static func environmentInt(_ name: String, default value: Int) -> Int {
        guard let text = getenv(name).map({ String(cString: $0) }), let number = Int(text), number >= 0 else {
            return value
        }
        return number
    }
}
