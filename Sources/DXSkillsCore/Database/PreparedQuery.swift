import Foundation
import PostgresNIO

/// A prepared statement whose parameters are bound from `values`, each as its own type (a `Day` as a
/// `date`, text as `text`).
///
/// PostgreSQL parses and plans a prepared statement once per connection and, after a few runs,
/// keeps a generic plan; the per-request paths use these so that a request costs execution only.
/// Each names itself (`static let name`): the default name is built by reflection on every run.
/// The first version planned every query afresh, and planning was a third of the database's time
/// under API load (BENCHMARKS.md).
///
/// Run them with `rows(_:logger:)`, never `execute`: with `DXSKILLS_PREPARED_STATEMENTS=off` the
/// same SQL and bindings go as an unnamed statement (see `PreparedStatements`).
public protocol PreparedQuery: PostgresPreparedStatement {
    var values: [any PostgresNonThrowingEncodable & Sendable] { get }
}

extension PreparedQuery {
    public func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bindings.append(value) }
        return bindings
    }
}

/// `DXSKILLS_PREPARED_STATEMENTS`: `on` (the default) runs the per-request statements as named
/// prepared statements, kept by each connection; `off` sends each as an unnamed statement (parse,
/// bind and execute in one message batch), which holds nothing on the server between transactions.
///
/// A pooler in transaction mode (PgBouncer before 1.21, or without `max_prepared_statements`)
/// hands each transaction whichever server connection is free: a statement prepared on one is
/// missing on the next ("prepared statement … does not exist"), or already there from another
/// client ("… already exists"). Behind such a pooler, set `off`.
public enum PreparedStatements {
    /// The environment variable.
    public static let variable = "DXSKILLS_PREPARED_STATEMENTS"

    /// The setting of this process, read once from the environment.
    public static let setting: Result<Bool, DXSkillsError> = Result { () throws(DXSkillsError) in
        try parse(ProcessInfo.processInfo.environment[variable])
    }

    /// Whether named prepared statements are used. A wrong setting is refused at startup (`check`).
    public static var enabled: Bool { (try? setting.get()) ?? true }

    /// Throws when the environment's setting is neither `on` nor `off`; commands call it first.
    public static func check() throws(DXSkillsError) { _ = try setting.get() }

    /// `on` or `off`; unset or empty is `on`.
    public static func parse(_ text: String?) throws(DXSkillsError) -> Bool {
        switch text ?? "" {
        case "", "on": return true
        case "off": return false
        case let other:
            throw .invalid(Message(.settingOnOff, ["name": "\(variable)", "value": "\(other)"]))
        }
    }
}

extension PostgresPreparedStatement {
    /// The same SQL and bindings as an unnamed statement, which holds nothing on the server.
    func unnamed() throws -> PostgresQuery { PostgresQuery(unsafeSQL: Self.sql, binds: try makeBindings()) }
}

extension PostgresConnection {
    /// The rows of a prepared statement: as the named statement, or (`prepared: false`,
    /// `DXSKILLS_PREPARED_STATEMENTS=off`) as an unnamed one of the same SQL and bindings.
    public func rows<Statement: PostgresPreparedStatement>(
        _ statement: Statement, logger: Logger, prepared: Bool = PreparedStatements.enabled
    ) async throws -> AsyncThrowingMapSequence<PostgresRowSequence, Statement.Row> {
        if prepared { return try await execute(statement, logger: logger) }
        return try await query(try statement.unnamed(), logger: logger).map { try statement.decodeRow($0) }
    }
}

extension PostgresClient {
    /// The rows of a prepared statement on a connection of the pool, held while they are read; as
    /// `PostgresConnection.rows(_:logger:prepared:)`.
    public func rows<Statement: PostgresPreparedStatement>(
        _ statement: Statement, logger: Logger, prepared: Bool = PreparedStatements.enabled
    ) async throws -> AsyncThrowingMapSequence<PostgresRowSequence, Statement.Row> {
        if prepared { return try await execute(statement, logger: logger) }
        return try await query(try statement.unnamed(), logger: logger).map { try statement.decodeRow($0) }
    }
}
