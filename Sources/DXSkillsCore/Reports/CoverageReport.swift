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
    public var ratio: Ratio { Ratio(count, of: headcount) }
}

/// reference §4.4 Coverage(U, S, k, D) for every unit of the subtree (or of one kind) × every skill
/// (or one), in one set-based query over Headcount (4.2) and Level (4.3).
public enum CoverageReport {
    public static func run(
        principal: Principal, unit: String?, kind: String?, skill: String?, level: Int, asOf: Day,
        connection: PostgresConnection, logger: Logger, tenantWide: Bool = false
    ) async throws -> [CoverageLine] {
        guard SkillLevel.range.contains(level) else {
            throw DXSkillsError.badParameter(
                Message(.parameterRange, ["name": "level", "min": "1", "max": "4", "value": "\(level)"]))
        }
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        if let skill, try await connection.query("SELECT 1 FROM skills WHERE code = \(skill)", logger: logger).collect().isEmpty {
            throw DXSkillsError.notFound(Message(.objSkill, ["code": "\(skill)"]))
        }
        let day = asOf
        let rows = try await connection.query(
            """
            WITH tree AS (SELECT * FROM unit_subtree(\(root))),
            population AS (SELECT p.employee_no, p.unit_code FROM headcount_population(\(day)) p),
            report_units AS (
              SELECT '' AS code, '' AS name, ARRAY[]::text[] AS path WHERE \(tenantWide)
              UNION ALL
              SELECT u.code, u.name, tree.path FROM tree JOIN units u ON u.code = tree.code
              WHERE NOT \(tenantWide) AND u.valid_from <= \(day) AND (u.valid_to IS NULL OR \(day) <= u.valid_to)
                AND (\(kind)::text IS NULL OR u.kind = \(kind)::text)),
            report_skills AS (SELECT code FROM skills WHERE \(skill)::text IS NULL OR code = \(skill)::text),
            -- Counted per unit of assignment first, then added up each unit's ancestors within the
            -- subtree (unit_rollup, as unit_headcounts counts the heads) or into the one tenant-wide
            -- line: the per-person join is done once, not once per ancestor.
            leaf_reached AS (
              SELECT p.unit_code, l.skill_code, count(*) AS n
              FROM population p JOIN skill_levels(\(day)) l ON l.employee_no = p.employee_no
              WHERE l.level >= \(level) AND (\(skill)::text IS NULL OR l.skill_code = \(skill)::text)
              GROUP BY p.unit_code, l.skill_code),
            rollup AS (
              SELECT r.leaf, r.unit_code FROM unit_rollup(\(root)) r WHERE NOT \(tenantWide)
              UNION ALL
              SELECT DISTINCT p.unit_code, '' FROM population p WHERE \(tenantWide)),
            heads AS (
              SELECT h.unit_code, h.headcount AS n FROM unit_headcounts(\(root), \(day)) h WHERE NOT \(tenantWide)
              UNION ALL
              SELECT '', count(*) FROM population WHERE \(tenantWide)),
            reached AS (
              SELECT r.unit_code, c.skill_code, sum(c.n) AS n FROM leaf_reached c JOIN rollup r ON r.leaf = c.unit_code
              GROUP BY r.unit_code, c.skill_code)
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
