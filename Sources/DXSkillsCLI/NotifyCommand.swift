import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import Foundation

/// `dxskills notify`: the notification rules (docs/reference.md §8), the outbox and your inbox.
struct NotifyCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "notify", abstract: .catalog(.notifyAbstract),
            subcommands: [Run.self, Status.self, Inbox.self])
    }

    struct Run: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.notifyRunAbstract),
                discussion: .catalog(.notifyRunDiscussion))
        }
        @OptionGroup var asOf: AsOfOption
        @Flag(name: .customLong("dry-run"), help: .catalog(.notifyRunDryRun)) var dryRun = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let result = try await callAPI {
                    try await client.runNotifications(body: .json(.init(asOf: asOf.iso, dryRun: dryRun))).ok.body.json
                }
                // The core's document type, so `employee_no` is written as null exactly as reference §8 says.
                let document = try result.recipients.map { recipient in
                    NotificationRecipient(
                        recipient: recipient.recipient,
                        items: try recipient.items.map {
                            guard let rule = NotificationRule(rawValue: $0.rule.rawValue), let day = Day(iso: $0.day) else {
                                throw CLIError(.server, Message(.cliUnreadableItem, ["item": "\($0)"]))
                            }
                            return .init(rule: rule, employeeNo: $0.employeeNo, subject: $0.subject, day: day)
                        })
                }
                if output.format == .json {
                    printJSON(document)
                    return
                }
                let rows = result.recipients.flatMap { recipient in
                    recipient.items.map { [recipient.recipient, $0.rule.rawValue, $0.employeeNo ?? "", $0.subject, $0.day] }
                }
                try emit(
                    Listing(
                        headers: ["recipient", "rule", "employee_no", "subject", "day"], rows: rows, json: document),
                    output)
                if output.format == .table {
                    note(
                        dryRun
                            ? Message(
                                .cliNotifyDryRun,
                                ["day": "\(result.day)", "items": "\(rows.count)", "recipients": "\(result.recipients.count)"])
                            : Message(
                                .cliNotifyRun,
                                ["day": "\(result.day)", "items": "\(result.newItems)", "digests": "\(result.newDigests)"]))
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.notifyStatusAbstract))
        }
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let status = try await callAPI { try await client.notificationStatus().ok.body.json }
                if output.format == .json {
                    printJSON(status)
                    return
                }
                try emit(
                    Listing(
                        headers: ["channel", "state", "count"],
                        rows: status.digests.map { [$0.channel.rawValue, $0.state.rawValue, "\($0.count)"] },
                        numericColumns: [2], json: status.digests),
                    output)
                if output.format == .table {
                    for run in status.runs.prefix(3) {
                        note(
                            Message(
                                .cliNotifyLastRun,
                                [
                                    "day": "\(run.day)", "by": "\(run.ranBy)", "items": "\(run.newItems)",
                                    "digests": "\(run.newDigests)",
                                ]))
                    }
                    for failure in status.failures {
                        note(
                            Message(
                                .cliDigestFailure,
                                [
                                    "id": "\(failure.id)", "recipient": "\(failure.recipient)",
                                    "channel": "\(failure.channel.rawValue)", "state": "\(failure.state.rawValue)",
                                    "attempts": "\(failure.attempts)", "error": "\(failure.lastError)",
                                ]))
                    }
                }
            }
        }
    }

    struct Inbox: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.notifyInboxAbstract)) }
        @Flag(name: .customLong("mark-read"), help: .catalog(.notifyInboxMarkRead)) var markRead = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let inbox = try await callAPI { try await client.myNotifications().ok.body.json }
                try emit(
                    Listing(
                        headers: ["id", "run_day", "read", "rule", "employee_no", "subject", "day", "text"],
                        rows: inbox.items.map {
                            [
                                "\($0.id)", $0.runDay, $0.read ? "read" : "unread", $0.rule.rawValue, $0.employeeNo ?? "",
                                $0.subject, $0.day, $0.text,
                            ]
                        }, numericColumns: [0], json: inbox),
                    output)
                if markRead {
                    let marked = try await callAPI {
                        try await client.markNotificationsRead(body: .json(.init())).ok.body.json
                    }
                    note(Message(.cliMarkedRead, ["count": "\(marked.marked)"]))
                }
            }
        }
    }
}
