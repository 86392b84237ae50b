import DXSkillsAPI
import DXSkillsCore
import Foundation

extension APIHandlers {
    /// hr and admin run the rules for a day; a dry run only computes them (reference §8).
    func runNotifications(_ input: Operations.RunNotifications.Input) async throws -> Operations.RunNotifications.Output {
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        let day = try Self.day(body.asOf)
        let dryRun = body.dryRun ?? false
        let (items, newItems, newDigests) = try await withCaller { principal, connection in
            try principal.require(.admin, .hr, to: .actRunNotifications)
            if dryRun {
                let items = try await Notifications.dryRun(
                    tenant: principal.tenant, on: day, connection: connection, logger: logger)
                return (items, 0, 0)
            }
            let run = try await Notifications.run(
                tenant: principal.tenant, on: day, by: principal.actor, channels: notificationChannels,
                connection: connection, logger: logger)
            return (run?.items ?? [], run?.newItems ?? 0, run?.newDigests ?? 0)
        }
        if newItems > 0 { database.counters?.notificationItemsWritten(newItems) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        day: day.description, dryRun: dryRun, newItems: newItems, newDigests: newDigests,
                        recipients: NotificationRecipient.grouped(items).map { recipient in
                            .init(
                                recipient: recipient.recipient,
                                items: recipient.items.map {
                                    .init(
                                        rule: .init(rawValue: $0.rule.rawValue)!, employeeNo: $0.employeeNo,
                                        subject: $0.subject, day: $0.day.description)
                                })
                        }))))
    }

    func notificationStatus(_ input: Operations.NotificationStatus.Input) async throws
        -> Operations.NotificationStatus.Output
    {
        let status = try await withCaller { principal, connection in
            try await NotificationStatus.load(principal: principal, connection: connection, logger: logger)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        runs: status.runs.map {
                            .init(
                                day: $0.day.description, ranBy: $0.ranBy, ranAt: $0.ranAt, newItems: $0.newItems,
                                newDigests: $0.newDigests)
                        },
                        digests: status.counts.map {
                            .init(channel: .init(rawValue: $0.channel)!, state: .init(rawValue: $0.state)!, count: $0.count)
                        },
                        failures: status.failures.map {
                            .init(
                                id: $0.id, recipient: $0.recipient, day: $0.day.description,
                                channel: .init(rawValue: $0.channel)!, state: .init(rawValue: $0.state)!,
                                attempts: $0.attempts, lastError: $0.lastError)
                        }))))
    }

    func myNotifications(_ input: Operations.MyNotifications.Input) async throws -> Operations.MyNotifications.Output {
        let limit = input.query.limit ?? 200
        guard (1...1000).contains(limit) else {
            throw DXSkillsError.badParameter(
                Message(.parameterRange, ["name": "limit", "min": "1", "max": "1000", "value": "\(limit)"]))
        }
        let items = try await withCaller { principal, connection in
            try await Notifications.inbox(principal: principal, limit: limit, connection: connection, logger: logger)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        unread: items.filter { !$0.read }.count,
                        items: items.map { item in
                            let line = item.line
                            return .init(
                                id: item.id, rule: .init(rawValue: line.rule.rawValue)!, employeeNo: line.employeeNo,
                                name: line.name, subject: line.subject, subjectName: line.subjectName,
                                day: line.day.description, runDay: item.runDay.description, read: item.read,
                                text: DigestText.japanese(line) + " / " + DigestText.english(line))
                        }))))
    }

    func markNotificationsRead(_ input: Operations.MarkNotificationsRead.Input) async throws
        -> Operations.MarkNotificationsRead.Output
    {
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        if let ids = body.ids {
            guard ids.count <= 1000 else { throw DXSkillsError.badParameter(Message(.tooManyIDs, ["maximum": "1000"])) }
            if let bad = ids.first(where: { !(1...9_007_199_254_740_991).contains($0) }) {
                throw DXSkillsError.badParameter(Message(.notAnItemNumber, ["value": "\(bad)"]))
            }
        }
        let marked = try await withCaller { principal, connection in
            try await Notifications.markRead(principal: principal, ids: body.ids, connection: connection, logger: logger)
        }
        return .ok(.init(body: .json(.init(marked: marked))))
    }
}
