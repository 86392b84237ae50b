import Foundation
import PostgresNIO

/// A tenant's notification settings (reference §8): the thresholds of the rules, the time of the
/// daily run and the webhook.
public struct NotificationSettings: Sendable, Equatable {
    public var certDays: [Int] = [90, 30, 7]
    public var planDays: [Int] = [90, 30, 7]
    public var claimDays: Int = 3
    /// Hours and minutes, Asia/Tokyo.
    public var runAt: String = "08:00"
    public var webhookURL: String?
    public var webhookSecretFile: String?

    public init() {}

    /// The tenant's settings, or the defaults when it has set none.
    public static func load(connection: PostgresConnection, logger: Logger) async throws -> NotificationSettings {
        var settings = NotificationSettings()
        let rows = try await connection.query(
            """
            SELECT cert_days, plan_days, claim_days, to_char(run_at, 'HH24:MI'), webhook_url, webhook_secret_file
            FROM notification_settings
            """, logger: logger)
        for try await (cert, plan, claim, runAt, url, secret) in rows.decode(
            ([Int], [Int], Int, String, String?, String?).self)
        {
            settings.certDays = cert
            settings.planDays = plan
            settings.claimDays = claim
            settings.runAt = runAt
            settings.webhookURL = url
            settings.webhookSecretFile = secret
        }
        return settings
    }

    /// Writes the settings of the tenant bound to the transaction (the schema owner's `admin tenant set`).
    public func save(connection: PostgresConnection, logger: Logger) async throws {
        try validate()
        try await connection.run(
            """
            INSERT INTO notification_settings
              (tenant_id, cert_days, plan_days, claim_days, run_at, webhook_url, webhook_secret_file)
            VALUES (current_setting('dxskills.tenant_id'), \(certDays), \(planDays), \(claimDays), \(runAt)::time,
                    \(webhookURL), \(webhookSecretFile))
            ON CONFLICT (tenant_id) DO UPDATE SET
              cert_days = EXCLUDED.cert_days, plan_days = EXCLUDED.plan_days, claim_days = EXCLUDED.claim_days,
              run_at = EXCLUDED.run_at, webhook_url = EXCLUDED.webhook_url,
              webhook_secret_file = EXCLUDED.webhook_secret_file
            """, logger: logger)
    }

    /// Every problem at once, naming the setting.
    public func validate() throws(DXSkillsError) {
        var problems: [MessageValue] = []
        func days(_ list: [Int], _ name: String, minimum: Int) {
            if list.isEmpty || list.count > 10 { problems.append(.message(Message(.settingDaysCount, ["name": "\(name)"]))) }
            if let bad = list.first(where: { !(minimum...3650).contains($0) }) {
                problems.append(
                    .message(Message(.settingDaysRange, ["name": "\(name)", "value": "\(bad)", "min": "\(minimum)"])))
            }
        }
        days(certDays, "--notify-cert-days", minimum: 0)
        days(planDays, "--notify-plan-days", minimum: 1)
        if !(1...365).contains(claimDays) {
            problems.append(
                .message(
                    Message(
                        .parameterRange, ["name": "--notify-claim-days", "min": "1", "max": "365", "value": "\(claimDays)"])))
        }
        if Self.minutes(runAt) == nil { problems.append(.message(Message(.settingTime, ["value": "\(runAt)"]))) }
        if let url = webhookURL, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") {
            problems.append(.message(Message(.settingWebhookURL, ["value": "\(url)"])))
        }
        if webhookURL != nil, webhookSecretFile == nil { problems.append(.key(.settingWebhookSecret)) }
        if !problems.isEmpty { throw .badParameter(Message(.problemList, ["items": .list(problems)])) }
    }

    /// "HH:MM" as minutes after midnight.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let h = Int(parts[0]), let m = Int(parts[1]),
            (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return h * 60 + m
    }

    /// A comma-separated list of days, such as `90,30,7`.
    public static func days(_ text: String) -> [Int]? {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
        return Array(Set(values.compactMap { $0 })).sorted(by: >)
    }
}

extension NotificationSettings {
    /// The tenant's settings, as the schema owner reads them (`admin tenant set`).
    public static func of(tenant: String, database: Database) async throws -> NotificationSettings {
        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            try await load(connection: connection, logger: database.logger)
        }
    }

    /// Stores them for the tenant; an unknown tenant is not found.
    public func store(tenant: String, database: Database) async throws {
        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            guard try await !connection.query("SELECT 1 FROM tenants", logger: database.logger).collect().isEmpty else {
                throw DXSkillsError.notFound(Message(.objTenant, ["code": "\(tenant)"]))
            }
            try await save(connection: connection, logger: database.logger)
        }
    }
}
