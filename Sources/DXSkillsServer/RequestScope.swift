import DXSkillsCore
import Logging

/// What the middleware learned about the request, for handlers that the OpenAPI layer calls
/// with their typed input only.
struct RequestScope: Sendable {
    let requestID: String
    let logger: Logger
    let principal: Principal?
    /// The client's address, for the sign-in's records.
    var client: String? = nil

    @TaskLocal static var current: RequestScope?

    /// The signed-in caller; the auth middleware guarantees one on every `/api/v1` operation.
    static func principal() throws -> Principal {
        guard let principal = current?.principal else { throw DXSkillsError.unauthorized }
        return principal
    }

    static var requestID: String? { current?.requestID }
}
