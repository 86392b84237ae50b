import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import Foundation

/// `dxskills notify`: the notification rules (docs/reference.md §8), the outbox and your inbox.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Reminders and notices: run the rules, the outbox's state, your inbox.",
        subcommands: [Run.self, Status.self, Inbox.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the notification rules for a day (hr, admin); the service also runs them daily.",
            discussion: """
                A repeated run of a day writes and sends nothing new. --dry-run --format json prints
                [{"recipient", "items": [{"rule", "employee_no", "subject", "day"}]}] sorted by recipient, rule,
                employee_no and subject, and writes nothing.
                """)
        @OptionGroup var asOf: AsOfOption
        @Flag(name: .customLong("dry-run"), help: "Show the items without writing or sending anything.") var dryRun = false
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
                                throw CLIError(.server, "the service sent an item this dxskills cannot read: \($0)")
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
                            ? "dry run of \(result.day): \(rows.count) items for \(result.recipients.count) recipients, nothing written"
                            : "\(result.day): \(result.newItems) new items, \(result.newDigests) new digests to send")
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The outbox (hr, admin): the latest runs, digests by channel and state, failed deliveries.")
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
                        note("run \(run.day) by \(run.ranBy): \(run.newItems) new items, \(run.newDigests) new digests")
                    }
                    for failure in status.failures {
                        note(
                            "digest \(failure.id) to \(failure.recipient) by \(failure.channel.rawValue) (\(failure.state.rawValue), "
                                + "\(failure.attempts) attempts): \(failure.lastError)")
                    }
                }
            }
        }
    }

    struct Inbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Your notification items, newest first.")
        @Flag(name: .customLong("mark-read"), help: "Mark them read after showing them.") var markRead = false
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
                    note("marked \(marked.marked) read")
                }
            }
        }
    }
}
