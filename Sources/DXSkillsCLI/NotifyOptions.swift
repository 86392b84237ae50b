import ArgumentParser
import DXSkillsCore
import Foundation

/// A tenant's notification settings (`admin tenant set`); what is not given stays as it is.
struct NotifyOptions: ParsableArguments {
    @Option(
        name: .customLong("notify-cert-days"),
        help: .catalog(.notifyOptionsCertDays))
    var certDays: String?
    @Option(
        name: .customLong("notify-plan-days"),
        help: .catalog(.notifyOptionsPlanDays))
    var planDays: String?
    @Option(
        name: .customLong("notify-claim-days"),
        help: .catalog(.notifyOptionsClaimDays))
    var claimDays: Int?
    @Option(name: .customLong("notify-at"), help: .catalog(.notifyOptionsRunAt)) var runAt: String?
    @Option(name: .customLong("notify-webhook-url"), help: .catalog(.notifyOptionsWebhookURL))
    var webhookURL: String?
    @Option(
        name: .customLong("notify-webhook-secret-file"),
        help: .catalog(.notifyOptionsWebhookSecretFile))
    var webhookSecretFile: String?

    var given: Bool {
        let values: [Any?] = [certDays, planDays, claimDays, runAt, webhookURL, webhookSecretFile]
        return values.contains { $0 != nil }
    }

    func validate() throws {
        for (name, value) in [("--notify-cert-days", certDays), ("--notify-plan-days", planDays)] {
            if let value, NotificationSettings.days(value) == nil {
                throw ValidationError(Message(.cliDaysList, ["option": "\(name)", "value": "\(value)"]))
            }
        }
        if let runAt, NotificationSettings.minutes(runAt) == nil {
            throw ValidationError(Message(.settingTime, ["value": "\(runAt)"]))
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
