import DXSkillsCore
import Foundation
import Logging
import PostgresNIO

/// Runs `body` with a connected pool, then closes it.
func withDatabase<Result: Sendable>(
    _ url: DatabaseURL, _ body: @Sendable (Database) async throws -> Result
) async throws -> Result {
    do { try PreparedStatements.check() } catch { throw CLIError(.usage, "\(error)") }
    var logger = Logger(label: "dxskills")
    // PostgresNIO warns when the first lease races `run()` starting: harmless for a short command.
    logger.logLevel = .error
    let database: Database
    do {
        database = try Database(url: url, logger: logger, maximumConnections: 4)
        // One connection first: a refused certificate or login is reported at once, with its reason.
        try await Database.probe(url, logger: logger)
    } catch {
        throw CLIError(error)
    }
    return try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask {
            await database.client.run()
            return nil
        }
        defer { group.cancelAll() }
        do {
            return try await body(database)
        } catch let error as PSQLError {
            throw CLIError(.unavailable, Message(.cliDatabaseUnavailable, ["url": "\(url)", "error": "\(describe(error))"]))
        }
    }
}

/// A short, useful description of a PostgreSQL failure (PSQLError's own is generic on purpose).
func describe(_ error: PSQLError) -> String {
    if let message = error.serverInfo?[.message] { return message }
    switch error.code {
    case .connectionError, .unexpectedBackendMessage:
        return "cannot connect (is PostgreSQL running? \(String(reflecting: error)))"
    default: return String(reflecting: error)
    }
}

/// The migrations: those built into dxskills (sql/ when it was built), or the folder of --sql-dir or
/// $DXSKILLS_SQL_DIR when one is given.
func loadMigrations(_ given: String?) throws -> [Migration] {
    guard let path = given ?? ProcessInfo.processInfo.environment["DXSKILLS_SQL_DIR"] else { return try Migration.embedded() }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw CLIError(.usage, Message(.cliNotMigrations, ["path": "\(path)"]))
    }
    return try Migration.load(from: URL(fileURLWithPath: path))
}
