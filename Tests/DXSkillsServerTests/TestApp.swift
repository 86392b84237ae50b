import DXSkillsTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus

@testable import DXSkillsServer

/// The service's router on a test database, driven in process.
func withTestApp(_ db: TestDatabase, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let router = try buildRouter(database: db.app, registry: PrometheusCollectorRegistry())
    var logger = Logger(label: "api-test")
    logger.logLevel = .error
    try await Application(router: router, logger: logger).test(.router, body)
}
