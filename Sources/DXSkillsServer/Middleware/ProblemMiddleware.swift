import DXSkillsCore
import Foundation
import Hummingbird
import OpenAPIRuntime

/// Turns every error into `application/problem+json` (RFC 9457) with the request id.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage]) ?? .en
            let problem = Problem(error, requestID: RequestScope.requestID ?? context.id, language: language)
            defer { Self.stopReading(request, status: problem.status, context: context) }
            if problem.status >= 500 {
                // Never the whole ServerError: its description carries the request's headers, token included.
                let cause = (error as? ServerError).map { "\($0.operationID): \(String(reflecting: $0.underlyingError))" }
                context.logger.error("request failed", metadata: ["error": "\(cause ?? String(reflecting: error))"])
            } else {
                context.logger.info(
                    "request refused", metadata: ["status": "\(problem.status)", "detail": "\(problem.detail ?? "")"])
            }
            var response = problem.response()
            if let conformance = error as? ConformanceError {
                for field in conformance.headers { response.headers.append(field) }
            }
            return response
        }
    }
}

extension ProblemMiddleware {
    /// A request refused with its body unread (401, 403, 405, 413, …) would otherwise be drained
    /// after the response, at whatever length the client sends: past a form's size, or of unknown
    /// length, the connection's input is closed instead. A small body is drained as usual: closing
    /// on unread bytes can reset the connection before the client reads its answer.
    static func stopReading(_ request: Request, status: Int, context: Context) {
        guard status >= 400, let channel = context.channel else { return }
        let announced = request.headers[.contentLength].flatMap { Int($0) }
        guard announced.map({ $0 > BodyLimit.form }) ?? (request.headers[.transferEncoding] != nil) else { return }
        channel.close(mode: .input, promise: nil)
    }
}

/// An RFC 9457 problem document.
struct Problem: Encodable {
    let type: String
    let title: String
    let status: Int
    let detail: String?
    /// `detail` in English, for the audit trail (which keeps one language); not sent.
    let reason: String?
    let requestID: String
    let errors: [CSVIssue]?
    /// The language of `detail` and of each error's `reason` (`Accept-Language`; English by default).
    var language: Language = .en
    /// Problems beyond the first `maximumErrors`, counted but not listed.
    var more: Int? = nil

    /// A file this wrong is the wrong file: a 10,000-column header must not make a megabyte answer.
    static let maximumErrors = 200

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors, more
        case requestID = "request_id"
    }

    init(_ error: any Error, requestID: String, language: Language = .en) {
        self.requestID = requestID
        self.language = language
        var error = error
        // The OpenAPI layer wraps what handlers throw.
        if let serverError = error as? ServerError { error = serverError.underlyingError }
        switch error {
        case let error as DXSkillsError:
            (type, title, status) = (error.category.problemType, error.category.title, error.category.status)
            if case .invalidRows(let issues, let unlisted) = error {
                let total = issues.count + unlisted
                let listed = Array(issues.prefix(Self.maximumErrors))
                let message =
                    total > listed.count
                    ? Message(.problemsFirstListed, ["count": "\(total)", "listed": "\(listed.count)"])
                    : Message(.problemsNothingWritten, ["count": "\(total)"])
                (detail, reason) = (message.text(language), message.text(.en))
                errors = listed
                more = total > listed.count ? total - listed.count : nil
            } else {
                (detail, reason) = (error.text(language), error.text(.en))
                errors = nil
            }
        case let error as ConformanceError:
            type = error.status == .methodNotAllowed ? "urn:dxskills:method-not-allowed" : "urn:dxskills:bad-request"
            status = Int(error.status.code)
            title = error.status.reasonPhrase
            detail = error.detail
            reason = detail
            errors = nil
        case let error as HTTPError:
            type = "about:blank"
            status = Int(error.status.code)
            title = error.status.reasonPhrase
            detail = error.body
            reason = detail
            errors = nil
        case is DecodingError:
            (type, title, status) = ("urn:dxskills:bad-request", "Bad request", 400)
            detail = "a parameter or the body could not be read"
            reason = detail
            errors = nil
        default:
            (type, title, status) = ("urn:dxskills:server-error", "Internal server error", 500)
            detail = "the service failed; quote the request id when you report it"
            reason = detail
            errors = nil
        }
    }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[Language.codingKey] = language
        let data = (try? encoder.encode(self)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        headers[.contentLanguage] = language.rawValue
        headers[.vary] = "Accept-Language"
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        if status == 503 { headers[.retryAfter] = "5" }
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
