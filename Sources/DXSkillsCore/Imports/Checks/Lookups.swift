import PostgresNIO

// What rows are checked against in the database: codes, and the days units and staff exist.

/// The codes a table holds, for reference checks.
func codes(_ query: PostgresQuery, connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
    var result = Set<String>()
    for try await code in try await connection.query(query, logger: logger).decode(String.self) { result.insert(code) }
    return result
}

/// Each unit's validity, for checks that a unit exists on a day.
func unitValidity(connection: PostgresConnection, logger: Logger) async throws -> [String: (from: Day, to: Day?)] {
    try await spans("SELECT code, valid_from, valid_to FROM units", connection: connection, logger: logger)
        .mapValues { (from: $0.start, to: $0.end) }
}

/// Each staff member's service, for checks that someone is in service on a day.
func staffService(connection: PostgresConnection, logger: Logger) async throws -> [String: (hired: Day, retired: Day?)] {
    try await spans(
        "SELECT employee_no, hired_on, retired_on FROM staff", connection: connection, logger: logger
    ).mapValues { (hired: $0.start, retired: $0.end) }
}

/// A code and the days it spans (the end may be open), by code.
private func spans(_ query: PostgresQuery, connection: PostgresConnection, logger: Logger) async throws -> [String: (
    start: Day, end: Day?
)] {
    var spans: [String: (start: Day, end: Day?)] = [:]
    for try await (code, start, end) in try await connection.query(query, logger: logger).decode(
        (String, Day, Day?).self)
    {
        spans[code] = (start, end)
    }
    return spans
}
