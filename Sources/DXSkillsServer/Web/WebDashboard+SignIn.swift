import DXSkillsCore
import Foundation
import Hummingbird

/// Signing in and out (reference §6): a user name and password (locally or through the tenant's
/// directory), single sign-on through the tenant's OpenID provider, and, behind a small link for
/// administrators, an API token. Every way ends in a session kept in PostgreSQL.
extension WebDashboard {
    func registerSignIn(on web: RouterGroup<AppRequestContext>) {
        web.get("/signin") { request, _ in try await signInForm(request) }
        web.post("/signin") { request, context in try await signIn(request, context: context) }
        web.get("/signin/token") { request, _ in tokenForm(request) }
        web.post("/signin/token") { request, context in try await tokenSignIn(request, context: context) }
        web.get("/signin/oidc") { request, context in try await openIDStart(request, context: context) }
        web.get("/signin/oidc/callback") { request, context in try await openIDCallback(request, context: context) }
        web.post("/signout") { request, _ in try await signOut(request, everywhere: false) }
        web.post("/signout/everywhere") { request, _ in try await signOut(request, everywhere: true) }
        web.get("/password") { request, _ in try await passwordForm(request, problem: nil) }
        web.post("/password") { request, context in try await changePassword(request, context: context) }
    }

    /// The form: the tenant (a list when the service has several), the user name, the password;
    /// a single sign-on button for each tenant with an OpenID provider.
    func signInForm(
        _ request: Request, notice: String? = nil, user: String? = nil, next: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (language, _) = Self.language(request)
        let token = TokenStore.randomToken()
        let tenants = try await SignIn.tenants(database: database)
        let chosen = Self.string(request, "tenant")
        let next = Self.localPath(next ?? request.uri.queryParameters["next"].map(String.init))
        let sso = tenants.filter { $0.methods.contains(.oidc) }.map {
            SignInPage.Link(
                href: "/signin/oidc?" + Self.query([("tenant", $0.code), ("next", next)]),
                label: tenants.count == 1 ? language.text("sso") : "\(language.text("sso"))（\($0.name)）")
        }
        let content = SignInPage(
            csrf: token, notice: notice, next: next, user: user ?? "",
            tenants: tenants.map {
                SignInPage.Tenant(code: $0.code, name: $0.name, selected: $0.code == chosen)
            },
            single: tenants.count == 1
                ? tenants.first.map { SignInPage.Tenant(code: $0.code, name: $0.name, selected: true) } : nil,
            sso: sso, hasSSO: !sso.isEmpty)
        var response = page(
            "signin", title: "signin", request: request, caller: nil, language: language, content: content, status: status)
        response.setCookie(Self.cookie(Self.signInCookie, token, secure: Self.isSecure(request), maxAge: 3600))
        return response
    }

    /// Reads the sign-in form (bounded), checks its double-submit token and counts the attempt
    /// against the flood limits of the address and of the name `user` gives.
    func signInFields(
        _ request: Request, context: AppRequestContext, user: (WebForm) -> String?
    ) async throws -> WebForm {
        let form = try await WebForm.read(request, limit: BodyLimit.signIn)
        guard let cookie = request.cookies[Self.signInCookie]?.value, let field = form["_csrf"],
            TokenStore.constantTimeEqual(cookie, field)
        else { throw WebError.badCSRF }
        if let wait = await signInLimiter.admit(address: context.clientAddress, user: user(form)) {
            throw SignInThrottled(retryAfter: wait)
        }
        return form
    }

