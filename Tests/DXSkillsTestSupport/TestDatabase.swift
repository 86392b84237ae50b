import DXSkillsCore
import Foundation
import Logging
import PostgresNIO

/// A database of its own for one test: copied from the migrated template that `make test` prepares,
/// dropped afterwards. `owner` is the schema owner (as `admin` commands run); `app` is the service's role.
public struct TestDatabase: Sendable {
    public let name: String
    public let owner: Database
    public let app: Database
    public let ownerURL: DatabaseURL
    public let appURL: DatabaseURL

    public static var templateURL: DatabaseURL {
        get throws {
            guard let text = ProcessInfo.processInfo.environment["DXSKILLS_TEST_DATABASE_URL"] else {
                throw DXSkillsError.unavailable("DXSKILLS_TEST_DATABASE_URL is not set: run the tests with `make test`")
            }
            let url = try DatabaseURL(text)
            // Tests create and drop databases: never point them at anything but this machine.
            precondition(["127.0.0.1", "localhost", "::1"].contains(url.host), "tests run only against a local database")
            return url
        }
    }
}

/// Runs `body` with a fresh copy of the migrated template database.
public func withTestDatabase(_ body: @Sendable (TestDatabase) async throws -> Void) async throws {
    let template = try TestDatabase.templateURL
    let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return logger
    }()
    let maintenance = template.with(database: "postgres")
    // Copying a template fails while another session touches it (SQLSTATE 55006): retry briefly.
    var attempt = 0
    while true {
        do {
            try await withPool(maintenance, logger: logger) { admin in
                try await admin.withConnection { connection in
                    try await connection.run(
                        PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(template.database)"), logger: logger)
                }
            }
            break
        } catch let error as PSQLError {
            attempt += 1
            guard attempt < 10 else { throw ReadablePSQLError(details: String(reflecting: error)) }
            try await Task.sleep(for: .milliseconds(100 * attempt))
        }
    }
    let ownerURL = template.with(database: name)
    let appURL = ownerURL.with(user: "dxskills_app", password: nil)
    do {
        try await withPool(ownerURL, logger: logger) { owner in
            try await withPool(appURL, logger: logger) { app in
                try await body(TestDatabase(name: name, owner: owner, app: app, ownerURL: ownerURL, appURL: appURL))
            }
        }
    } catch {
        try? await dropDatabase(name, maintenance: maintenance, logger: logger)
        // PSQLError's description is generic on purpose; a failing test needs the server's message.
        if let error = error as? PSQLError { throw ReadablePSQLError(details: String(reflecting: error)) }
        throw error
    }
    // Best effort: the test cluster is thrown away after the run anyway.
    try? await dropDatabase(name, maintenance: maintenance, logger: logger)
}

private func dropDatabase(_ name: String, maintenance: DatabaseURL, logger: Logger) async throws {
    try await withPool(maintenance, logger: logger) { admin in
        try await admin.withConnection { connection in
            try await connection.run(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }
}

/// A running pool for the duration of `body`.
public func withPool(
    _ url: DatabaseURL, logger: Logger, maximumConnections: Int = 4, _ body: @Sendable (Database) async throws -> Void
) async throws {
    let database = try Database(url: url, logger: logger, maximumConnections: maximumConnections)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await database.client.run() }
        defer { group.cancelAll() }
        try await body(database)
    }
}

extension Database {
    /// Rows of a query as strings, for assertions.
    public func strings(_ context: TenantContext, _ query: PostgresQuery) async throws -> [String] {
        try await transaction(context) { connection in
            try await connection.query(query, logger: logger).decode(String.self).collect()
        }
    }

    /// A count in a tenant.
    public func count(_ context: TenantContext, _ query: PostgresQuery) async throws -> Int {
        try await transaction(context) { connection in
            var total = 0
            for try await value in try await connection.query(query, logger: logger).decode(Int.self) { total = value }
            return total
        }
    }
}

/// A PostgreSQL error with its details spelled out, for test reports.
public struct ReadablePSQLError: Error, CustomStringConvertible {
    public let details: String
    public var description: String { details }
}
