import Foundation

/// The languages every message a user can see is written in (reference §10.3).
public enum Language: String, Sendable, CaseIterable, Codable {
    case en, ja

    /// The first language of an `Accept-Language` header (RFC 9110 §12.5.4) that dxskills speaks, by
    /// q-value; nil when the header names none of them.
    public static func preferred(acceptLanguage header: String?) -> Language? {
        guard let header else { return nil }
        var best: (language: Language, quality: Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first, let language = Language(tag: tag) else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language
    }

    /// The `userInfo` key under which an encoder is told the language of the texts it writes.
    public static let codingKey = CodingUserInfoKey(rawValue: "dxskills.language")!

    /// A language tag or a POSIX locale (`ja`, `ja-JP`, `ja_JP.UTF-8`, `en_US`); nil for any other.
    public init?(tag: String) {
        let primary = tag.lowercased().split(whereSeparator: { "-_.@".contains($0) }).first.map(String.init) ?? ""
        guard let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    /// The language of a POSIX environment: `LC_ALL`, then `LC_MESSAGES`, then `LANG` (the first one
    /// set wins, as in gettext); English when none names Japanese.
    public static func environment(_ variables: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = variables[name], !value.isEmpty else { continue }
            return Language(tag: value) ?? .en
        }
        return .en
    }
}

/// A message a user can see, as its catalog key and the values it names. The core only ever makes
/// these; the faces (CLI, API, dashboard) turn them into text in the reader's language.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    public let key: MessageKey
    public let values: [String: MessageValue]

    public init(_ key: MessageKey, _ values: [String: MessageValue] = [:]) {
        self.key = key
        self.values = values
    }

    /// The text in `language`: the catalog's template with each `{name}` replaced by its value.
    public func text(_ language: Language) -> String {
        let template = MessageCatalog.template(key, language)
        guard template.contains("{") else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] { result += value.text(language) } else { result += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// A problem of one field of a document: `items[2].code: required`.
    public static func field(_ field: String, _ key: MessageKey, _ values: [String: MessageValue] = [:]) -> Message {
        Message(.fieldProblem, ["field": .text(field), "problem": .message(Message(key, values))])
    }

    /// A problem of one field, as the field and the reason: nil for a message of another kind.
    public var fieldProblem: (field: String, problem: Message)? {
        guard key == .fieldProblem, case .text(let field)? = values["field"], case .message(let problem)? = values["problem"]
        else { return nil }
        return (field, problem)
    }

    /// The messages a list of problems holds (`DXSkillsError.invalid(problems:)`); itself for any other.
    public var items: [Message] {
        guard key == .problemList, case .list(let items)? = values["items"] else { return [self] }
        return items.compactMap { if case .message(let message) = $0 { message } else { nil } }
    }

    /// Two messages are equal when they read the same in English, the language of logs and audit
    /// rows: a message read back from another face (`receivedText`) equals the one it was made from.
    public static func == (left: Message, right: Message) -> Bool { left.text(.en) == right.text(.en) }

    public func hash(into hasher: inout Hasher) { hasher.combine(text(.en)) }

    /// English, for logs and for the places (audit rows) that keep one language.
    public var description: String { text(.en) }
}

/// A value a message names: text as it is (a code, a day, a number), or a message of its own, such
/// as "(open)" for a period without an end, in the reader's language too.
public enum MessageValue: Sendable, Hashable, ExpressibleByStringInterpolation {
    case text(String)
    indirect case message(Message)
    /// Several values, each in the reader's language, separated by "; ".
    indirect case list([MessageValue])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(stringInterpolation: DefaultStringInterpolation) {
        self = .text(String(stringInterpolation: stringInterpolation))
    }

    public func text(_ language: Language) -> String {
        switch self {
        case .text(let text): return text
        case .message(let message): return message.text(language)
        case .list(let values): return values.map { $0.text(language) }.joined(separator: language == .ja ? "。" : "; ")
        }
    }

    /// The last day of a period, or "(open)" when it has none.
    public static func until(_ day: Day?) -> MessageValue { day.map { .text($0.description) } ?? .key(.openEnd) }

    /// A key with no values of its own, as a value.
    public static func key(_ key: MessageKey) -> MessageValue { .message(Message(key)) }
}
