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
    /// The language the client asked for (`Accept-Language`), for texts the handler writes itself.
    var language: Language = .en
    /// Where a refusal the handler answers itself (inside a streamed answer) is recorded, and its route.
    var refusals: RefusalRecorder? = nil
    var route: String? = nil

    /// Records a refusal that reaches the client inside a 200 answer (a streamed import), as the auth
    /// middleware records those it sees thrown.
    func recordRefusal(_ problem: Problem) async {
        guard RefusalRecorder.statuses.contains(problem.status), let refusals, let route, let principal else { return }
        await refusals.record(
            tenant: principal.tenant, actor: principal.userName, route: route, status: problem.status,
            reason: problem.reason ?? "refused", client: client)
    }

    @TaskLocal static var current: RequestScope?

    /// The signed-in caller; the auth middleware guarantees one on every `/api/v1` operation.
    static func principal() throws -> Principal {
        guard let principal = current?.principal else { throw DXSkillsError.unauthorized }
        return principal
    }

    static var requestID: String? { current?.requestID }
}
