import Foundation

/// A mailbox: an address and an optional display name, which may be Japanese.
public struct MailAddress: Sendable, Equatable {
    public let address: String
    public let name: String

    /// Refuses what could not go on an envelope or a header line: no `@`, spaces, angle brackets,
    /// control characters (a CR or LF would inject a header), or non-ASCII in the address.
    public init(_ address: String, name: String = "") throws(MailError) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = address.unicodeScalars.allSatisfy {
            $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains($0)
        }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, allowed else {
            throw .configuration("メールアドレス「\(address)」は使えません / \"\(address)\" is not a mail address")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .configuration("名前に制御文字があります / the display name contains a control character")
        }
        self.address = address
        self.name = name
    }

    /// The domain part, for the Message-ID.
    public var domain: String { String(address.split(separator: "@").last ?? "localhost") }

    /// `Name <address>`, the name as an RFC 2047 word when it is not plain ASCII.
    var header: String {
        guard !name.isEmpty else { return "<\(address)>" }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        if plain {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address)>"
        }
        return MailMessage.encodedWords(name).joined(separator: "\r\n ") + " <\(address)>"
    }
}

/// A plain-text message in UTF-8: the body as base64, the subject and names as RFC 2047 words.
public struct MailMessage: Sendable {
    public let from: MailAddress
    public let to: MailAddress
    public let subject: String
    public let body: String

    public init(from: MailAddress, to: MailAddress, subject: String, body: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// A new Message-ID under the sender's domain.
    public func newMessageID() -> String { "<\(UUID().uuidString.lowercased())@\(from.domain)>" }

    /// The message as sent after DATA: headers and body, every line ending in CRLF, no final dot.
    public func rendered(messageID: String, date: Date = Date()) -> String {
        var lines = [
            "From: \(from.header)",
            "To: \(to.header)",
            "Subject: " + Self.headerText(subject),
            "Date: \(Self.rfc5322(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
            "X-Auto-Response-Suppress: All",
            "",
        ]
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString()
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Plain ASCII text stays as it is; anything else becomes RFC 2047 words, folded.
    static func headerText(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }), flat.count <= 900,
            !flat.contains("=?")
        {
            return flat
        }
        return encodedWords(flat).joined(separator: "\r\n ")
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, each holding whole characters (RFC 2047 §5).
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
