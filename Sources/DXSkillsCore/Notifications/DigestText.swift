import Foundation

/// A digest as people read it: Japanese first, English below, each item with a link to its
/// dashboard page under the service's public URL (DXSKILLS_PUBLIC_URL).
public struct DigestText: Sendable {
    public let subject: String
    public let body: String
    /// The items as the webhook's JSON gives them.
    public let items: [Item]

    public struct Item: Sendable, Encodable {
        public let rule: String
        public let employee_no: String?
        public let subject: String
        public let day: String
        public let text_ja: String
        public let text_en: String
        public let url: String

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rule, forKey: .rule)
            try container.encode(employee_no, forKey: .employee_no)
            try container.encode(subject, forKey: .subject)
            try container.encode(day, forKey: .day)
            try container.encode(text_ja, forKey: .text_ja)
            try container.encode(text_en, forKey: .text_en)
            try container.encode(url, forKey: .url)
        }
        enum CodingKeys: String, CodingKey { case rule, employee_no, subject, day, text_ja, text_en, url }
    }

    public init(_ digest: Digest, publicURL: String) {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        items = digest.lines.map { line in
            Item(
                rule: line.rule.rawValue, employee_no: line.employeeNo, subject: line.subject, day: line.day.description,
                text_ja: Self.japanese(line), text_en: Self.english(line),
                url: base + Self.path(line, recipient: digest.recipient))
        }
        subject =
            "【dxskills】お知らせ \(items.count) 件 (\(digest.day)) / dxskills: \(items.count) notice\(items.count == 1 ? "" : "s")"
        var text = "\(digest.recipientName) 様\n\n\(digest.day) のお知らせです。\n\n"
        for item in items { text += "・\(item.text_ja)\n  \(item.url)\n" }
        text += "\nこのメールは dxskills が自動で送信しています。返信はできません。\n\n----\n\n"
        text += "Dear \(digest.recipientName),\n\nYour notices of \(digest.day):\n\n"
        for item in items { text += "- \(item.text_en)\n  \(item.url)\n" }
        text += "\nThis message was sent automatically by dxskills; replies are not read.\n"
        body = text
    }

    static func who(_ line: Digest.Line) -> String {
        guard let employee = line.employeeNo else { return "" }
        return line.name.map { "\(employee) \($0)" } ?? employee
    }

    static func named(_ line: Digest.Line) -> String {
        line.subjectName.map { "\($0) (\(line.subject))" } ?? line.subject
    }

    public static func japanese(_ line: Digest.Line) -> String {
        switch line.rule {
        case .certExpiring: return "\(who(line)) さんの資格「\(named(line))」の有効期限は \(line.day) までです。"
        case .planStageDue: return "\(who(line)) さんのキャリアプラン「\(line.subject)」の期限 \(line.day) までに未達成の要件があります。"
        case .planStageBehind: return "\(who(line)) さんのキャリアプラン「\(line.subject)」は期限 \(line.day) に達成されませんでした。"
        case .leaderMissing where line.employeeNo == nil:
            return "\(named(line)) の DX推進リーダーが \(line.day) からいなくなりました。"
        case .leaderMissing: return "DX推進リーダー \(who(line)) さんが \(line.day) に \(named(line)) を離れました。"
        case .termEnding: return "\(named(line)) の DX推進リーダー \(who(line)) さんの任期が \(line.day) に終わり、後任が未指名です。"
        case .claimWaiting: return "\(who(line)) さんの申請 #\(line.subject) が判断を待っています。"
        }
    }

    public static func english(_ line: Digest.Line) -> String {
        switch line.rule {
        case .certExpiring: return "The certification \(named(line)) of \(who(line)) is valid until \(line.day)."
        case .planStageDue: return "Career-plan stage \(line.subject) of \(who(line)), due \(line.day), has unmet requirements."
        case .planStageBehind: return "Career-plan stage \(line.subject) of \(who(line)) was not met by \(line.day)."
        case .leaderMissing where line.employeeNo == nil:
            return "\(named(line)) has no DX promotion leader present since \(line.day)."
        case .leaderMissing: return "DX promotion leader \(who(line)) left \(named(line)) on \(line.day)."
        case .termEnding:
            return "The term of \(who(line)) as DX promotion leader of \(named(line)) ends on \(line.day), with no successor."
        case .claimWaiting: return "Claim #\(line.subject) of \(who(line)) awaits a decision."
        }
    }

    /// The dashboard page an item links to, for its recipient.
    public static func path(_ line: Digest.Line, recipient: String) -> String {
        switch line.rule {
        case .certExpiring: return line.employeeNo == recipient ? "/me" : "/coverage"
        case .planStageDue, .planStageBehind: return line.employeeNo == recipient ? "/me" : "/plans"
        case .leaderMissing, .termEnding: return "/leaders"
        case .claimWaiting: return "/claims/\(line.subject)"
        }
    }
}
