import DXSkillsCore
import Foundation
import Hummingbird
import PostgresNIO

extension WebDashboard {
    /// The dashboard's routes under `/`, next to the API.
    func register(on router: Router<AppRequestContext>) {
        router.get("/static/dashboard.css") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: Self.stylesheet))
        }
        let web = router.group().add(middleware: WebErrorMiddleware(dashboard: self))
        web.get("/") { request, _ in try await home(request) }
        web.get("/signin") { request, _ in signInForm(request, failed: false) }
        web.post("/signin") { request, context in try await signIn(request, context: context) }
        web.post("/signout") { request, _ in try await signOut(request) }
        web.get("/coverage") { request, _ in try await coverage(request) }
        web.get("/leaders") { request, _ in try await leaders(request) }
        web.get("/targets") { request, _ in try await targets(request) }
        web.get("/transfers") { request, _ in try await transfers(request, post: false) }
        web.post("/transfers") { request, _ in try await transfers(request, post: true) }
        web.get("/imports/training") { request, _ in try await trainingImport(request, post: false) }
        web.post("/imports/training") { request, _ in try await trainingImport(request, post: true) }
        web.get("/rankings") { request, _ in try await rankings(request) }
        web.get("/plans") { request, _ in try await plans(request) }
        web.get("/rankings/download") { request, _ in try await rankingDownload(request) }
    }

    func home(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let links = WebPageLink.all.filter { $0.roles.contains(caller.principal.role) }
        return page(
            "home", title: "home", request: request, caller: caller,
            content: HomePage(
                pages: links.map { HomePage.Link(href: $0.path, label: caller.language.text($0.key)) },
                empty: links.isEmpty))
    }

    func signInForm(_ request: Request, failed: Bool) -> Response {
        let (language, _) = Self.language(request)
        let token = WebSessionStore.randomToken()
        var response = page(
            "signin", title: "signin", request: request, caller: nil, language: language,
            content: SignInPage(
                csrf: token, failed: failed,
                next: Self.localPath(request.uri.queryParameters["next"].map(String.init))),
            status: failed ? .unauthorized : .ok)
        response.setCookie(Self.cookie(Self.signInCookie, token, secure: Self.isSecure(request), maxAge: 3600))
        return response
    }

    /// Checks the token once; the browser then holds only a session cookie.
    func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await WebForm.read(request, limit: BodyLimit.form)
        // The sign-in form has no session: its token is the cookie set with the form (double submit).
        guard let cookie = request.cookies[Self.signInCookie]?.value, let field = form["_csrf"],
            WebSessionStore.constantTimeEqual(cookie, field)
        else { throw WebError.badCSRF }
        let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // The name a token claims (tenant and token id) stands for its user until the token is checked.
        let claimed = TokenStore.parse(token)
        if let wait = await signInLimiter.admit(
            address: context.clientAddress, user: claimed.map { "\($0.tenant)/\($0.tokenID)" })
        {
            throw SignInThrottled(retryAfter: wait)
        }
        guard let principal = try await TokenStore.authenticate(token, database: database) else {
            await refusals.record(
                tenant: claimed?.tenant, actor: nil, route: RefusalRecorder.route(request), status: 401,
                reason: "sign-in with an unknown, expired or revoked token", client: context.clientAddress)
            return signInForm(request, failed: true)
        }
        // A session id the browser brought is never reused (session fixation).
        if let old = request.cookies[Self.sessionCookie]?.value { await sessions.remove(old) }
        let (id, _) = await sessions.create(token: token, owner: "\(principal.tenant)/\(principal.userName)")
        let secure = Self.isSecure(request)
        var response = Self.redirect(Self.localPath(form["next"]))
        response.setCookie(Self.cookie(Self.sessionCookie, id, secure: secure))
        response.setCookie(Self.cookie(Self.signInCookie, "", secure: secure, maxAge: 0))
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        _ = try await form(request, caller: caller)
        await sessions.remove(caller.sessionID)
        var response = Self.redirect("/signin")
        response.setCookie(Self.cookie(Self.sessionCookie, "", secure: caller.secure, maxAge: 0))
        return response
    }

    /// Runs `body` in one tenant transaction for the caller, like the API's handlers.
    func withCaller<Result: Sendable>(
        _ caller: WebCaller, _ body: (Principal, PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await database.transaction(TenantContext(caller.principal, requestID: RequestScope.requestID)) { connection in
            try await body(caller.principal, connection)
        }
    }

    static func day(_ request: Request, _ name: String = "as_of") throws -> Day {
        guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return Day.today() }
        guard let day = Day(iso: text) else {
            throw DXSkillsError.badParameter("\(name) must be a date like 2025-04-01, got \(text)")
        }
        return day
    }

    static func int(_ request: Request, _ name: String) throws -> Int? {
        guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw DXSkillsError.badParameter("\(name) must be a number, got \(text)") }
        return value
    }

    static func string(_ request: Request, _ name: String) -> String? {
        guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return nil }
        return text
    }
}
