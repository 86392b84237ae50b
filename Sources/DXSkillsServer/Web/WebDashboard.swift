import DXSkillsCore
import Foundation
import Hummingbird
import Mustache
import PostgresNIO
import Synchronization

/// The web dashboard: server-rendered pages over the same core functions, roles and audit as the API.
struct WebDashboard: Sendable {
    let database: Database
    let openID: OpenIDClient
    let templates: MustacheLibrary
    let maxUploadBytes: Int
    let signInLimiter: SignInLimiter
    let refusals: RefusalRecorder
    /// Where users reach the service, for the OpenID callback; nil: the request's authority.
    let publicURL: String?
    let tenantNames = TenantNames()

    static let sessionCookie = "dxs_session"
    static let languageCookie = "dxs_lang"
    /// Double-submit token of the sign-in form, which has no session yet.
    static let signInCookie = "dxs_signin"
    /// The `state` of an OpenID Connect sign-in under way, bound to this browser.
    static let openIDCookie = "dxs_oidc"

    init(
        database: Database, openID: OpenIDClient = OpenIDClient(), signInLimiter: SignInLimiter = SignInLimiter(),
        refusals: RefusalRecorder, maxUploadBytes: Int, publicURL: String? = nil
    ) throws {
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.database = database
        self.openID = openID
        self.signInLimiter = signInLimiter
        self.refusals = refusals
        self.maxUploadBytes = maxUploadBytes
        self.templates = try Self.loadTemplates()
    }

    /// The templates of Web/Templates, built into this target (the EmbedFiles plugin).
    static func loadTemplates() throws -> MustacheLibrary {
        let templates = EmbeddedFiles.files.filter { $0.name.hasPrefix("Templates/") && $0.name.hasSuffix(".mustache") }
        guard !templates.isEmpty else {
            throw DXSkillsError.unavailable("the dashboard templates are missing from the build")
        }
        var library = MustacheLibrary()
        for template in templates {
            let name = template.name.dropFirst("Templates/".count).dropLast(".mustache".count)
            try library.register(template.text, named: String(name))
        }
        return library
    }

    /// Web/Static/dashboard.css, built into this target.
    static let stylesheet = ByteBuffer(string: EmbeddedFiles.text("Static/dashboard.css") ?? "")
}

/// A signed-in browser and who it acts for.
struct WebCaller: Sendable {
    /// The session cookie's value.
    let cookie: String
    let session: ActiveSession
    let principal: Principal
    let language: WebLanguage
    /// Set when this request chose the language (`?lang=`), so the response remembers it.
    let chosenLanguage: Bool
    let secure: Bool
    /// The tenant's name (みなと市), for the printed pages' header.
    let tenantName: String

    var csrfToken: String { session.csrfToken }
}

/// Why a page was not shown; the error middleware turns it into a redirect or an HTML page.
enum WebError: Error, Sendable {
    case signInRequired
    case badCSRF
    /// Signed in with a one-time password: only the change-password page until it is changed.
    case passwordChangeRequired
}

/// Too many sign-in attempts from one address or for one user: 429 with `Retry-After`.
struct SignInThrottled: Error, Sendable {
    let retryAfter: Int
}

extension WebDashboard {
    /// The caller of a request with a live session, or `signInRequired`.
    func caller(_ request: Request) async throws -> WebCaller {
        let (language, chosen) = Self.language(request)
        // The session and its user's rights of today, looked up on every request: a grant that ends,
        // a disabled user, a revoked token (for a token session) ends it at once.
        guard let cookie = request.cookies[Self.sessionCookie]?.value,
            let session = try await Sessions.authenticate(cookie, database: database)
        else {
            throw WebError.signInRequired
        }
        if session.mustChangePassword, !["/password", "/signout"].contains(request.uri.path) {
            throw WebError.passwordChangeRequired
        }
        let tenantName = try await tenantNames.name(of: session.principal, database: database)
        return WebCaller(
            cookie: cookie, session: session, principal: session.principal, language: language, chosenLanguage: chosen,
            secure: Self.isSecure(request), tenantName: tenantName)
    }

    /// Reads a posted form of a signed-in caller, at most `limit` bytes, and refuses it unless its
    /// `_csrf` field is the session's. Call it only after the caller's role is checked: nothing of
    /// the body is read before.
    func form(_ request: Request, caller: WebCaller, limit: Int = BodyLimit.form) async throws -> WebForm {
        let form = try await WebForm.read(request, limit: limit)
        guard let token = form["_csrf"], TokenStore.constantTimeEqual(token, caller.csrfToken) else {
            throw WebError.badCSRF
        }
        return form
    }

    /// `?lang=` first, then the cookie, then Japanese.
    static func language(_ request: Request) -> (WebLanguage, chosen: Bool) {
        if let query = request.uri.queryParameters["lang"].flatMap({ WebLanguage(rawValue: String($0)) }) {
            return (query, true)
        }
        let cookie = request.cookies[languageCookie].flatMap { WebLanguage(rawValue: $0.value) }
        return (cookie ?? .ja, false)
    }

    /// Served over TLS, directly or behind a proxy that says so: then cookies are `Secure`.
    static func isSecure(_ request: Request) -> Bool {
        request.head.scheme == "https" || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    static func cookie(
        _ name: String, _ value: String, secure: Bool, maxAge: Int? = nil, sameSite: Cookie.SameSite = .strict
    ) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: sameSite)
    }

    /// A 303 to a path of ours.
    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// Only paths of this site, so `next=` cannot send a user elsewhere.
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
            !text.contains(where: { $0.isNewline })
        else { return "/" }
        return text
    }
}

/// Tenants' names, read once every few minutes per tenant rather than on every page.
final class TenantNames: Sendable {
    private let names = Mutex<[String: (name: String, at: ContinuousClock.Instant)]>([:])
    static let lifetime: Duration = .seconds(300)

    func name(of principal: Principal, database: Database) async throws -> String {
        let now = ContinuousClock.now
        if let known = names.withLock({ $0[principal.tenant] }), now - known.at < Self.lifetime { return known.name }
        let name = try await database.transaction(TenantContext(principal, requestID: nil)) { connection in
            try await connection.query("SELECT name FROM tenants", logger: database.logger).decode(String.self).collect()
                .first ?? principal.tenant
        }
        names.withLock { $0[principal.tenant] = (name, now) }
        return name
    }
}
