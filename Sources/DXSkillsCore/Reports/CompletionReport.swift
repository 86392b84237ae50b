import PostgresNIO

/// Completion of a course in one unit: how many of its headcount completed it.
public struct CompletionLine: Sendable, Codable, Equatable {
    public let unitCode: String
    public let unitName: String
    public let courseCode: String
    public let headcount: Int
    public let count: Int

    public var ratio: Ratio { Ratio(count, of: headcount) }
}

/// reference §4.4 Completion(U, C, D): counted staff with a `completed` record of C on or before D,
/// optionally only records within one fiscal year.
public enum CompletionReport {
    public static func run(
        principal: Principal, course: String, unit: String?, kind: String?, fiscalYear: Int?, asOf: Day,
        connection: PostgresConnection, logger: Logger, tenantWide: Bool = false
    ) async throws -> [CompletionLine] {
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        if try await connection.query("SELECT 1 FROM courses WHERE code = \(course)", logger: logger).collect().isEmpty {
            throw DXSkillsError.notFound(Message(.objCourse, ["code": "\(course)"]))
        }
        let day = asOf
        let from = fiscalYear.map { Day.fiscalYearStart($0) } ?? Day(year: 1, month: 1, day: 1)!
        let rows = try await connection.query(
            """
            WITH tree AS (SELECT * FROM unit_subtree(\(root))),
            members AS (SELECT * FROM report_members(\(root), \(day), \(tenantWide))),
            completed AS (
              SELECT DISTINCT employee_no FROM training_records
              WHERE course_code = \(course) AND status = 'completed'
                AND completed_on <= \(day) AND completed_on >= \(from)
                AND (\(fiscalYear)::integer IS NULL OR completed_on <= make_date(\(fiscalYear)::integer + 1, 3, 31)))
            SELECT u.code, u.name, count(m.employee_no)::integer, count(c.employee_no)::integer
            FROM (SELECT code, path FROM tree WHERE NOT \(tenantWide) UNION ALL SELECT '', ARRAY[]::text[] WHERE \(tenantWide)) tree
            JOIN (SELECT code, name, kind, valid_from, valid_to FROM units
                  UNION ALL SELECT '', '', '', '0001-01-01'::date, NULL WHERE \(tenantWide)) u ON u.code = tree.code
            LEFT JOIN members m ON m.unit_code = u.code
            LEFT JOIN completed c ON c.employee_no = m.employee_no
            WHERE u.valid_from <= \(day) AND (u.valid_to IS NULL OR \(day) <= u.valid_to)
              AND (\(kind)::text IS NULL OR u.kind = \(kind)::text OR \(tenantWide))
            GROUP BY u.code, u.name, tree.path
            ORDER BY tree.path
            """, logger: logger)
        var lines: [CompletionLine] = []
        for try await (code, name, headcount, count) in rows.decode((String, String, Int, Int).self) {
            lines.append(CompletionLine(unitCode: code, unitName: name, courseCode: course, headcount: headcount, count: count))
        }
        return lines
    }
}
