import DXSkillsMail
import Foundation
import Logging

/// The delivery settings checked as `dxskills doctor` and the service's start-up do (reference §9):
/// the mail server signed in to without sending, and each tenant's webhook pinged.
public enum NotificationChecks {
    /// The environment's mail settings: none (inbox and webhooks only), malformed (a missing From
    /// address, a password file that cannot be read), or a server that refuses, has a certificate we
    /// do not trust, or does not take the password.
    public static func mail(environment: [String: String]) async -> Doctor.Finding {
        let check = "mail"
        let settings: SMTPSettings
        do {
            guard let parsed = try SMTPSettings.fromEnvironment(environment) else {
                return Doctor.Finding(
                    check: check, problem: nil,
                    detail: "DXSKILLS_SMTP_URL is not set: no mail; the inbox and webhooks still get every item")
            }
            settings = parsed
        } catch {
            return Doctor.Finding(check: check, problem: error.message, detail: "")
        }
        do {
            try await SMTPClient(settings: settings).check()
        } catch {
            return Doctor.Finding(check: check, problem: error.message, detail: "")
        }
        let security =
            switch settings.security {
            case .tls: "TLS"
            case .startTLSRequired: "STARTTLS"
            case .startTLSAuto: "STARTTLS if offered"
            case .none: "no TLS"
            }
        return Doctor.Finding(
            check: check, problem: nil,
            detail:
                "\(settings.host):\(settings.port) answers (\(security)\(settings.username == nil ? "" : ", signed in")); From \(settings.from.address)"
        )
    }

    /// Each tenant's webhook, where one is set: its key file read, a signed ping answered with 2xx.
    public static func webhooks(database: Database, webhook: WebhookChannel = WebhookChannel()) async throws
        -> [Doctor.Finding]
    {
        let tenants = try await database.withConnection { connection in
            try await connection.query("SELECT tenant_id FROM notification_tenants()", logger: database.logger)
                .decode(String.self).collect()
        }
        var findings: [Doctor.Finding] = []
        for tenant in tenants {
            let settings = try await database.transaction(TenantContext(tenant: tenant, actor: "doctor")) { connection in
                try await NotificationSettings.load(connection: connection, logger: database.logger)
            }
            guard let url = settings.webhookURL else { continue }
            let check = "webhook \(tenant)"
            do throws(DeliveryFailure) {
                guard let file = settings.webhookSecretFile else {
                    throw DeliveryFailure(
                        "署名鍵ファイルがありません: admin tenant set --notify-webhook-secret-file / the webhook has no key file: set --notify-webhook-secret-file",
                        temporary: false)
                }
                try await webhook.ping(url: url, tenant: tenant, key: try WebhookChannel.key(file: file))
                findings.append(Doctor.Finding(check: check, problem: nil, detail: "\(url) answered a signed ping"))
            } catch {
                findings.append(Doctor.Finding(check: check, problem: error.message, detail: ""))
            }
        }
        return findings
    }

    /// Logs each problem at start-up; the service goes on (mail waits in the outbox meanwhile).
    public static func logProblems(environment: [String: String], database: Database, logger: Logger) async {
        var findings = [await mail(environment: environment)]
        do {
            findings += try await webhooks(database: database)
        } catch {
            logger.warning("notifications: cannot check the webhooks", metadata: ["error": "\(error)"])
        }
        for finding in findings {
            if let problem = finding.problem {
                logger.error("notifications: \(finding.check) is not working", metadata: ["problem": "\(problem)"])
            } else {
                logger.info("notifications: \(finding.check) ok", metadata: ["detail": "\(finding.detail)"])
            }
        }
    }
}
