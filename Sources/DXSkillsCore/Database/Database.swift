import Logging
import PostgresNIO

/// Who a transaction acts for: the tenant every row belongs to, the audit actor and request id, and
/// the caller's role when a signed-in user acts (the database's user and token functions require
/// `admin`; see sql/008).
public struct TenantContext: Sendable {
    public let tenant: String
    public let actor: String
    public let requestID: String?
    public let role: Role?

    public init(tenant: String, actor: String, requestID: String? = nil, role: Role? = nil) {
        self.tenant = tenant
        self.actor = actor
        self.requestID = requestID
        self.role = role
    }

    public init(_ principal: Principal, requestID: String?) {
        self.init(tenant: principal.tenant, actor: principal.actor, requestID: requestID, role: principal.role)
    }
}

/// A pool of connections and the one way to run tenant work on it.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    /// The server, asked by a connection of its own, to tell a pool that is busy from a server that
    /// is gone or refuses the service.
    let server: Reachability?
    /// What the service counts (`counting(with:)`); nil counts nothing (the CLI's own work, tests).
    public internal(set) var counters: (any ServiceCounters)?

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
        self.server = nil
    }

    /// A pool for `url`; throws when its TLS files cannot be read or do not fit together.
    public init(url: DatabaseURL, logger: Logger, maximumConnections: Int = 20) throws(DXSkillsError) {
        var configuration = try url.clientConfiguration()
        configuration.options.maximumConnections = maximumConnections
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.server = Reachability(url: url, configuration: try url.connectionConfiguration(), logger: logger)
    }

    /// Runs `body` in one transaction bound to a tenant.
    ///
    /// The tenant, actor, request id and role are set with `set_config(…, true)`: they end with the
    /// transaction, so a pooled connection never carries one request's tenant into the next.
    ///
    /// On a connection that closed under the body (PostgreSQL stopped) there is no ROLLBACK to send:
    /// the server ended the transaction with the connection. PostgresNIO's own `withTransaction` sent
    /// one anyway, and after a COPY that failed that way it never returned. Work under
    /// `ConnectionWatch.answering` is answered as soon as the connection closes.
    public func transaction<Result: Sendable>(
        _ context: TenantContext,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await withAcquireTimeout { acquired in
            try await client.withConnection { connection in
                acquired()
                ConnectionWatch.current?.holding(connection)
                defer { ConnectionWatch.current?.released(connection) }
                try await connection.run("BEGIN", logger: logger)
                do {
                    for try await _ in try await connection.rows(BindTenant(context), logger: logger) {}
                    let result = try await body(connection)
                    try await connection.run("COMMIT", logger: logger)
                    return result
                } catch {
                    if !connection.isClosed { try? await connection.run("ROLLBACK", logger: logger) }
                    throw error
                }
            }
        }
    }

    /// The tenant, actor, request id and caller's role of one transaction; and no JIT compilation in it.
    ///
    /// The reports' estimates at city scale (tens of millions of rows through unit trees) cross
    /// every JIT threshold, and compiling with inlining and optimisation took longer than running:
    /// coverage of a 61,000-staff tenant ran 3.6 s with JIT and 2.1 s without, career plans of 20,000
    /// staff 1.3 s and 0.19 s (BENCHMARKS.md).
    struct BindTenant: PreparedQuery {
        static let name = "bind_tenant"
        static let sql = """
            SELECT set_config('dxskills.tenant_id', $1, true), set_config('dxskills.actor', $2, true),
                   set_config('dxskills.request_id', $3, true), set_config('dxskills.role', $4, true),
                   set_config('jit', 'off', true)
            """
        typealias Row = Void
        let values: [any PostgresNonThrowingEncodable & Sendable]

        init(_ context: TenantContext) {
            values = [context.tenant, context.actor, context.requestID ?? "", context.role?.rawValue ?? ""]
        }

        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// Runs `body` on one connection outside any tenant (migrations, readiness).
    public func withConnection<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await withAcquireTimeout { acquired in
            try await client.withConnection { connection in
                acquired()
                return try await body(connection)
            }
        }
    }
}

extension PostgresConnection {
    /// Runs a statement and drains it.
    public func run(_ query: PostgresQuery, logger: Logger) async throws {
        _ = try await self.query(query, logger: logger).collect()
    }
}

extension AsyncSequence where Self: Sendable {
    /// Every element, in order (for the decoded row sequences PostgresNIO returns).
    public func collect() async throws -> [Element] {
        var elements: [Element] = []
        for try await element in self { elements.append(element) }
        return elements
    }
}
