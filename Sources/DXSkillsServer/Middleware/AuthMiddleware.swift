import DXSkillsCore
import Hummingbird

/// Requires a valid bearer token on every `/api/v1` operation (the OpenAPI document excepted) and
/// makes the caller known to handlers. Every failure is the same 401, so nothing leaks about why.
/// Every refusal, this 401 and the 403s and 404s of what follows, is recorded with the caller.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: Database
    let refusals: RefusalRecorder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard path.hasPrefix("/api/v1/"), path != "/api/v1/openapi.yaml" else {
            return try await next(request, context)
        }
        let route = RefusalRecorder.route(request)
        // Signing in for a personal token is the one operation without a token.
        if path == "/api/v1/auth/token", request.method == .post {
            let scope = RequestScope(
                requestID: RequestScope.requestID ?? context.id, logger: context.logger, principal: nil,
                client: context.clientAddress)
            return try await RequestScope.$current.withValue(scope) { try await next(request, context) }
        }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            await refusals.record(
                tenant: nil, actor: nil, route: route, status: 401, reason: "no bearer token",
                client: context.clientAddress)
            throw DXSkillsError.unauthorized
        }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        let requestID = RequestScope.requestID
        guard let principal = try await TokenStore.authenticate(token, database: database) else {
            await refusals.record(
                tenant: TokenStore.parse(token)?.tenant, actor: nil, route: route, status: 401,
                reason: "unknown, malformed, expired or revoked token", client: context.clientAddress)
            throw DXSkillsError.unauthorized
        }
        var context = context
        context.logger[metadataKey: "user"] = .string("\(principal.tenant)/\(principal.userName)")
        let scope = RequestScope(
            requestID: requestID ?? context.id, logger: context.logger, principal: principal, client: context.clientAddress,
            language: Language.preferred(acceptLanguage: request.headers[.acceptLanguage]) ?? .en, refusals: refusals,
            route: route)
        return try await RequestScope.$current.withValue(scope) {
            do {
                return try await next(request, context)
            } catch {
                await scope.recordRefusal(Problem(error, requestID: ""))
                throw error
            }
        }
    }
}
