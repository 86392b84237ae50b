import Foundation
import Logging

/// `LOG_FORMAT=json`: one JSON object per line on standard error, for a log collector (journald,
/// Fluent Bit, CloudWatch): `{"time", "level", "label", "message", "source", ...metadata}`, the
/// metadata flattened, so a request's line carries its `request_id`. Secrets never reach a log
/// line in the first place (tokens, passwords, session ids and file bytes are never logged).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes whole lines with one `write(2)` each, so lines of concurrent requests never interleave.
    public static let standardError: @Sendable (String) -> Void = { line in
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        bytes.withUnsafeBytes { buffer in _ = Foundation.write(2, buffer.baseAddress, buffer.count) }
    }

    public func log(event: LogEvent) {
        var fields: [String: JSONLogValue] = [:]
        let provided = metadataProvider?.get() ?? [:]
        for (key, value) in metadata.merging(provided, uniquingKeysWith: { $1 }).merging(
            event.metadata ?? [:], uniquingKeysWith: { $1 })
        {
            fields[key] = JSONLogValue(value)
        }
        fields["time"] = .string(Self.timestamp())
        fields["level"] = .string(event.level.rawValue)
        fields["label"] = .string(label)
        fields["message"] = .string(event.message.description)
        fields["source"] = .string(event.source)
        if let error = event.error { fields["error"] = .string(String(describing: error)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return }
        // Valid JSON as they are, but line breaks to many readers (NEL, LINE and PARAGRAPH SEPARATOR).
        var line = ""
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\u{85}": line += "\\u0085"
            case "\u{2028}": line += "\\u2028"
            case "\u{2029}": line += "\\u2029"
            default: line.unicodeScalars.append(scalar)
            }
        }
        write(line)
    }

    /// RFC 3339 in UTC with milliseconds.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// A metadata value as JSON: strings, lists and dictionaries as they are.
indirect enum JSONLogValue: Encodable {
    case string(String)
    case array([JSONLogValue])
    case object([String: JSONLogValue])

    init(_ value: Logger.MetadataValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .stringConvertible(let value): self = .string(value.description)
        case .array(let values): self = .array(values.map(JSONLogValue.init))
        case .dictionary(let values): self = .object(values.mapValues(JSONLogValue.init))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .array(let values): try container.encode(values)
        case .object(let values): try container.encode(values)
        }
    }
}
