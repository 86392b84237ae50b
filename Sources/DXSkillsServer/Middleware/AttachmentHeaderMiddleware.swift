import Hummingbird

/// The generated layer writes header values percent-encoded (the OpenAPI `simple` style), which
/// turns `attachment; filename="…"` into one opaque token a browser ignores. The handler builds a
/// value that is safe as it is (see `APIHandlers.attachment`), so the encoding is undone here.
struct AttachmentHeaderMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        if request.uri.path.hasPrefix("/api/v1/"), let value = response.headers[.contentDisposition],
            let decoded = value.removingPercentEncoding
        {
            response.headers[.contentDisposition] = decoded
        }
        return response
    }
}
