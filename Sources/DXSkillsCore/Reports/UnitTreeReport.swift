import PostgresNIO

/// A unit as the tree lists it.
public struct UnitNode: Sendable, Codable, Equatable {
    public let code: String
    public let name: String
    public let kind: String
    public let parentCode: String?
    public let validFrom: Day
    public let validTo: Day?
    public let itDepartment: Bool
    public let depth: Int
}

/// The units valid on a day in the caller's scope, depth-first.
public enum UnitTreeReport {
    public static func run(
        principal: Principal, unit: String?, asOf: Day, connection: PostgresConnection, logger: Logger
    ) async throws -> [UnitNode] {
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        let day = asOf
        let rows = try await connection.query(
            """
            SELECT u.code, u.name, u.kind, u.parent_code, u.valid_from, u.valid_to, u.it_department, t.depth
            FROM unit_subtree(\(root)) t JOIN units u ON u.code = t.code
            WHERE u.valid_from <= \(day) AND (u.valid_to IS NULL OR \(day) <= u.valid_to)
            ORDER BY t.path
            """, logger: logger)
        var nodes: [UnitNode] = []
        for try await (code, name, kind, parent, from, to, it, depth) in rows.decode(
            (String, String, String, String?, Day, Day?, Bool, Int).self)
        {
            nodes.append(
                UnitNode(
                    code: code, name: name, kind: kind, parentCode: parent, validFrom: from, validTo: to, itDepartment: it,
                    depth: depth))
        }
        return nodes
    }
}
