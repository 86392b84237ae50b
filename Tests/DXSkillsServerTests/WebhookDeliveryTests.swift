import Crypto
import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// What the receiver got, and what it answers.
actor Receiver {
    var status: HTTPResponse.Status = .internalServerError
    var received: [(body: [UInt8], signature: String?)] = []

    func answer(_ body: [UInt8], _ signature: String?) -> HTTPResponse.Status {
        received.append((body, signature))
        return status
    }
    func set(_ status: HTTPResponse.Status) { self.status = status }
}

@Suite("Webhook delivery")
struct WebhookDeliveryTests {
    static let roles =
        "employee_no,role,unit_code,valid_from,valid_to\nE007,manager,B1,2020-04-01,\nE003,evaluator,S3,2020-04-01,\n"
    /// On 2025-01-01 E002's SC ends in 90 days and E007's in 30; E005's SG in 7 (E005 is retired: no user).
    static let certifications = """
        employee_no,cert_code,acquired_on,expires_on
        E002,SC,2022-04-01,2025-04-01
        E007,SC,2023-01-01,2025-01-31
        E005,SG,2023-01-01,2025-01-08

        """

    static let logger = {
        var logger = Logger(label: "webhook-test")
        logger.logLevel = .critical
        return logger
    }()

    /// A live receiver on a free port at /hook, answering what `Receiver.status` says.
    static func withReceiver(_ body: @Sendable (Int, Receiver) async throws -> Void) async throws {
        let receiver = Receiver()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1_048_576)
            let status = await receiver.answer(Array(buffer: body), request.headers[HTTPField.Name("X-DXSkills-Signature")!])
            return Response(status: status)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(.live) { client in try await body(client.port!, receiver) }
    }

    @Test("doctor names a webhook answering 500 and a key file it cannot read; a signed ping that gets 2xx is ok")
    func doctorPing() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let key = "doctor-key-\(UUID().uuidString)"
            let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("hook-\(UUID().uuidString)").path
            try Data(key.utf8).write(to: URL(fileURLWithPath: keyFile))
            defer { try? FileManager.default.removeItem(atPath: keyFile) }
            try await Self.withReceiver { port, receiver in
                var settings = NotificationSettings()
                settings.webhookURL = "http://127.0.0.1:\(port)/hook"
                settings.webhookSecretFile = keyFile
                try await db.owner.transaction(Fixture.context()) { connection in
                    try await settings.save(connection: connection, logger: Self.logger)
                }
                func findings() async throws -> [String] {
                    try await NotificationChecks.webhooks(database: db.owner).filter { $0.check.hasSuffix(Fixture.tenant) }
                        .map { $0.problem.map { "NG \($0)" } ?? "ok \($0.detail)" }
                }
                #expect(try await findings() == ["NG Webhook が 500 を返しました / the webhook answered 500"])
                #expect(await receiver.received.count == 1)
                try FileManager.default.removeItem(atPath: keyFile)
                #expect(try await findings().map { $0.contains("cannot read the webhook's key file") } == [true])
                #expect(await receiver.received.count == 1)
                try Data(key.utf8).write(to: URL(fileURLWithPath: keyFile))
                await receiver.set(.noContent)
                #expect(try await findings() == ["ok http://127.0.0.1:\(port)/hook answered a signed ping"])
                let (body, signature) = try #require(await receiver.received.last)
                let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(key.utf8)))
                #expect(signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
                let json = try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any]
                #expect(json["type"] as? String == "ping" && json["tenant"] as? String == Fixture.tenant)
                #expect(json["items"] == nil)
            }
        }
    }

    @Test("a receiver answering 500 gets the digests again later; then each arrives once, signed, and nothing more")
    func retryThenDeliverOnce() async throws {
        try await withTestDatabase { db in
            // setup
            try await Fixture.create(db.owner)
            try await Fixture.load(.roles, Self.roles, into: db.owner)
            try await Fixture.load(.certifications, Self.certifications, into: db.owner)
            let key = "webhook-key-\(UUID().uuidString)"
            let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("hook-\(UUID().uuidString)").path
            try Data((key + "\n").utf8).write(to: URL(fileURLWithPath: keyFile))
            defer { try? FileManager.default.removeItem(atPath: keyFile) }
            let logger = Self.logger
            try await Self.withReceiver { port, receiver in
                var settings = NotificationSettings()
                settings.webhookURL = "http://127.0.0.1:\(port)/hook"
                settings.webhookSecretFile = keyFile
                try await db.owner.transaction(Fixture.context()) { connection in
                    try await settings.save(connection: connection, logger: logger)
                }
                let run = try await db.app.transaction(Fixture.context()) { connection in
                    try await Notifications.run(
                        tenant: Fixture.tenant, on: Day(iso: "2025-01-01")!, by: "test", channels: .init(mail: false),
                        connection: connection, logger: logger)
                }
                // E002 (holder), E007 (holder, and B1's manager for E002 and itself), E003 (S3's evaluator, for E005).
                #expect(run?.newDigests == 3)
                let sender = NotificationSender(
                    database: db.app, mail: nil, publicURL: "https://dxskills.example.lg.jp/", logger: logger)
                // act: the receiver fails
                #expect(try await sender.deliverDue(tenant: Fixture.tenant) == 0)
                // assert: tried once each, due again later with the answer named
                #expect(
                    try await db.owner.strings(
                        Fixture.context(),
                        "SELECT state || ' ' || attempts || ' ' || last_error FROM notification_digests ORDER BY recipient")
                        == Array(repeating: "pending 1 Webhook が 500 を返しました / the webhook answered 500", count: 3))
                #expect(try await sender.deliverDue(tenant: Fixture.tenant) == 0, "not due before the back-off")
                #expect(await receiver.received.count == 3)
                // act: the receiver recovers and the back-off is over
                await receiver.set(.ok)
                try await db.owner.transaction(Fixture.context()) { connection in
                    try await connection.run("UPDATE notification_digests SET next_attempt_at = now()", logger: logger)
                }
                #expect(try await sender.deliverDue(tenant: Fixture.tenant) == 3)
                #expect(try await sender.deliverDue(tenant: Fixture.tenant) == 0)
                // assert: three more posts, each signed with the key (without its newline), one per recipient
                let received = await receiver.received
                #expect(received.count == 6)
                var recipients: [String] = []
                for (body, signature) in received.suffix(3) {
                    let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(key.utf8)))
                    #expect(signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
                    let json = try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any]
                    recipients.append(json["recipient"] as! String)
                    let items = json["items"] as! [[String: Any]]
                    if json["recipient"] as? String == "E007" {
                        #expect(
                            items.map { "\($0["employee_no"]!) \($0["subject"]!) \($0["day"]!)" } == [
                                "E002 SC 2025-04-01", "E007 SC 2025-01-31",
                            ])
                        #expect(
                            items.map { $0["url"] as! String } == [
                                "https://dxskills.example.lg.jp/coverage", "https://dxskills.example.lg.jp/me",
                            ])
                        #expect((json["text"] as! String).contains("有効期限は 2025-01-31 まで"))
                    }
                }
                #expect(recipients.sorted() == ["E002", "E003", "E007"])
                #expect(
                    try await db.owner.strings(
                        Fixture.context(), "SELECT DISTINCT state FROM notification_digests") == ["sent"])
            }
        }
    }
}
