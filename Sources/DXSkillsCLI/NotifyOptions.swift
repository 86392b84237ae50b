import ArgumentParser
import DXSkillsCore
import Foundation

/// A tenant's notification settings (`admin tenant set`); what is not given stays as it is.
struct NotifyOptions: ParsableArguments {
    @Option(
        name: .customLong("notify-cert-days"),
        help: "Days before a certification's last valid day to remind its holder and managers (default 90,30,7).")
    var certDays: String?
    @Option(
        name: .customLong("notify-plan-days"),
        help: "Days before a career-plan stage falls due to remind (default 90,30,7; the largest opens the window).")
    var planDays: String?
    @Option(
        name: .customLong("notify-claim-days"),
        help: "A claim waiting this many days for a decision is named, and again every as many days (default 3).")
    var claimDays: Int?
    @Option(name: .customLong("notify-at"), help: "Time of the daily run, Asia/Tokyo (default 08:00).") var runAt: String?
    @Option(name: .customLong("notify-webhook-url"), help: "URL the digests are posted to as JSON; empty removes it.")
    var webhookURL: String?
    @Option(
        name: .customLong("notify-webhook-secret-file"),
        help: "File holding the webhook's HMAC-SHA256 key (read by the service; never stored in the database).")
    var webhookSecretFile: String?

    var given: Bool {
        let values: [Any?] = [certDays, planDays, claimDays, runAt, webhookURL, webhookSecretFile]
        return values.contains { $0 != nil }
    }

    func validate() throws {
        for (name, value) in [("--notify-cert-days", certDays), ("--notify-plan-days", planDays)] {
            if let value, NotificationSettings.days(value) == nil {
                throw ValidationError("\(name) \(value) is not a list of days such as 90,30,7")
            }
        }
        if let runAt, NotificationSettings.minutes(runAt) == nil {
            throw ValidationError("--notify-at \(runAt) is not a time such as 08:00")
        }
    }

    func apply(to settings: inout NotificationSettings) {
        if let list = certDays.flatMap(NotificationSettings.days) { settings.certDays = list }
        if let list = planDays.flatMap(NotificationSettings.days) { settings.planDays = list }
        if let claimDays { settings.claimDays = claimDays }
        if let runAt { settings.runAt = runAt }
        if let webhookURL { settings.webhookURL = webhookURL.isEmpty ? nil : webhookURL }
        if let file = webhookSecretFile {
            settings.webhookSecretFile =
                file.isEmpty ? nil : file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
        }
    }
}
