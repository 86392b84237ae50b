import DXSkillsCore
import Foundation
import Logging
import PostgresNIO

/// Runs `body` with a connected pool, then closes it.
func withDatabase<Result: Sendable>(
    _ url: DatabaseURL, _ body: @Sendable (Database) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "dxskills")
    // PostgresNIO warns when the first lease races `run()` starting: harmless for a short command.
    logger.logLevel = .error
    let database = Database(url: url, logger: logger, maximumConnections: 4)
    return try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask {
            await database.client.run()
            return nil
        }
        defer { group.cancelAll() }
        do {
            return try await body(database)
        } catch let error as PSQLError {
            throw CLIError(.unavailable, "database \(url): \(describe(error))")
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

/// The folder of migration files: --sql-dir, $DXSKILLS_SQL_DIR, ./sql, or beside the build folder.
func migrationsDirectory(_ given: String?) throws -> URL {
    var candidates: [String] = []
    if let given { candidates.append(given) }
    if let env = ProcessInfo.processInfo.environment["DXSKILLS_SQL_DIR"] { candidates.append(env) }
    candidates.append(FileManager.default.currentDirectoryPath + "/sql")
    // .build/<triple>/debug/dxskills → the project folder is three or four levels up.
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
        folder.deleteLastPathComponent()
        candidates.append(folder.appendingPathComponent("sql").path)
    }
    for path in candidates {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return URL(fileURLWithPath: path)
        }
    }
    throw CLIError(.usage, "cannot find the sql/ folder of migrations: pass --sql-dir or set DXSKILLS_SQL_DIR")
}
