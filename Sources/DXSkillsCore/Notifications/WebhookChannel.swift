import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// A digest as a JSON POST to the tenant's webhook (reference §8.3), signed so the receiver can
/// check it came from us: `X-DXSkills-Signature: sha256=<hex HMAC-SHA256 of the body with the key>`.
public struct WebhookChannel: Sendable {
    public let client: HTTPClient
    public let timeout: TimeAmount

    public init(client: HTTPClient = .shared, timeout: TimeAmount = .seconds(10)) {
        self.client = client
        self.timeout = timeout
    }

    /// The body: the tenant, the recipient, the day, a plain-text `text` that chat tools show as it
    /// is, and the items.
    public struct Body: Encodable {
        var type = "digest"
        let tenant: String
        let recipient: String
        let day: String
        let text: String
        let items: [DigestText.Item]
    }

    public static func body(_ digest: Digest, publicURL: String) throws -> [UInt8] {
        let text = DigestText(digest, publicURL: publicURL)
        return try encoded(
            Body(
                tenant: digest.tenant, recipient: digest.recipient, day: digest.day.description,
                text: text.subject + "\n\n" + text.body, items: text.items))
    }

    /// A body as posted: sorted keys, slashes as they are.
    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// What `dxskills doctor` and the service's start-up post to check a webhook: signed like a digest,
    /// with `type` "ping" and no items.
    public struct Ping: Encodable {
        var type = "ping"
        let tenant: String
        let text: String
    }

    /// Posts a signed ping; a receiver that answers it with 2xx is reachable and takes our key's
    /// signatures (if it checks them).
    public func ping(url: String, tenant: String, key: [UInt8]) async throws(DeliveryFailure) {
        let ping = Ping(tenant: tenant, text: "dxskills: Webhook の接続確認です / a webhook check from dxskills")
        let body: [UInt8]
        do { body = try Self.encoded(ping) } catch {
            throw DeliveryFailure("\(error)", temporary: false)
        }
        try await post(url: url, body: body, key: key)
    }

    /// The signature header's value for `body`.
    public static func signature(_ body: [UInt8], key: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: key))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// The signing key: the file's bytes, without a trailing newline.
    public static func key(file: String) throws(DeliveryFailure) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DeliveryFailure(
                "Webhook の署名鍵ファイル \(file) を読めません / cannot read the webhook's key file \(file)", temporary: true)
        }
        var bytes = Array(data)
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard !bytes.isEmpty else {
            throw DeliveryFailure("Webhook の署名鍵ファイル \(file) が空です / the webhook's key file \(file) is empty", temporary: false)
        }
        return bytes
    }

    /// Posts the body; any answer but 2xx is a failure (5xx and timeouts are temporary).
    public func post(url: String, body: [UInt8], key: [UInt8]) async throws(DeliveryFailure) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "dxskills")
        request.headers.add(name: "X-DXSkills-Signature", value: Self.signature(body, key: key))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw DeliveryFailure(
                "Webhook に届きません / the webhook cannot be reached: \(type(of: error))", temporary: true)
        }
        guard (200..<300).contains(response.status.code) else {
            throw DeliveryFailure(
                "Webhook が \(response.status.code) を返しました / the webhook answered \(response.status.code)",
                temporary: response.status.code >= 500 || response.status.code == 429)
        }
    }
}
