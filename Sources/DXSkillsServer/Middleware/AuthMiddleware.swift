import DXSkillsCore
import Hummingbird

/// Requires a valid bearer token on every `/api/v1` operation (the OpenAPI document excepted) and
/// makes the caller known to handlers. Every failure is the same 401, so nothing leaks about why.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let database: Database

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard path.hasPrefix("/api/v1/"), path != "/api/v1/openapi.yaml" else {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw DXSkillsError.unauthorized
        }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        let requestID = RequestScope.requestID
        guard let principal = try await TokenStore.authenticate(token, database: database) else {
            throw DXSkillsError.unauthorized
        }
        var context = context
        context.logger[metadataKey: "user"] = .string("\(principal.tenant)/\(principal.userName)")
        let scope = RequestScope(requestID: requestID ?? context.id, logger: context.logger, principal: principal)
        return try await RequestScope.$current.withValue(scope) {
            try await next(request, context)
        }
    }
}
