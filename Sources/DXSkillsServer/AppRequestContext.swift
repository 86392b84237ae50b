import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basic one plus the client's address, which
/// refusal audits and the sign-in rate limit need.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// Closes the connection's input after the response: set when a body is refused unread, so the
    /// server does not drain what the client still sends.
    let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }

    /// The client's IP address, or nil when unknown (in-process tests).
    var clientAddress: String? { remoteAddress?.ipAddress }
}
