import DXSkillsAPI
import DXSkillsCore
import Foundation
import Hummingbird
import Logging
import Metrics
import OpenAPIHummingbird
import Prometheus

/// Where and how the service listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var maxUploadBytes: Int
    /// The address users reach the service at (`https://dxskills.city.lg.jp`), for the OpenID
    /// callback; nil takes the request's own authority.
    public var publicURL: String?
    /// Where `/metrics` is served: closed unless on its own address or behind a token.
    public var metrics: MetricsSettings
    /// Whether the service runs the notification rules daily and delivers digests (reference §8).
    public var notifications: Bool
    /// The mail the digests go by; nil leaves them to the inbox and the webhook.
    public var mail: (any MailTransport)?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxUploadBytes: Int = 512 * 1_048_576, publicURL: String? = nil,
        metrics: MetricsSettings = .closed, notifications: Bool = true, mail: (any MailTransport)? = nil
    ) {
        self.host = host
        self.port = port
        self.maxUploadBytes = maxUploadBytes
        self.publicURL = publicURL
        self.metrics = metrics
        self.notifications = notifications
        self.mail = mail
    }
}

/// Builds the service: routes, middleware, and the database client as a managed service so that
/// start-up and graceful shutdown (SIGINT, SIGTERM) follow service-lifecycle. A metrics address
/// is a second application in the same group: it listens and stops with the service.
public func buildApplication(
    configuration: ServerConfiguration, database: Database, registry: PrometheusCollectorRegistry, logger: Logger
) throws -> some ApplicationProtocol {
    // One set of counters for the routes and the notification service.
    let database = database.counting(with: ServiceMetrics(registry: registry))
    let router = try buildRouter(
        database: database, registry: registry, maxUploadBytes: configuration.maxUploadBytes,
        publicURL: configuration.publicURL, metrics: configuration.metrics,
        notificationChannels: Notifications.Channels(mail: configuration.mail != nil), logger: logger)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "dxskills"),
        logger: logger)
    app.addServices(database.client)
    if configuration.notifications {
        app.addServices(
            NotificationService(
                database: database, mail: configuration.mail,
                publicURL: configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)", logger: logger))
    }
    if let address = configuration.metrics.address {
        guard address != .init(host: configuration.host, port: configuration.port) else {
            throw DXSkillsError.badParameter(Message(.metricsSameAddress, ["address": "\(address)"]))
        }
        app.addServices(
            buildMetricsApplication(
                address: address, token: configuration.metrics.token, registry: registry, database: database,
                logger: logger))
    }
    return app
}

/// The routes: health, the OpenAPI document, the generated `/api/v1` operations, the web dashboard
/// under `/`, and `/metrics` when `metrics` puts it on this listener (behind its token).
public func buildRouter(
    database: Database, registry: PrometheusCollectorRegistry, maxUploadBytes: Int = 512 * 1_048_576,
    publicURL: String? = nil, metrics: MetricsSettings = .closed,
    notificationChannels: Notifications.Channels = .init(mail: false), logger: Logger? = nil
) throws -> Router<AppRequestContext> {
    // A database that counts already (buildApplication's) keeps its counters.
    let database = database.counters == nil ? database.counting(with: ServiceMetrics(registry: registry)) : database
    let router = Router(context: AppRequestContext.self)
    let refusals = RefusalRecorder(logger: logger ?? database.logger, store: RefusalRecorder.auditLog(database))
    router.addMiddleware {
        RequestIDMiddleware()
        AccessLogMiddleware()
        MetricsMiddleware()
        ProblemMiddleware()
        AuthMiddleware(database: database, refusals: refusals)
        BodyGuardMiddleware(maxUploadBytes: maxUploadBytes)
        SpecConformanceMiddleware()
        ReportFormatMiddleware()
        AttachmentHeaderMiddleware()
    }
    router.get("/healthz") { _, _ in "ok\n" }
    router.get("/readyz") { _, _ -> Response in
        // Ready when the database answers and the schema is migrated.
        let ready =
            (try? await database.withConnection { connection in
                try await connection.query("SELECT 1 FROM schema_migrations LIMIT 1", logger: database.logger).collect().count
            }) == 1
        return Response(
            status: ready ? .ok : .serviceUnavailable,
            body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "database not ready\n")))
    }
    if metrics.onMainListener {
        MetricsEndpoint(registry: registry, token: metrics.token, refusals: refusals).register(on: router)
    }
    router.get("/api/v1/openapi.yaml") { _, _ -> Response in
        var headers = HTTPFields()
        headers[.contentType] = "application/yaml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }
    var handlers = APIHandlers(database: database, maxUploadBytes: maxUploadBytes)
    handlers.notificationChannels = notificationChannels
    // Compact JSON (keys still sorted, so output is stable): pretty-printing a city's coverage
    // doubled its 7 MB and a third of the time spent writing it.
    try handlers.registerHandlers(
        on: router, serverURL: URL(string: "/api/v1")!, configuration: .init(jsonEncodingOptions: [.sortedKeys]))
    try WebDashboard(database: database, refusals: refusals, maxUploadBytes: maxUploadBytes, publicURL: publicURL)
        .register(on: router)
    return router
}
