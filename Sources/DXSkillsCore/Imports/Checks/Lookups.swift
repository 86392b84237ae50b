import PostgresNIO

// What rows are checked against in the database: codes, and the days units exist.

/// The codes a table holds, for reference checks.
func codes(_ query: PostgresQuery, connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
    var result = Set<String>()
    for try await code in try await connection.query(query, logger: logger).decode(String.self) { result.insert(code) }
    return result
}

/// Each unit's validity, for checks that a unit exists on a day.
func unitValidity(connection: PostgresConnection, logger: Logger) async throws -> [String: (from: Day, to: Day?)] {
    var units: [String: (from: Day, to: Day?)] = [:]
    for try await (code, from, to) in try await connection.query(
        "SELECT code, valid_from::text, valid_to::text FROM units", logger: logger
    ).decode((String, String, String?).self) {
        units[code] = (Day(iso: from)!, to.flatMap { Day(iso: $0) })
    }
    return units
}
