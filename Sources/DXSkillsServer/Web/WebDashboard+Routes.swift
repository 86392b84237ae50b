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
        registerSignIn(on: web)
        web.get("/coverage") { request, _ in try await coverage(request) }
        web.get("/leaders") { request, _ in try await leaders(request) }
        web.get("/targets") { request, _ in try await targets(request) }
        web.get("/transfers") { request, _ in try await transfers(request, post: false) }
        web.post("/transfers") { request, _ in
            Self.wantsSheet(request) ? try await transfersSheet(request) : try await transfers(request, post: true)
        }
        web.get("/imports/training") { request, _ in try await trainingImport(request, post: false) }
        web.post("/imports/training") { request, _ in try await trainingImport(request, post: true) }
        web.get("/rankings") { request, _ in try await rankings(request) }
        web.get("/plans") { request, _ in try await plans(request) }
        web.get("/me") { request, _ in try await myPage(request, post: false) }
        web.post("/me") { request, _ in try await myPage(request, post: true) }
        web.get("/me/export") { request, _ in try await myDataExport(request) }
        web.get("/rankings/download") { request, _ in try await rankingDownload(request) }
        registerClaims(on: web)
        registerNotifications(on: web)
    }

    func home(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let links = WebPageLink.all.filter { $0.offered(to: caller.principal) }
        return page(
            "home", title: "home", request: request, caller: caller,
            content: HomePage(
                pages: links.map { HomePage.Link(href: $0.path, label: caller.language.text($0.key)) },
                empty: links.isEmpty))
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
            throw DXSkillsError.badParameter(Message(.parameterDate, ["name": "\(name)", "value": "\(text)"]))
        }
        return day
    }

    static func int(_ request: Request, _ name: String) throws -> Int? {
        guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw DXSkillsError.badParameter(Message(.parameterNumber, ["name": "\(name)", "value": "\(text)"]))
        }
        return value
    }

    static func string(_ request: Request, _ name: String) -> String? {
        guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return nil }
        return text
    }
}
