// Placeholder with the interface of the OpenID Connect client, replaced by the real client.
import AsyncHTTPClient
import Foundation

public struct OpenIDSettings: Sendable, Equatable {
    public var issuer: String
    public var clientID: String
    public var clientSecret: String?
    public var employeeClaim: String
    public var redirectURI: String
    public init(issuer: String, clientID: String, clientSecret: String?, employeeClaim: String, redirectURI: String) {
        (self.issuer, self.clientID, self.clientSecret, self.employeeClaim, self.redirectURI) =
            (issuer, clientID, clientSecret, employeeClaim, redirectURI)
    }
}
public struct OpenIDRequest: Sendable {
    public let url: String
    public let state: String
    public let nonce: String
    public let codeVerifier: String
}
public struct OpenIDIdentity: Sendable, Equatable {
    public let subject: String
    public let employeeNo: String?
    public let email: String?
    public let name: String?
}
public enum OpenIDError: Error, Sendable {
    case unavailable(String)
    case rejected(String)
}
public actor OpenIDClient {
    public init(httpClient: HTTPClient = .shared, now: @escaping @Sendable () -> Date = Date.init) {}
    public func start(_ settings: OpenIDSettings) async throws -> OpenIDRequest {
        throw OpenIDError.unavailable("OpenID Connect is not built into this version yet")
    }
    public func finish(_ settings: OpenIDSettings, code: String, codeVerifier: String, nonce: String) async throws
        -> OpenIDIdentity
    {
        throw OpenIDError.unavailable("OpenID Connect is not built into this version yet")
    }
}
