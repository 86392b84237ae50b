import PostgresNIO

/// Notifications (reference §8): a run of the rules for a day, written to the outbox or only shown.
public enum Notifications {
    /// What a run found and, unless it was a dry run, wrote.
    public struct Run: Sendable {
        public let day: Day
        public let items: [NotificationItem]
        /// Items and digests written by this run: 0 when the day's run was already made.
        public let newItems: Int
        public let newDigests: Int
    }

    /// Where digests go besides the inbox: mail when the service has SMTP settings (to users with an
    /// address), and the tenant's webhook when it has one.
    public struct Channels: Sendable {
        public var mail: Bool
        public init(mail: Bool) { self.mail = mail }
    }

    /// The rules for `day` without writing anything (`notify run --dry-run`).
    public static func dryRun(tenant: String, on day: Day, connection: PostgresConnection, logger: Logger) async throws
        -> [NotificationItem]
    {
        let settings = try await NotificationSettings.load(connection: connection, logger: logger)
        return try await NotificationRules.items(
            tenant: tenant, on: day, settings: settings, connection: connection, logger: logger)
    }

    /// Runs the rules for `day` and writes their items and digests, in the caller's transaction.
    ///
    /// An advisory lock of the tenant serialises runs across replicas; with `onlyOnce` (the
    /// schedule) a run the day already had, or one another replica is making, does nothing and
    /// returns nil. A repeated run writes nothing new: items and digests have unique keys.
    public static func run(
        tenant: String, on day: Day, by actor: String, channels: Channels, onlyOnce: Bool = false,
        connection: PostgresConnection, logger: Logger
    ) async throws -> Run? {
        let lock = "dxskills.notify." + tenant
        if onlyOnce {
            let locked = try await connection.query("SELECT pg_try_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
                .decode(Bool.self).collect()
            guard locked.first == true else { return nil }
            let done = try await connection.query(
                "SELECT count(*)::integer FROM notification_runs WHERE day = \(day) AND ran_by = \(actor)", logger: logger
            ).decode(Int.self).collect()
            guard done.first == 0 else { return nil }
        } else {
            try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
        }
        let settings = try await NotificationSettings.load(connection: connection, logger: logger)
        let items = try await NotificationRules.items(
            tenant: tenant, on: day, settings: settings, connection: connection, logger: logger)
        let counted = try await connection.query(
            """
            WITH new AS (
              INSERT INTO notification_items (tenant_id, run_day, rule, recipient, employee_no, subject, day)
              SELECT current_setting('dxskills.tenant_id'), \(day), x.rule, x.recipient, nullif(x.employee_no, ''), x.subject, x.day::date
              FROM unnest(\(items.map(\.rule.rawValue))::text[], \(items.map(\.recipient))::text[],
                          \(items.map { $0.employeeNo ?? "" })::text[], \(items.map(\.subject))::text[],
                          \(items.map(\.day.description))::text[]) AS x(rule, recipient, employee_no, subject, day)
              ON CONFLICT DO NOTHING
              RETURNING recipient)
            SELECT recipient, count(*)::integer FROM new GROUP BY recipient
            """, logger: logger
        ).decode((String, Int).self).collect()
        let written = counted.map { $0.0 }
        let newItems = counted.reduce(0) { $0 + $1.1 }
        let digests =
            try await connection.query(
                """
                WITH new AS (
                  INSERT INTO notification_digests (tenant_id, recipient, day, channel, address)
                  SELECT current_setting('dxskills.tenant_id'), u.name, \(day), 'mail', u.email
                  FROM users u WHERE u.name = ANY (\(written)::text[]) AND u.email IS NOT NULL AND \(channels.mail)
                  UNION ALL
                  SELECT current_setting('dxskills.tenant_id'), r.name, \(day), 'webhook', \(settings.webhookURL)::text
                  FROM unnest(\(written)::text[]) AS r(name) WHERE \(settings.webhookURL)::text IS NOT NULL
                  ON CONFLICT DO NOTHING
                  RETURNING id)
                SELECT count(*)::integer FROM new
                """, logger: logger
            ).decode(Int.self).collect().first ?? 0
        try await connection.run(
            """
            INSERT INTO notification_runs (tenant_id, day, ran_by, new_items, new_digests)
            VALUES (current_setting('dxskills.tenant_id'), \(day), \(actor), \(newItems), \(digests))
            """, logger: logger)
        return Run(day: day, items: items, newItems: newItems, newDigests: digests)
    }
}
