import DXSkillsCore
import Hummingbird

/// Errors of dashboard pages as HTML (the API's problem+json middleware sits outside): no session is
/// a redirect to sign in; out of scope is 404 exactly like the API, never a hint that it exists.
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let dashboard: WebDashboard

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch WebError.signInRequired {
            // Only the path: a query may carry what must not be echoed or logged (a token, say).
            let target = request.method == .get ? request.uri.path : "/"
            ProblemMiddleware.stopReading(request, status: 401, context: context)
            await dashboard.refusals.record(
                tenant: nil, actor: nil, route: RefusalRecorder.route(request), status: 401,
                reason: "no live session", client: context.clientAddress)
            return WebDashboard.redirect("/signin?" + WebDashboard.query([("next", target)]))
        } catch WebError.passwordChangeRequired {
            ProblemMiddleware.stopReading(request, status: 303, context: context)
            return WebDashboard.redirect("/password")
        } catch let error as SignInThrottled {
            return Response(
                status: .tooManyRequests, headers: [.retryAfter: "\(error.retryAfter)"],
                body: .init(
                    byteBuffer: .init(
                        string:
                            "too many sign-in attempts: wait \(error.retryAfter) s / サインインの試行が多すぎます。\(error.retryAfter) 秒待ってください\n"
                    )))
        } catch {
            let (status, key, detail) = Self.classify(error)
            ProblemMiddleware.stopReading(request, status: Int(status.code), context: context)
            if status.code >= 500 {
                context.logger.error("page failed", metadata: ["error": "\(String(reflecting: error))"])
            } else {
                context.logger.info("page refused", metadata: ["status": "\(status.code)", "detail": "\(detail ?? "")"])
            }
            let caller = try? await dashboard.caller(request)
            if RefusalRecorder.statuses.contains(Int(status.code)) {
                await dashboard.refusals.record(
                    tenant: caller?.principal.tenant, actor: caller?.principal.userName,
                    route: RefusalRecorder.route(request), status: Int(status.code),
                    reason: detail ?? Self.reason(error), client: context.clientAddress)
            }
            let language = caller?.language ?? WebDashboard.language(request).0
            // The detail in the page's language where the core has it in both (row problems).
            let shown = detail.map { english in (error as? DXSkillsError).map { $0.text(language.messages) } ?? english }
            let content = ErrorPage(
                message: language.text(key), requestId: RequestScope.requestID ?? context.id, status: Int(status.code),
                detail: shown)
            return dashboard.page(
                "error", title: "error", request: request, caller: caller, language: language, content: content,
                status: status)
        }
    }

    /// What a refusal without a message was about.
    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as DXSkillsError: return error.description
        default: return String(describing: type(of: error))
        }
    }

    static func classify(_ error: any Error) -> (HTTPResponse.Status, String, String?) {
        switch error {
        case WebError.badCSRF:
            return (.forbidden, "forbidden", "CSRF token missing or wrong: reload the page and try again")
        case let error as DXSkillsError:
            let status = HTTPResponse.Status(code: error.category.status, reasonPhrase: error.category.title)
            switch error.category {
            case .notFound: return (status, "not_found", nil)
            case .forbidden: return (status, "forbidden", nil)
            case .invalid, .badRequest, .conflict: return (status, "bad_request", error.description)
            case .unauthorized: return (status, "signin_failed", nil)
            case .unavailable: return (status, "server_error", nil)
            }
        case let error as HTTPError:
            return (error.status, error.status.code >= 500 ? "server_error" : "bad_request", error.body)
        default:
            return (.internalServerError, "server_error", nil)
        }
    }
}
