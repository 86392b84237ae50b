import PostgresNIO

/// Turns a caller's scope and an optional `--unit` into the root of the subtree a report covers.
enum ScopeResolver {
    /// The unit to report under (nil: every tree of the tenant). A unit outside the caller's scope
    /// is reported as not found, exactly like a unit that does not exist.
    static func root(
        for principal: Principal, requested: String?, connection: PostgresConnection, logger: Logger
    ) async throws -> String? {
        switch principal.scope {
        case .own:
            throw DXSkillsError.forbidden(Message(.forbidStaffOwnRecord))
        case .tenant:
            guard let requested else { return nil }
            guard try await exists(requested, under: nil, connection: connection, logger: logger) else {
                throw DXSkillsError.notFound(Message(.objUnit, ["code": "\(requested)"]))
            }
            return requested
        case .subtree(let scopeRoot):
            guard let requested else { return scopeRoot }
            guard try await exists(requested, under: scopeRoot, connection: connection, logger: logger) else {
                throw DXSkillsError.notFound(Message(.objUnit, ["code": "\(requested)"]))
            }
            return requested
        }
    }

    private static func exists(_ unit: String, under root: String?, connection: PostgresConnection, logger: Logger)
        async throws -> Bool
    {
        let rows: PostgresRowSequence
        if let root {
            rows = try await connection.query(
                "SELECT 1 FROM unit_subtree(\(root)) WHERE code = \(unit)", logger: logger)
        } else {
            rows = try await connection.query("SELECT 1 FROM units WHERE code = \(unit)", logger: logger)
        }
        return try await !rows.collect().isEmpty
    }
}
