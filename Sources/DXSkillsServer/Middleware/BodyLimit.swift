import DXSkillsCore
import Hummingbird
import NIOCore

/// The most a request body may hold on a route, enforced before any of it is read: an announced
/// `Content-Length` over the limit is refused at once, and a body without one is cut off as soon as
/// it passes the limit. Memory then stays proportional to the limit, not to what a client sends.
enum BodyLimit {
    /// JSON documents (targets, criteria, career templates).
    static let document = 1_048_576
    /// Dashboard forms without a file.
    static let form = 64 * 1024
    /// Planned transfers (異動内示): a city's whole April fits in a few MiB.
    static let transfers = 64 * 1_048_576
    /// A claim with 3 evidence files of 10 MB each, base64 in JSON (4/3 of 30 MiB) and its fields.
    static let claim = 41 * 1_048_576
    /// A user name and a password.
    static let signIn = 4096
    /// Any other route: none takes a body.
    static let other = 64 * 1024

    /// `request` with its body bounded by `limit`; throws 413 when it announces more.
    static func bounded(_ request: Request, limit: Int) throws -> Request {
        if let announced = request.headers[.contentLength].flatMap({ Int($0) }), announced > limit {
            throw tooLarge(limit)
        }
        var request = request
        request.body = RequestBody(asyncSequence: LimitedBody(base: request.body, limit: limit))
        return request
    }

    static func tooLarge(_ limit: Int) -> HTTPError {
        let size = limit >= 1_048_576 ? "\(limit / 1_048_576) MiB" : "\(limit / 1024) KiB"
        return HTTPError(
            .contentTooLarge,
            message: "the request body is larger than \(size), the most this route takes / 送信データが上限 \(size) を超えています")
    }
}

/// A request body that fails with 413 once more than `limit` bytes arrive.
struct LimitedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        var seen = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            seen += chunk.readableBytes
            guard seen <= limit else { throw BodyLimit.tooLarge(limit) }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), limit: limit) }
}

/// Who may send a body to an `/api/v1` operation, and how large: checked after the caller is known
/// and before the generated layer reads (and decodes) a byte of it.
struct APIBodyPolicy: Sendable {
    let limit: Int
    let action: MessageValue
    let allows: @Sendable (Role) -> Bool

    /// The policy of a request with a body; a route that takes none gets the small default.
    static func of(method: HTTPRequest.Method, path: String, maxUploadBytes: Int) -> APIBodyPolicy {
        let tenantWide: @Sendable (Role) -> Bool = { $0.isTenantWide }
        let segments = path.split(separator: "/").dropFirst(2).map(String.init)  // after api/v1
        switch (method, segments.first, segments.count) {
        case (.post, "auth", 2): return .init(limit: BodyLimit.signIn, action: .key(.actSignIn), allows: { _ in true })
        case (.put, "targets", 1): return .init(limit: BodyLimit.document, action: .key(.actSetTargets), allows: tenantWide)
        case (.put, "criteria", 1):
            return .init(limit: BodyLimit.document, action: .key(.actSetCriteria), allows: tenantWide)
        case (.put, "career-templates", 1):
            return .init(limit: BodyLimit.document, action: .key(.actSetTemplates), allows: tenantWide)
        case (.post, "transfers", 2):
            let action: MessageKey =
                ["impact": .actPreviewTransfers, "apply": .actApplyTransfers][segments[1]] ?? .actChangeTransfers
            return .init(limit: BodyLimit.transfers, action: .key(action), allows: tenantWide)
        // Anyone signed in may claim for themselves (the core refuses a user who is no staff member).
        case (.post, "claims", 1): return .init(limit: BodyLimit.claim, action: .key(.actSubmitClaim), allows: { _ in true })
        case (.put, "claims", 2): return .init(limit: BodyLimit.claim, action: .key(.actEditClaim), allows: { _ in true })
        case (.post, "claims", 3) where segments[2] == "return":
            return .init(limit: BodyLimit.form, action: .key(.actReturnClaim), allows: { _ in true })
        case (.post, "notifications", 2):
            return .init(limit: BodyLimit.form, action: .key(.actRunNotifications), allows: tenantWide)
        case (.post, "imports", 2):
            let kind = ImportKind(rawValue: segments[1])
            return .init(
                limit: maxUploadBytes, action: .message(Message(.actImport, ["kind": "\(segments[1])"])),
                allows: { role in kind.map { $0.allows(role) } ?? true })
        default:
            return .init(limit: BodyLimit.other, action: .key(.actSendBody), allows: { _ in true })
        }
    }
}

/// Applies `APIBodyPolicy`: a caller whose role may not use the operation is refused (403) before
/// the body is read, and every body is bounded by its route's limit.
struct BodyGuardMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxUploadBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.path.hasPrefix("/api/v1/"), request.method != .get, request.method != .head else {
            return try await next(request, context)
        }
        let policy = APIBodyPolicy.of(method: request.method, path: request.uri.path, maxUploadBytes: maxUploadBytes)
        if let principal = RequestScope.current?.principal, !policy.allows(principal.role) {
            throw DXSkillsError.forbidden(Message(.forbidRole, ["role": "\(principal.role.rawValue)", "action": policy.action]))
        }
        return try await next(try BodyLimit.bounded(request, limit: policy.limit), context)
    }
}
