import Foundation

/// The test SMTP servers that `scripts/smtp.sh start` runs (aiosmtpd; see scripts/smtp-server.py), and
/// the messages they received, as Python's email package read them.
public struct TestMailServers: Sendable {
    public let plain: String
    public let startTLS: String
    public let smtps: String
    public let refusing: String
    public let passwordFile: String
    public let caFile: String
    public let otherCAFile: String
    public let folder: String

    public init() throws {
        let environment = ProcessInfo.processInfo.environment
        func value(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw TestMailError(
                    "\(name) is not set: run the tests with scripts/test.sh (`make test`), which starts the test "
                        + "SMTP servers, or export what `scripts/smtp.sh start DIR` prints")
            }
            return value
        }
        plain = try value("DXSKILLS_TEST_SMTP_PLAIN")
        startTLS = try value("DXSKILLS_TEST_SMTP_STARTTLS")
        smtps = try value("DXSKILLS_TEST_SMTP_SMTPS")
        refusing = try value("DXSKILLS_TEST_SMTP_REFUSE")
        passwordFile = try value("DXSKILLS_TEST_SMTP_PASSWORD_FILE")
        caFile = try value("DXSKILLS_TEST_SMTP_CA_FILE")
        otherCAFile = try value("DXSKILLS_TEST_SMTP_OTHER_CA_FILE")
        folder = try value("DXSKILLS_TEST_SMTP_DIR")
    }

    /// A recipient address no other test uses, so that a test finds its own messages.
    public static func uniqueAddress(_ prefix: String = "to") -> String {
        "\(prefix)-\(UUID().uuidString.lowercased())@example.jp"
    }

    /// Every message whose envelope went to `address`, waiting up to `seconds` for `count` of them.
    public func received(by address: String, count: Int = 1, seconds: Double = 10) async throws -> [ReceivedMail] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let found = try all().filter { $0.rcptTos.contains(address) }
            if found.count >= count || Date() > deadline { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Every message received so far, by every server.
    public func all() throws -> [ReceivedMail] {
        var mails: [ReceivedMail] = []
        for server in ["plain", "starttls", "smtps"] {
            let directory = URL(fileURLWithPath: folder).appendingPathComponent(server)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".json") {
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                mails.append(try JSONDecoder().decode(ReceivedMail.self, from: data))
            }
        }
        return mails
    }
}

/// One message as the server received it and Python's `email` package decoded it.
public struct ReceivedMail: Decodable, Sendable {
    public struct Mailbox: Decodable, Sendable, Equatable {
        public let name: String
        public let address: String
        public init(name: String, address: String) {
            self.name = name
            self.address = address
        }
    }
    public let server: String
    public let mailFrom: String
    public let rcptTos: [String]
    public let authenticatedAs: String?
    public let tls: Bool
    public let from: Mailbox?
    public let to: Mailbox?
    public let subject: String
    public let rawSubject: String?
    public let date: String
    public let messageId: String
    public let autoSubmitted: String
    public let contentType: String
    public let charset: String?
    public let transferEncoding: String
    public let body: String
    public let defects: [String]

    enum CodingKeys: String, CodingKey {
        case server, tls, from, to, subject, date, charset, body, defects
        case mailFrom = "mail_from"
        case rcptTos = "rcpt_tos"
        case authenticatedAs = "authenticated_as"
        case rawSubject = "raw_subject"
        case messageId = "message_id"
        case autoSubmitted = "auto_submitted"
        case contentType = "content_type"
        case transferEncoding = "transfer_encoding"
    }
}

public struct TestMailError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
