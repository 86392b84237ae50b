import DXSkillsTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus

@testable import DXSkillsServer

/// The service's router on a test database, driven in process.
/// `metrics` and `registry` are where `/metrics` is and what it shows.
func withTestApp(
    _ db: TestDatabase, metrics: MetricsSettings = .closed, registry: PrometheusCollectorRegistry = .init(),
    _ body: @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    // The OpenID callback the test provider accepts (the router test client names no port).
    let router = try buildRouter(
        database: db.app, registry: registry, publicURL: "http://127.0.0.1:8080", metrics: metrics)
    var logger = Logger(label: "api-test")
    logger.logLevel = .error
    try await Application(router: router, logger: logger).test(.router, body)
}
