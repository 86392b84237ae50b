import DXSkillsCore
import Mustache

/// What a page template renders: the common frame (header.mustache) and the page's own content.
/// A name is looked up in the frame first, then in the content, each by reflection like any value
/// swift-mustache renders: a stored property of that name, an Optional being its value and nil no
/// value (the lookup then goes on, up the section stack).
struct WebPage<Content>: MustacheParent {
    let frame: WebFrame
    let content: Content

    func child(named name: String) -> Any? {
        Self.property(name, of: frame) ?? Self.property(name, of: content)
    }

    static func property(_ name: String, of object: Any) -> Any? {
        guard let child = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
        let value = Mirror(reflecting: child.value)
        guard value.displayStyle == .optional else { return child.value }
        return value.children.first?.value
    }
}

/// The common frame of every page: language, title, the language switch, and for a signed-in caller
/// who they are, the CSRF token of the sign-out form and the navigation.
struct WebFrame {
    /// The texts of the page's language by key (`{{t.as_of}}`).
    let t: [String: String]
    let lang: String
    let otherLang: String
    let title: String
    let switchHref: String
    let user: WebUser?
    let csrf: String?
    let nav: [WebNavLink]
    /// The template's name, as the body's class: the print stylesheet turns some pages landscape.
    let pageTemplate: String
    /// The line each printed page starts with; nil before sign-in.
    let printHeader: WebPrintHeader?
    /// The page's report as an Excel file: the same page and query with `format=xlsx`; nil on pages
    /// without one.
    var sheetHref: String? = nil
    /// The fiscal years a form may name (`FiscalYear.accepted`), for its input's min and max.
    let firstFiscalYear = FiscalYear.accepted.lowerBound
    let lastFiscalYear = FiscalYear.accepted.upperBound
}

/// The tenant, the report and its day in 和暦 and ISO, for paper (reference §10).
struct WebPrintHeader {
    /// The CSP nonce of the page's `<style>` that puts this line at the top of every printed page.
    let nonce: String
    /// The line as a CSS string for `@page`'s margin box (stored: templates see stored properties only).
    let cssText: String

    init(tenant: String, report: String, asOfLabel: String, wareki: String, iso: String, nonce: String) {
        self.nonce = nonce
        self.cssText = Self.cssString("\(tenant) — \(report) — \(asOfLabel) \(wareki) (\(iso))")
    }

    /// `text` as a CSS string: quotes, backslashes, `<`, `>` and `&` escaped and control characters
    /// dropped, so that no name can end the string or the `<style>` element.
    static func cssString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&": escaped += "\\" + String(scalar.value, radix: 16) + " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += " "
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}

struct WebUser {
    let name: String
    let role: String
    /// The unit of a manager's or evaluator's scope. Not called `unit`: a Mustache section looks a
    /// missing name up in the page, and a page's selected `unit` showed up as an HR user's scope.
    let scopeUnit: String?
}

struct WebNavLink {
    let href: String
    let label: String
    let current: Bool
}

/// An `<option>` of a `<select>`.
struct WebOption {
    let value: String
    let label: String
    let selected: Bool
}

/// `/`: a tile per page the caller's role sees.
struct HomePage {
    struct Link {
        let href: String
        let label: String
    }
    let pages: [Link]
    let empty: Bool
}

/// `/signin`: the form, with its own double-submit token (there is no session yet).
struct SignInPage {
    struct Tenant {
        let code: String
        let name: String
        let selected: Bool
    }
    struct Link {
        let href: String
        let label: String
    }
    let csrf: String
    /// Why the last attempt failed, if it did.
    let notice: String?
    let next: String
    /// The name typed last time, so a failure does not make the user type it again.
    let user: String
    let tenants: [Tenant]
    /// The one tenant of a service that serves one: no list to choose from.
    let single: Tenant?
    /// A single sign-on button per tenant with an OpenID provider.
    let sso: [Link]
    let hasSSO: Bool
}

/// `/signin/token`: the administrators' form for an API token.
struct TokenSignInPage {
    let csrf: String
    let failed: Bool
    let next: String
}

/// `/password`: change one's own password.
struct PasswordPage {
    let problem: String?
    let mustChange: Bool
    /// Signed in with a local password (or a token): the password is ours to change.
    let local: Bool
    let minimum: Int
}

/// The error page of WebErrorMiddleware.
struct ErrorPage {
    let message: String
    let requestId: String
    let status: Int
    let detail: String?
}
