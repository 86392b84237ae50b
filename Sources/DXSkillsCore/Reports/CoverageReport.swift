import PostgresNIO

/// One cell of the coverage matrix: a unit, a skill, and how many of its headcount reach the level.
public struct CoverageLine: Sendable, Codable, Equatable {
    public let unitCode: String
    public let unitName: String
    public let skillCode: String
    public let level: Int
    public let headcount: Int
    public let count: Int

    /// count / headcount; nil when the headcount is 0.
    public var ratio: Double? { headcount == 0 ? nil : Double(count) / Double(headcount) }
}

/// SPEC §4.4 Coverage(U, S, k, D) for every unit of the subtree (or of one kind) × every skill
/// (or one), in one set-based query over Headcount (4.2) and Level (4.3).
public enum CoverageReport {
    public static func run(
        principal: Principal, unit: String?, kind: String?, skill: String?, level: Int, asOf: Day,
        connection: PostgresConnection, logger: Logger, tenantWide: Bool = false
    ) async throws -> [CoverageLine] {
        guard SkillLevel.range.contains(level) else { throw DXSkillsError.badParameter("level must be 1 to 4, got \(level)") }
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        if let skill, try await connection.query("SELECT 1 FROM skills WHERE code = \(skill)", logger: logger).collect().isEmpty {
            throw DXSkillsError.notFound("skill \(skill)")
        }
        let day = asOf
        let rows = try await connection.query(
            """
            WITH tree AS (SELECT * FROM unit_subtree(\(root))),
            members AS (SELECT * FROM report_members(\(root), \(day)::date, \(tenantWide))),
            report_units AS (
              SELECT '' AS code, '' AS name, ARRAY[]::text[] AS path WHERE \(tenantWide)
              UNION ALL
              SELECT u.code, u.name, tree.path FROM tree JOIN units u ON u.code = tree.code
              WHERE NOT \(tenantWide) AND u.valid_from <= \(day)::date AND (u.valid_to IS NULL OR \(day)::date <= u.valid_to)
                AND (\(kind)::text IS NULL OR u.kind = \(kind)::text)),
            report_skills AS (SELECT code FROM skills WHERE \(skill)::text IS NULL OR code = \(skill)::text),
            heads AS (SELECT unit_code, count(*) AS n FROM members GROUP BY unit_code),
            reached AS (
              SELECT m.unit_code, l.skill_code, count(*) AS n
              FROM members m JOIN skill_levels(\(day)::date) l ON l.employee_no = m.employee_no
              WHERE l.level >= \(level)
              GROUP BY m.unit_code, l.skill_code)
            SELECT r.code, r.name, s.code, coalesce(h.n, 0)::integer, coalesce(c.n, 0)::integer
            FROM report_units r CROSS JOIN report_skills s
            LEFT JOIN heads h ON h.unit_code = r.code
            LEFT JOIN reached c ON c.unit_code = r.code AND c.skill_code = s.code
            ORDER BY r.path, s.code
            """, logger: logger)
        var lines: [CoverageLine] = []
        for try await (code, name, skill, headcount, count) in rows.decode((String, String, String, Int, Int).self) {
            lines.append(
                CoverageLine(unitCode: code, unitName: name, skillCode: skill, level: level, headcount: headcount, count: count))
        }
        return lines
    }
}
