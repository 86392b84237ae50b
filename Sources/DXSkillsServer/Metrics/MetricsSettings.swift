import DXSkillsCore
import Foundation

/// Where `/metrics` is served. Closed by default: on a listener of its own
/// (`DXSKILLS_METRICS_ADDRESS=host:port`, and then not on the main one), or on the main listener
/// to a scraper that sends `Authorization: Bearer $DXSKILLS_METRICS_TOKEN`; with neither, nowhere.
/// With both, the own listener asks for the token too.
public struct MetricsSettings: Sendable, Equatable {
    public struct Address: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// A listener of its own; the main listener then has no `/metrics`.
    public var address: Address?
    /// The bearer token a scrape must send; nil asks for none (only on a listener of its own).
    public var token: String?

    /// The shortest token accepted.
    public static let minimumTokenLength = 16

    public init(address: Address? = nil, token: String? = nil) {
        self.address = address
        self.token = token
    }

    /// `/metrics` nowhere.
    public static let closed = MetricsSettings()

    /// Whether the main listener serves `/metrics` (to the token).
    var onMainListener: Bool { address == nil && token != nil }

    /// From `DXSKILLS_METRICS_ADDRESS` and `DXSKILLS_METRICS_TOKEN` (an empty value is unset);
    /// a value that is not usable is an error that says why, before anything listens.
    public init(environment: [String: String]) throws {
        let address = environment["DXSKILLS_METRICS_ADDRESS"].flatMap { $0.isEmpty ? nil : $0 }
        let token = environment["DXSKILLS_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        try self.init(address: address.map(Self.address), token: token.map(Self.token))
    }

    /// `host:port`, `[ipv6]:port`; the port 1 to 65535.
    public static func address(_ text: String) throws -> Address {
        let host: Substring
        let port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw addressError(text) }
            port = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            guard !host.contains(":") else { throw addressError(text) }
        } else {
            throw addressError(text)
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }),
            port.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(port), (1...65535).contains(number)
        else { throw addressError(text) }
        return Address(host: String(host), port: number)
    }

    private static func addressError(_ text: String) -> DXSkillsError {
        .badParameter(Message(.metricsAddressFormat, ["value": "\(text.prefix(100))"]))
    }

    /// At least 16 visible ASCII characters (what a header carries unchanged); never echoed.
    public static func token(_ text: String) throws -> String {
        guard text.count >= minimumTokenLength, text.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else {
            throw DXSkillsError.badParameter(Message(.metricsTokenFormat, ["minimum": "\(minimumTokenLength)"]))
        }
        return text
    }
}

extension MetricsSettings: CustomStringConvertible {
    /// Where `/metrics` is, for the start-up log line: never the token.
    public var description: String {
        switch (address, token) {
        case (let address?, nil): return "own listener http://\(address)"
        case (let address?, _?): return "own listener http://\(address), bearer token required"
        case (nil, _?): return "main listener, bearer token required"
        case (nil, nil): return "closed"
        }
    }
}
