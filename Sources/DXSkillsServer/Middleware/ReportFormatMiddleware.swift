import HTTPTypes
import Hummingbird

/// `?format=xlsx|json` of a report is what the answer is, whatever the `Accept` header says: the
/// generated layer checks each answer against `Accept`, so the header is made to ask for the format
/// the query names (a browser or a script that sends `Accept: application/json` out of habit still
/// gets its Excel file). Only on the operations the OpenAPI document gives a `format` parameter.
struct ReportFormatMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.path.hasPrefix("/api/v1/"), let format = request.uri.queryParameters["format"],
            let route = servedRoutes.first(where: { $0.matches(request.uri.path) }),
            route.methods[request.method.rawValue.lowercased()]?.contains(where: {
                $0.name == "format" && $0.location == "query"
            }) == true
        else {
            return try await next(request, context)
        }
        var head = request.head
        switch format {
        case "xlsx": head.headerFields[.accept] = SheetRequest.contentType
        case "json": head.headerFields[.accept] = "application/json"
        default: return try await next(request, context)
        }
        return try await next(Request(head: head, body: request.body), context)
    }
}
