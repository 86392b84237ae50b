import DXSkillsCore
import Foundation
import HTTPTypes
import Hummingbird

/// One entry of the navigation: a page and the roles that see it (the core refuses the others anyway).
struct WebPageLink: Sendable {
    let path: String
    let key: String
    let roles: Set<Role>
    /// Shown only to users linked to a staff member.
    var needsEmployee = false

    /// Whether the navigation offers this page to `principal`.
    func offered(to principal: Principal) -> Bool {
        roles.contains(principal.role) && (!needsEmployee || principal.employeeNo != nil)
    }

    static let all: [WebPageLink] = [
        WebPageLink(path: "/coverage", key: "coverage", roles: [.admin, .hr, .manager, .evaluator]),
        WebPageLink(path: "/leaders", key: "leaders", roles: [.admin, .hr, .manager, .evaluator]),
        WebPageLink(path: "/targets", key: "targets", roles: [.admin, .hr, .manager, .evaluator]),
        WebPageLink(path: "/transfers", key: "transfers", roles: [.admin, .hr]),
        WebPageLink(path: "/imports/training", key: "training", roles: [.admin, .hr]),
        WebPageLink(path: "/rankings", key: "rankings", roles: [.admin, .hr, .evaluator]),
        WebPageLink(path: "/plans", key: "plans", roles: [.admin, .hr, .manager, .evaluator, .staff]),
        WebPageLink(path: "/me", key: "me", roles: Set(Role.allCases), needsEmployee: true),
        WebPageLink(path: "/claims", key: "claims", roles: [.admin, .hr, .manager, .evaluator]),
        WebPageLink(path: "/notifications", key: "notifications", roles: Set(Role.allCases)),
    ]
}

extension WebDashboard {
    /// Renders `template` inside the common layout (header, navigation, language switch).
    func page<Content>(
        _ template: String, title: String, request: Request, caller: WebCaller?, language: WebLanguage,
        content: Content, status: HTTPResponse.Status = .ok
    ) -> Response {
        // The one inline style of a page (its printed header) carries this response's nonce.
        let styleNonce = TokenStore.randomToken()
        let frame = WebFrame(
            t: language.texts, lang: language.rawValue, otherLang: language.other.rawValue, title: language.text(title),
            switchHref: Self.switchHref(request, to: language.other),
            user: caller.map {
                WebUser(
                    name: $0.principal.userName, role: language.text("role_\($0.principal.role.rawValue)"),
                    scopeUnit: $0.principal.unitCode)
            },
            csrf: caller?.csrfToken,
            nav: caller.map { caller in
                WebPageLink.all.filter { $0.offered(to: caller.principal) }.map {
                    WebNavLink(href: $0.path, label: language.text($0.key), current: request.uri.path == $0.path)
                }
            } ?? [],
            pageTemplate: template,
            printHeader: caller.map { caller in
                // The day the page reports on: the page's own (a ranking's is its fiscal year's end), the
                // request's `as_of`, else today.
                let day =
                    (WebPage<Content>.property("asOf", of: content) as? String).flatMap(DateParser.parse)
                    ?? request.uri.queryParameters["as_of"].flatMap { DateParser.parse(String($0)) } ?? Day.today()
                return WebPrintHeader(
                    tenant: caller.tenantName, report: language.text(title), asOfLabel: language.text("as_of"),
                    wareki: day.wareki, iso: day.description, nonce: styleNonce)
            },
            sheetHref: caller != nil && Self.sheetPages.contains(template) ? Self.sheetHref(request) : nil)
        let html =
            templates.render(WebPage(frame: frame, content: content), withTemplate: template)
            ?? "template \(template) is missing"
        var response = Self.html(html, status: status, styleNonce: caller == nil ? nil : styleNonce)
        if let caller, caller.chosenLanguage {
            response.setCookie(
                Self.cookie(Self.languageCookie, language.rawValue, secure: caller.secure, maxAge: 365 * 86400))
        } else if caller == nil, Self.language(request).chosen {
            response.setCookie(
                Self.cookie(Self.languageCookie, language.rawValue, secure: Self.isSecure(request), maxAge: 365 * 86400))
        }
        return response
    }

    /// A page of a signed-in caller.
    func page<Content>(_ template: String, title: String, request: Request, caller: WebCaller, content: Content)
        -> Response
    {
        page(template, title: title, request: request, caller: caller, language: caller.language, content: content)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok, styleNonce: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        // Pages show personnel data: never cached, never framed, nothing loaded from elsewhere.
        headers[.cacheControl] = "no-store"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("Referrer-Policy")!] = "same-origin"
        headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'\(styleNonce.map { " 'nonce-\($0)'" } ?? ""); img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The same page in the other language.
    static func switchHref(_ request: Request, to language: WebLanguage) -> String {
        var items = request.uri.queryParameters.filter { $0.key != "lang" }.map {
            "\(percent(String($0.key)))=\(percent(String($0.value)))"
        }
        items.append("lang=\(language.rawValue)")
        return request.uri.path + "?" + items.joined(separator: "&")
    }

    static func percent(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A query of links within the dashboard.
    static func query(_ items: [(String, String?)]) -> String {
        items.compactMap { key, value in value.map { "\(key)=\(percent($0))" } }.joined(separator: "&")
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = Self("Content-Security-Policy")!
}
