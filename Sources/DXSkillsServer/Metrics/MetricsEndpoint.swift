import DXSkillsCore
import Hummingbird
import Logging
import Prometheus

/// `GET /metrics`: the registry in Prometheus text. With a token, only to a scraper that sends it
/// as `Authorization: Bearer`, compared in constant time; anything else is a `401`, recorded like
/// every refusal (the token itself never is).
struct MetricsEndpoint: Sendable {
    let registry: PrometheusCollectorRegistry
    let token: String?
    let refusals: RefusalRecorder

    func register(on router: Router<AppRequestContext>) {
        router.get("/metrics") { request, context in try await respond(request, context: context) }
    }

    func respond(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token {
            let header = request.headers[.authorization] ?? ""
            let given = header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst("bearer ".count)) : ""
            guard TokenStore.sameSecret(given.trimmingCharacters(in: .whitespaces), token) else {
                await refusals.record(
                    tenant: nil, actor: nil, route: RefusalRecorder.route(request), status: 401,
                    reason: header.isEmpty ? "metrics scrape without a token" : "metrics scrape with a wrong token",
                    client: context.clientAddress)
                return Response(
                    status: .unauthorized,
                    headers: [.wwwAuthenticate: "Bearer realm=\"dxskills metrics\"", .contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "unauthorized: send the metrics token / メトリクスのトークンが必要です\n")))
            }
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }
}

/// The listener of `DXSKILLS_METRICS_ADDRESS`: `/metrics` and `/healthz`, nothing else (every other
/// path is `404`). Run as one more service of the main application's group, so it starts and stops
/// with it.
func buildMetricsApplication(
    address: MetricsSettings.Address, token: String?, registry: PrometheusCollectorRegistry, database: Database,
    logger: Logger
) -> some ApplicationProtocol {
    let router = buildMetricsRouter(token: token, registry: registry, database: database, logger: logger)
    return Application(
        router: router,
        configuration: .init(address: .hostname(address.host, port: address.port), serverName: "dxskills-metrics"),
        logger: logger)
}

/// The metrics listener's routes.
func buildMetricsRouter(
    token: String?, registry: PrometheusCollectorRegistry, database: Database, logger: Logger
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware { RequestIDMiddleware() }
    router.get("/healthz") { _, _ in "ok\n" }
    MetricsEndpoint(
        registry: registry, token: token,
        refusals: RefusalRecorder(logger: logger, store: RefusalRecorder.auditLog(database))
    ).register(on: router)
    return router
}
