/// The rules of reference §8, each a reason to tell someone something on a day.
public enum NotificationRule: String, Sendable, Codable, CaseIterable {
    case certExpiring = "cert_expiring"
    case planStageDue = "plan_stage_due"
    case planStageBehind = "plan_stage_behind"
    case leaderMissing = "leader_missing"
    case termEnding = "term_ending"
    case claimWaiting = "claim_waiting"
}

/// One item for one recipient (reference §8): whom it is about (nil for a section's leader
/// coverage), its subject (a certification code, a stage name, a unit code or a claim number) and
/// its day (the expiry day, the due day, the run's day for an event, or a term's last day).
public struct NotificationItem: Sendable, Codable, Equatable, Hashable {
    public let rule: NotificationRule
    public let recipient: String
    public let employeeNo: String?
    public let subject: String
    public let day: Day

    public init(rule: NotificationRule, recipient: String, employeeNo: String?, subject: String, day: Day) {
        self.rule = rule
        self.recipient = recipient
        self.employeeNo = employeeNo
        self.subject = subject
        self.day = day
    }
}

/// A recipient's items of a run, as the dry run prints them.
public struct NotificationRecipient: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public let rule: NotificationRule
        public let employeeNo: String?
        public let subject: String
        public let day: Day

        public init(rule: NotificationRule, employeeNo: String?, subject: String, day: Day) {
            self.rule = rule
            self.employeeNo = employeeNo
            self.subject = subject
            self.day = day
        }

        enum CodingKeys: String, CodingKey {
            case rule, subject, day
            case employeeNo = "employee_no"
        }

        /// `employee_no` is written as null, not left out (reference §8).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rule, forKey: .rule)
            try container.encode(employeeNo, forKey: .employeeNo)
            try container.encode(subject, forKey: .subject)
            try container.encode(day, forKey: .day)
        }
    }
    public let recipient: String
    public let items: [Item]

    public init(recipient: String, items: [Item]) {
        self.recipient = recipient
        self.items = items
    }

    /// Items grouped by recipient, in the order the rules query gives (recipient, rule, employee, subject).
    public static func grouped(_ items: [NotificationItem]) -> [NotificationRecipient] {
        var result: [NotificationRecipient] = []
        var current: (name: String, items: [Item])?
        for item in items {
            if current?.name != item.recipient {
                if let current { result.append(NotificationRecipient(recipient: current.name, items: current.items)) }
                current = (item.recipient, [])
            }
            current!.items.append(
                Item(rule: item.rule, employeeNo: item.employeeNo, subject: item.subject, day: item.day))
        }
        if let current { result.append(NotificationRecipient(recipient: current.name, items: current.items)) }
        return result
    }
}
