import Foundation
import PostgresNIO

/// One item of a user's inbox (the dashboard's bell page, `notify inbox`).
public struct InboxItem: Sendable, Equatable {
    public let id: Int
    /// The item as the recipient's digest shows it.
    public let line: Digest.Line
    public let runDay: Day
    public let read: Bool
}

extension Notifications {
    /// The caller's own items, newest first; nobody reads another user's inbox.
    public static func inbox(principal: Principal, limit: Int = 200, connection: PostgresConnection, logger: Logger)
        async throws -> [InboxItem]
    {
        let limit = min(max(limit, 1), 1000)
        return try await connection.query(
            """
            SELECT i.id, i.run_day, i.read_at IS NOT NULL, \(unescaped: NotificationOutbox.lineColumns)
            FROM \(unescaped: NotificationOutbox.lineSource)
            WHERE i.recipient = \(principal.userName)
            ORDER BY i.run_day DESC, i.id DESC
            LIMIT \(limit)
            """, logger: logger
        ).decode((Int, Day, Bool, String, String?, String?, String, String?, Day).self).collect().compactMap { row in
            NotificationOutbox.line((row.3, row.4, row.5, row.6, row.7, row.8)).map {
                InboxItem(id: row.0, line: $0, runDay: row.1, read: row.2)
            }
        }
    }

    /// Marks the caller's unread items read (all of them, or those numbered); returns how many changed.
    public static func markRead(principal: Principal, ids: [Int]?, connection: PostgresConnection, logger: Logger)
        async throws -> Int
    {
        try await connection.query(
            """
            WITH changed AS (
              UPDATE notification_items SET read_at = now()
              WHERE recipient = \(principal.userName) AND read_at IS NULL
                AND (\(ids == nil) OR id = ANY (\(ids ?? [])::bigint[]))
              RETURNING 1)
            SELECT count(*)::integer FROM changed
            """, logger: logger
        ).decode(Int.self).collect().first ?? 0
    }
}

/// The outbox's state (`notify status`): the latest runs, digests per channel and state, and the
/// failed ones with their last error.
public struct NotificationStatus: Sendable {
    public struct RunRow: Sendable {
        public let day: Day
        public let ranBy: String
        public let ranAt: Date
        public let newItems: Int
        public let newDigests: Int
    }
    public struct Count: Sendable {
        public let channel: String
        public let state: String
        public let count: Int
    }
    public struct Failure: Sendable {
        public let id: Int
        public let recipient: String
        public let day: Day
        public let channel: String
        public let state: String
        public let attempts: Int
        public let lastError: String
    }
    public let runs: [RunRow]
    public let counts: [Count]
    /// Failed digests, and pending ones that failed at least once.
    public let failures: [Failure]

    public static func load(principal: Principal, connection: PostgresConnection, logger: Logger) async throws
        -> NotificationStatus
    {
        try principal.require(.admin, .hr, to: .actReadOutbox)
        let runs = try await connection.query(
            """
            SELECT day, ran_by, ran_at, new_items, new_digests FROM notification_runs ORDER BY ran_at DESC, id DESC LIMIT 10
            """, logger: logger
        ).decode((Day, String, Date, Int, Int).self).collect().map {
            RunRow(day: $0.0, ranBy: $0.1, ranAt: $0.2, newItems: $0.3, newDigests: $0.4)
        }
        let counts = try await connection.query(
            """
            SELECT channel, state, count(*)::integer FROM notification_digests GROUP BY channel, state ORDER BY channel, state
            """, logger: logger
        ).decode((String, String, Int).self).collect().map { Count(channel: $0.0, state: $0.1, count: $0.2) }
        let failures = try await connection.query(
            """
            SELECT id, recipient, day, channel, state, attempts, last_error FROM notification_digests
            WHERE last_error IS NOT NULL AND state IN ('failed', 'pending')
            ORDER BY day DESC, id DESC LIMIT 100
            """, logger: logger
        ).decode((Int, String, Day, String, String, Int, String).self).collect().map {
            Failure(id: $0.0, recipient: $0.1, day: $0.2, channel: $0.3, state: $0.4, attempts: $0.5, lastError: $0.6)
        }
        return NotificationStatus(runs: runs, counts: counts, failures: failures)
    }
}
