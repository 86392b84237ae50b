import Foundation
import PostgresNIO

/// The set-based query behind a ranking: what each staff member in scope did in the fiscal year.
extension RankingReport {
    /// What one staff member has done in the fiscal year, before scoring.
    struct Amounts {
        let employeeNo: String
        let name: String
        let unitCode: String
        let unitName: String
        let group: String
        let hours: Fraction
        let points: Fraction
        /// Level of each of `Scoring.skills`, in that order (0 without evidence).
        let levels: [Int]
        let leader: Bool
        /// The final rating of each of `Scoring.ratingItems`, in that order.
        let ratings: [Rating?]
    }

    static func amounts(
        scoring: Scoring, root: String?, group: RankingGroup, asOf day: Day, connection: PostgresConnection,
        logger: Logger
    ) async throws -> [Amounts] {
        let first = Day.fiscalYearStart(scoring.fiscalYear)
        let last = Day.fiscalYearEnd(scoring.fiscalYear)
        let asOf = day
        let groupColumn: String
        switch group {
        case .none: groupColumn = "'-'"
        case .grade: groupColumn = "coalesce(s.grade, '-')"
        case .jobTrack: groupColumn = "s.job_track"
        case .unitKind: groupColumn = "coalesce(k.code, '-')"
        }
        // One column per skill and per rated item (their codes are bound as $5 and $8, never spliced
        // in): aggregating straight into columns needs no per-skill grouping, sorting or arrays.
        let levelColumns = scoring.skills.indices.map {
            "max(e.level) FILTER (WHERE e.skill_code = ($5::text[])[\($0 + 1)]) AS l\($0)"
        }
        let ratingColumns = scoring.ratingItems.indices.map { i in
            "coalesce(max(r.rating) FILTER (WHERE r.item = ($8::text[])[\(i + 1)] AND r.stage = 2), "
                + "max(r.rating) FILTER (WHERE r.item = ($8::text[])[\(i + 1)] AND r.stage = 1)) AS r\(i)"
        }
        let selected =
            scoring.skills.indices.map { "coalesce(l.l\($0), 0)" } + scoring.ratingItems.indices.map { "f.r\($0)" }
        let query = PostgresQuery(
            unsafeSQL: """
                WITH RECURSIVE population AS (
                  SELECT p.employee_no, p.unit_code FROM headcount_population($1::date) p
                  WHERE $2::text IS NULL OR p.unit_code IN (SELECT code FROM unit_subtree($2::text))),
                up AS (
                  SELECT u.tenant_id, u.code AS start, u.code, u.parent_code, u.kind, 0 AS depth FROM units u
                  WHERE $6::text IS NOT NULL AND u.tenant_id = current_setting('dxskills.tenant_id', true)
                    AND u.code IN (SELECT unit_code FROM population)
                  UNION ALL
                  SELECT p.tenant_id, up.start, p.code, p.parent_code, p.kind, up.depth + 1
                  FROM up JOIN units p ON p.tenant_id = up.tenant_id AND p.code = up.parent_code
                  WHERE up.kind <> $6::text),
                kinds AS (SELECT DISTINCT ON (start) start, code FROM up WHERE kind = $6::text ORDER BY start, depth),
                hours AS (
                  SELECT t.employee_no, sum(coalesce(t.hours, c.hours)) AS hours
                  FROM training_records t JOIN courses c ON c.code = t.course_code
                  WHERE t.status = 'completed' AND t.completed_on BETWEEN $3::date AND $1::date
                  GROUP BY t.employee_no),
                points AS (
                  SELECT v.employee_no, sum(c.points) AS points
                  FROM (SELECT DISTINCT employee_no, cert_code FROM cert_validity()
                        WHERE acquired_on <= $1::date AND (valid_until IS NULL OR $1::date <= valid_until)) v
                  JOIN certifications c ON c.code = v.cert_code
                  GROUP BY v.employee_no),
                levels AS (
                  SELECT e.employee_no\(levelColumns.map { ", " + $0 }.joined())
                  FROM skill_evidence($1::date) e WHERE e.skill_code = ANY($5::text[]) GROUP BY e.employee_no),
                leaders AS (
                  SELECT DISTINCT employee_no FROM designations
                  WHERE role IN ('leader', 'sub_leader') AND term_start <= $4::date AND term_end >= $3::date),
                finals AS (
                  SELECT r.employee_no\(ratingColumns.map { ", " + $0 }.joined())
                  FROM ratings r WHERE r.fiscal_year = $7::integer AND r.item = ANY($8::text[]) GROUP BY r.employee_no)
                SELECT p.employee_no, s.name, p.unit_code, u.name, \(groupColumn),
                       coalesce(h.hours, 0)::text, coalesce(pt.points, 0)::text, ld.employee_no IS NOT NULL
                       \(selected.map { ", " + $0 }.joined())
                FROM population p
                JOIN staff s ON s.employee_no = p.employee_no
                JOIN units u ON u.code = p.unit_code
                LEFT JOIN kinds k ON k.start = p.unit_code
                LEFT JOIN hours h ON h.employee_no = p.employee_no
                LEFT JOIN points pt ON pt.employee_no = p.employee_no
                LEFT JOIN levels l ON l.employee_no = p.employee_no
                LEFT JOIN leaders ld ON ld.employee_no = p.employee_no
                LEFT JOIN finals f ON f.employee_no = p.employee_no
                """,
            binds: {
                var binds = PostgresBindings()
                binds.append(asOf)
                binds.append(root)
                binds.append(first)
                binds.append(last)
                binds.append(scoring.skills)
                binds.append(group.kind)
                binds.append(scoring.fiscalYear)
                binds.append(scoring.ratingItems)
                return binds
            }())
        var result: [Amounts] = []
        let skillCount = scoring.skills.count
        for try await row in try await connection.query(query, logger: logger) {
            let cells = PostgresRandomAccessRow(row)
            var levels: [Int] = []
            levels.reserveCapacity(skillCount)
            for index in 0..<skillCount { levels.append(try cells[8 + index].decode(Int.self)) }
            var ratings: [Rating?] = []
            ratings.reserveCapacity(scoring.ratingItems.count)
            for index in scoring.ratingItems.indices {
                ratings.append(try cells[8 + skillCount + index].decode(String?.self).flatMap { Rating(rawValue: $0) })
            }
            result.append(
                Amounts(
                    employeeNo: try cells[0].decode(String.self), name: try cells[1].decode(String.self),
                    unitCode: try cells[2].decode(String.self), unitName: try cells[3].decode(String.self),
                    group: try cells[4].decode(String.self),
                    hours: Fraction(decimal: try cells[5].decode(String.self)) ?? .zero,
                    points: Fraction(decimal: try cells[6].decode(String.self)) ?? .zero,
                    levels: levels, leader: try cells[7].decode(Bool.self), ratings: ratings))
        }
        return result
    }
}
