import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The provider's HTTP endpoints, each call bounded in time and size.
struct OpenIDHTTP: Sendable {
    let client: HTTPClient
    static let timeout = TimeAmount.seconds(5)
    static let maxBody = 1 << 20

    struct Reply {
        let status: HTTPResponseStatus
        let body: Data
    }

    func getJSON<T: Decodable>(_ type: T.Type, from url: String, what: String) async throws(OpenIDError) -> T {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        let reply = try await send(request, what: what)
        guard reply.status == .ok else {
            throw .unavailable("\(what) at \(url) answered HTTP \(reply.status.code)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: reply.body)
        } catch {
            throw .unavailable("\(what) at \(url) is not the JSON expected: \(OpenIDHTTP.describe(error))")
        }
    }

    /// A form POST; any HTTP status is returned, since the token endpoint reports refusals as 400 or 401.
    func postForm(_ url: String, _ fields: [(String, String)], authorization: String?, what: String)
        async throws(OpenIDError) -> Reply
    {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.body = .bytes(ByteBuffer(string: OpenIDHTTP.formEncoded(fields)))
        return try await send(request, what: what)
    }

    private func send(_ request: HTTPClientRequest, what: String) async throws(OpenIDError) -> Reply {
        do {
            let response = try await client.execute(request, timeout: OpenIDHTTP.timeout)
            let body = try await response.body.collect(upTo: OpenIDHTTP.maxBody)
            return Reply(status: response.status, body: Data(buffer: body))
        } catch {
            throw .unavailable("could not get \(what) from \(request.url): \(OpenIDHTTP.describe(error))")
        }
    }

    /// application/x-www-form-urlencoded, with everything but RFC 3986's unreserved characters escaped, so
    /// that a provider decoding with or without the `+`-for-space rule reads the same value.
    static func formEncoded(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError, error == .deadlineExceeded {
            return "no answer within \(timeout.nanoseconds / 1_000_000_000) s"
        }
        // NIO's own description of a socket error reads "connection reset (error set): …": say only the cause.
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        if let error = error as? NIOConnectionError {
            let causes = error.connectionErrors.map { String(describing: $0.error) }
            return "could not connect to \(error.host):\(error.port)" + (causes.isEmpty ? "" : " (\(causes[0]))")
        }
        if let error = error as? DecodingError {
            switch error {
            case .keyNotFound(let key, _): return "no \(key.stringValue)"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
            @unknown default: return String(describing: error)
            }
        }
        return String(describing: error)
    }
}
