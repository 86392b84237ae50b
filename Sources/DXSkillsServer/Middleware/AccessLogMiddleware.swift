import Hummingbird
import Logging

/// One log line per request: method, path and status, with the request id and (once known) the
/// user. Never the query string: a token sent as `?access_token=dxs_…` must not reach the log.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let response = try await next(request, context)
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
            ])
        return response
    }
}
