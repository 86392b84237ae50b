import DXSkillsTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus

@testable import DXSkillsServer

/// The service's router on a test database, driven in process.
func withTestApp(_ db: TestDatabase, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    // The OpenID callback the test provider accepts (the router test client names no port).
    let router = try buildRouter(
        database: db.app, registry: PrometheusCollectorRegistry(), publicURL: "http://127.0.0.1:8080")
    var logger = Logger(label: "api-test")
    logger.logLevel = .error
    try await Application(router: router, logger: logger).test(.router, body)
}
