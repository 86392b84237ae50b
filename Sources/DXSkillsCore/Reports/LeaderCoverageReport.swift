import PostgresNIO

/// A designated leader who does not count for the unit on the day, and why.
public struct LeaderWarning: Sendable, Codable, Equatable {
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// Counted on the day, but in no unit of the section's subtree.
        case movedAway = "moved_away"
        case retired
        /// Not counted on the day at all (no primary assignment, or not yet hired).
        case notCounted = "not_counted"
    }
    public let employeeNo: String
    public let reason: Reason
}

/// Leader coverage of one section (reference §4.5).
public struct LeaderCoverage: Sendable, Codable, Equatable {
    public let unitCode: String
    public let unitName: String
    /// Designated leaders present in Headcount(U, D): their number is the unit's leader coverage.
    public let leaders: [String]
    public let subLeaders: [String]
    public let warnings: [LeaderWarning]
}

/// reference §4.5 for every valid unit of a kind (課 by default) in the caller's scope.
public enum LeaderCoverageReport {
    public static func run(
        principal: Principal, unit: String?, kind: String = "課", asOf: Day, connection: PostgresConnection, logger: Logger
    ) async throws -> [LeaderCoverage] {
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        let day = asOf
        let rows = try await connection.query(
            """
            WITH sections AS (
              SELECT u.code, u.name, tree.path FROM unit_subtree(\(root)) tree JOIN units u ON u.code = tree.code
              WHERE u.kind = \(kind) AND u.valid_from <= \(day) AND (u.valid_to IS NULL OR \(day) <= u.valid_to)),
            terms AS (
              SELECT d.unit_code, d.employee_no, d.role FROM designations d
              WHERE d.term_start <= \(day) AND \(day) <= d.term_end)
            SELECT s.code, s.name, t.employee_no, t.role,
              CASE
                WHEN t.employee_no IS NULL THEN NULL
                WHEN EXISTS (SELECT 1 FROM unit_members(s.code, \(day)) m WHERE m.employee_no = t.employee_no) THEN NULL
                WHEN st.retired_on < \(day) THEN 'retired'
                WHEN EXISTS (
                  SELECT 1 FROM headcount_population(\(day)) p WHERE p.employee_no = t.employee_no) THEN 'moved_away'
                ELSE 'not_counted'
              END
            FROM sections s
            LEFT JOIN terms t ON t.unit_code = s.code
            LEFT JOIN staff st ON st.employee_no = t.employee_no
            ORDER BY s.path, t.role, t.employee_no
            """, logger: logger)
        var report: [LeaderCoverage] = []
        var current: (code: String, name: String, leaders: [String], subs: [String], warnings: [LeaderWarning])?
        func flush() {
            if let c = current {
                report.append(
                    LeaderCoverage(
                        unitCode: c.code, unitName: c.name, leaders: c.leaders, subLeaders: c.subs, warnings: c.warnings))
            }
        }
        for try await (code, name, employee, role, problem) in rows.decode(
            (String, String, String?, String?, LeaderWarning.Reason?).self)
        {
            if current?.code != code {
                flush()
                current = (code, name, [], [], [])
            }
            guard let employee, let role else { continue }
            if let problem {
                // The designation survives a transfer; the coverage does not (reference §4.5).
                if role == DesignationRole.leader.rawValue {
                    current!.warnings.append(LeaderWarning(employeeNo: employee, reason: problem))
                }
            } else if role == DesignationRole.leader.rawValue {
                current!.leaders.append(employee)
            } else {
                current!.subs.append(employee)
            }
        }
        flush()
        return report
    }
}
