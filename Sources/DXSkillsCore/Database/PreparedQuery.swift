import PostgresNIO

/// A prepared statement whose parameters are bound from `values`, each as its own type (a `Day` as a
/// `date`, text as `text`).
///
/// PostgreSQL parses and plans a prepared statement once per connection and, after a few runs,
/// keeps a generic plan; the per-request paths use these so that a request costs execution only.
/// Each names itself (`static let name`): the default name is built by reflection on every run.
/// The first version planned every query afresh, and planning was a third of the database's time
/// under API load (BENCHMARKS.md).
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
