import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basic one plus the client's address, which
/// refusal audits and the sign-in rate limit need.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The connection, whose input a refusal closes so that an unread body is not drained.
    let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }

    /// The client's IP address, or nil when unknown (in-process tests).
    var clientAddress: String? { remoteAddress?.ipAddress }
}
