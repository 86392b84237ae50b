import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id: the caller's `X-Request-ID` when it is sane, else Hummingbird's.
/// The id is in every log line of the request and in the response.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let requestID: String
        if let given = request.headers[.xRequestID], (1...64).contains(given.count),
            given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            requestID = given
        } else {
            requestID = context.id
        }
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let scope = RequestScope(requestID: requestID, logger: context.logger, principal: nil)
        var response = try await RequestScope.$current.withValue(scope) {
            try await next(request, context)
        }
        response.headers[.xRequestID] = requestID
        return response
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-ID")!
}