    func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await signInFields(request, context: context) { "\($0["tenant"] ?? "")/\($0["user"] ?? "")" }
        let tenant = (form["tenant"] ?? "").trimmingCharacters(in: .whitespaces)
        let user = (form["user"] ?? "").trimmingCharacters(in: .whitespaces)
        let outcome = try await SignIn.password(
            tenant: tenant, user: user, password: form["password"] ?? "", client: context.clientAddress,
            database: database)
        return try await finishSignIn(
            outcome, tenant: tenant, method: nil, next: form["next"], typed: user, request: request, context: context)
    }

    /// A session for a sign-in that succeeded, or the form again with why not.
    func finishSignIn(
        _ outcome: SignInOutcome, tenant: String, method: SignInMethod?, tokenID: String? = nil, next: String?,
        typed: String, request: Request, context: AppRequestContext
    ) async throws -> Response {
        let (language, _) = Self.language(request)
        switch outcome {
        case .signedIn(let user, let signedInWith, let mustChange):
            // A session id the browser brought is never reused (session fixation): it is ended, and
            // the new one gets a new id.
            if let old = request.cookies[Self.sessionCookie]?.value {
                try await Sessions.end(old, reason: .signOut, database: database)
            }
            let session = try await Sessions.start(
                tenant: tenant, user: user, method: method ?? signedInWith, tokenID: tokenID,
                client: context.clientAddress, database: database)
            let secure = Self.isSecure(request)
            var response = Self.redirect(mustChange ? "/password" : Self.localPath(next))
            response.setCookie(Self.cookie(Self.sessionCookie, session.cookie, secure: secure))
            response.setCookie(Self.cookie(Self.signInCookie, "", secure: secure, maxAge: 0))
            response.setCookie(Self.cookie(Self.openIDCookie, "", secure: secure, maxAge: 0))
            return response
        case .refused:
            await refusals.record(
                tenant: SignIn.isTenantCode(tenant) ? tenant : nil, actor: nil, route: RefusalRecorder.route(request),
                status: 401, reason: "sign-in refused", client: context.clientAddress)
            return try await signInForm(
                request, notice: language.text("signin_failed"), user: typed, next: next, status: .unauthorized)
        case .notInService(let message):
            await refusals.record(
                tenant: tenant, actor: typed, route: RefusalRecorder.route(request), status: 403, reason: message.text(.en),
                client: context.clientAddress)
            return try await signInForm(
                request, notice: language.text("signin_not_in_service") + " " + message.text(language.messages), user: typed,
                next: next,
                status: .forbidden)
        case .unavailable(let message):
            context.logger.warning("sign-in service unavailable", metadata: ["reason": "\(message)"])
            return try await signInForm(
                request, notice: language.text("signin_unavailable") + " " + message, user: typed, next: next,
                status: .serviceUnavailable)
        }
    }

    func tokenForm(_ request: Request, failed: Bool = false) -> Response {
        let (language, _) = Self.language(request)
        let token = TokenStore.randomToken()
        var response = page(
            "signin-token", title: "signin_token", request: request, caller: nil, language: language,
            content: TokenSignInPage(
                csrf: token, failed: failed, next: Self.localPath(request.uri.queryParameters["next"].map(String.init))),
            status: failed ? .unauthorized : .ok)
        response.setCookie(Self.cookie(Self.signInCookie, token, secure: Self.isSecure(request), maxAge: 3600))
        return response
    }

    /// The administrators' way: an API token; the session lives only as long as the token does.
    func tokenSignIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        // The name a token claims (tenant and token id) stands for its user until the token is checked.
        let form = try await signInFields(request, context: context) { form in
            TokenStore.parse((form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)).map {
                "\($0.tenant)/\($0.tokenID)"
            }
        }
        let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let claimed = TokenStore.parse(token)
        guard let claimed, let principal = try await TokenStore.authenticate(token, database: database) else {
            await refusals.record(
                tenant: claimed?.tenant, actor: nil, route: RefusalRecorder.route(request), status: 401,
                reason: "sign-in with an unknown, expired or revoked token", client: context.clientAddress)
            database.counters?.signInAttempted(method: .token, succeeded: false)
            return tokenForm(request, failed: true)
        }
        let response = try await finishSignIn(
            .signedIn(user: principal.userName, method: .token, mustChangePassword: false), tenant: principal.tenant,
            method: .token,
            tokenID: claimed.tokenID, next: form["next"], typed: principal.userName, request: request, context: context)
        database.counters?.signInAttempted(method: .token, succeeded: true)
        return response
    }

    func signOut(_ request: Request, everywhere: Bool) async throws -> Response {
        let caller = try await caller(request)
        _ = try await form(request, caller: caller)
        if everywhere {
            try await Sessions.endAll(
                tenant: caller.principal.tenant, user: caller.principal.userName, reason: .signOutEverywhere,
                actor: caller.principal.userName, database: database)
        } else {
            try await Sessions.end(caller.cookie, reason: .signOut, database: database)
        }
        var response = Self.redirect("/signin")
        response.setCookie(Self.cookie(Self.sessionCookie, "", secure: caller.secure, maxAge: 0))
        return response
    }

    func passwordForm(_ request: Request, problem: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try await caller(request)
        return page(
            "password", title: "password", request: request, caller: caller, language: caller.language,
            content: PasswordPage(
                problem: problem, mustChange: caller.session.mustChangePassword,
                local: caller.session.method == .local || caller.session.method == .token,
                minimum: Passwords.minimumLength),
            status: status)
    }

    func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try await caller(request)
        let form = try await form(request, caller: caller, limit: BodyLimit.signIn)
        let new = form["new"] ?? ""
        guard new == form["confirm"] else {
            return try await passwordForm(
                request, problem: caller.language.text("password_mismatch"), status: .unprocessableContent)
        }
        do {
            try await SignIn.changePassword(
                tenant: caller.principal.tenant, user: caller.principal.userName, current: form["current"] ?? "", new: new,
                keepSession: caller.session.idHash, client: context.clientAddress, database: database)
        } catch DXSkillsError.invalid(let message) {
            return try await passwordForm(request, problem: message.text(caller.language.messages), status: .unprocessableContent)
        }
        return Self.redirect("/?changed=password")
    }

    /// The callback address the provider sends the browser back to: under `serve --public-url`,
    /// else under the address the request was made to.
    func openIDRedirectURI(_ request: Request) -> String {
        if let publicURL { return publicURL + "/signin/oidc/callback" }
        let host = request.head.authority ?? "127.0.0.1:8080"
        return "\(Self.isSecure(request) ? "https" : "http")://\(host)/signin/oidc/callback"
    }

    /// To the tenant's OpenID provider, with a fresh state, nonce and PKCE verifier kept for the
    /// callback; the state is also bound to this browser by a cookie.
    func openIDStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, _) = Self.language(request)
        guard let tenant = Self.string(request, "tenant"), SignIn.isTenantCode(tenant) else {
            throw DXSkillsError.badParameter(Message(.tenantCodeFormat))
        }
        let settings = try await SignInSettings.of(tenant: tenant, serviceDatabase: database)
        guard settings.allows(.oidc) else {
            throw DXSkillsError.notFound(Message(.objSSO, ["tenant": "\(tenant)"]))
        }
        do {
            guard let openIDSettings = try settings.openID(redirectURI: openIDRedirectURI(request)) else {
                throw DXSkillsError.notFound(Message(.objSSO, ["tenant": "\(tenant)"]))
            }
            let started = try await openID.start(openIDSettings)
            let next = Self.localPath(request.uri.queryParameters["next"].map(String.init))
            try await OpenIDFlows.begin(tenant: tenant, request: started, next: next, database: database)
            var response = Self.redirect(started.url)
            response.setCookie(
                Self.cookie(
                    Self.openIDCookie, "\(tenant).\(started.state)", secure: Self.isSecure(request),
                    maxAge: Int(OpenIDFlows.lifetime), sameSite: .lax))
            return response
        } catch OpenIDError.unavailable(let message) {
            context.logger.warning("OpenID provider unavailable", metadata: ["reason": "\(message)"])
            return try await signInForm(
                request, notice: language.text("signin_unavailable") + " " + message, status: .serviceUnavailable)
        }
    }

    /// The provider's answer: the state must be this browser's and unused; the code is exchanged and
    /// the ID token verified; its employee number selects the staff member's user.
    func openIDCallback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, _) = Self.language(request)
        let cookie = request.cookies[Self.openIDCookie]?.value ?? ""
        let tenant = String(cookie.prefix(while: { $0 != "." }))
        let expected = String(cookie.drop(while: { $0 != "." }).dropFirst())
        let state = Self.string(request, "state") ?? ""
        func refuse(_ reason: String) async throws -> Response {
            await refusals.record(
                tenant: SignIn.isTenantCode(tenant) ? tenant : nil, actor: nil, route: RefusalRecorder.route(request),
                status: 401, reason: "single sign-on refused: \(reason)", client: context.clientAddress)
            if SignIn.isTenantCode(tenant) {
                try await SignIn.recordOpenIDFailure(
                    tenant: tenant, reason: reason, client: context.clientAddress, database: database)
            } else {
                // No tenant to audit it in; counted all the same.
                database.counters?.signInAttempted(method: .oidc, succeeded: false)
            }
            var response = try await signInForm(
                request, notice: language.text("sso_failed"), status: .unauthorized)
            response.setCookie(Self.cookie(Self.openIDCookie, "", secure: Self.isSecure(request), maxAge: 0))
            return response
        }
        guard SignIn.isTenantCode(tenant), !expected.isEmpty, TokenStore.constantTimeEqual(state, expected) else {
            return try await refuse("the state does not match this browser's sign-in")
        }
        guard let flow = try await OpenIDFlows.take(tenant: tenant, state: state, database: database) else {
            return try await refuse("the state is unknown, already used or expired")
        }
        if let error = Self.string(request, "error") {
            return try await refuse("the provider answered \(error.prefix(100))")
        }
        guard let code = Self.string(request, "code") else { return try await refuse("no code") }
        let settings = try await SignInSettings.of(tenant: tenant, serviceDatabase: database)
        let identity: OpenIDIdentity
        do {
            guard settings.allows(.oidc), let openIDSettings = try settings.openID(redirectURI: openIDRedirectURI(request))
            else { return try await refuse("single sign-on is off for this tenant") }
            identity = try await openID.finish(
                openIDSettings, code: code, codeVerifier: flow.codeVerifier, nonce: flow.nonce)
        } catch OpenIDError.rejected(let reason) {
            return try await refuse(reason)
        } catch OpenIDError.unavailable(let message) {
            context.logger.warning("OpenID provider unavailable", metadata: ["reason": "\(message)"])
            return try await signInForm(
                request, notice: language.text("signin_unavailable") + " " + message, status: .serviceUnavailable)
        }
        let outcome = try await SignIn.employee(
            identity.employeeNo, mail: identity.email, tenant: tenant, method: .oidc, typed: "oidc:\(identity.subject)",
            client: context.clientAddress, database: database)
        return try await finishSignIn(
            outcome, tenant: tenant, method: .oidc, next: flow.next, typed: "", request: request,
            context: context)
    }
}
