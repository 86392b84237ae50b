import PostgresNIO

/// One line of the headcount report: a unit and Headcount(U, D) of its subtree.
public struct HeadcountLine: Sendable, Codable, Equatable {
    public let unitCode: String
    public let unitName: String
    public let kind: String
    public let depth: Int
    public let headcount: Int
}

/// reference §4.2: for each unit valid on D in the subtree, the counted staff of its own subtree.
public enum HeadcountReport {
    public static func run(
        principal: Principal, unit: String?, asOf: Day, connection: PostgresConnection, logger: Logger
    ) async throws -> [HeadcountLine] {
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        let day = asOf
        let rows = try await connection.query(
            """
            WITH tree AS (SELECT * FROM unit_subtree(\(root))),
            counts AS (SELECT unit_code AS code, headcount AS n FROM unit_headcounts(\(root), \(day)))
            SELECT u.code, u.name, u.kind, tree.depth, coalesce(counts.n, 0)::integer
            FROM tree JOIN units u ON u.code = tree.code
            LEFT JOIN counts ON counts.code = tree.code
            WHERE u.valid_from <= \(day) AND (u.valid_to IS NULL OR \(day) <= u.valid_to)
            ORDER BY tree.path
            """, logger: logger)
        var lines: [HeadcountLine] = []
        for try await (code, name, kind, depth, count) in rows.decode((String, String, String, Int, Int).self) {
            lines.append(HeadcountLine(unitCode: code, unitName: name, kind: kind, depth: depth, headcount: count))
        }
        return lines
    }
}
