import PostgresNIO

/// Self-assessments (自己診断, reference §7.2): a staff member's own 0–4 per DSS skill on a day.
/// They are shown beside Level and never read by any report of reference §4.
public enum SelfAssessments {
    public enum Outcome: String, Sendable, Codable { case inserted, updated, unchanged }

    /// Records the caller's own self-assessment of a skill on a day (one per skill and day; again
    /// on the same day replaces it).
    public static func set(
        skill: String, level: Int, on day: Day, today: Day = .today(), principal: Principal,
        connection: PostgresConnection, logger: Logger
    ) async throws -> Outcome {
        guard let employeeNo = principal.employeeNo else {
            throw DXSkillsError.notFound(Message(.objUnlinkedUser, ["user": "\(principal.userName)"]))
        }
        guard (0...4).contains(level) else { throw DXSkillsError.invalid(Message(.selfLevelRange, ["value": "\(level)"])) }
        guard day <= today else {
            throw DXSkillsError.invalid(.field("on", .dayInFutureToday, ["day": "\(day)", "today": "\(today)"]))
        }
        try await requireDSSSkill(skill, connection: connection, logger: logger)
        for try await (inserted, before) in try await connection.query(
            """
            WITH before AS (
              SELECT level FROM self_assessments
              WHERE employee_no = \(employeeNo) AND skill_code = \(skill) AND assessed_on = \(day)
            ), written AS (
              INSERT INTO self_assessments (tenant_id, employee_no, skill_code, assessed_on, level)
              VALUES (current_setting('dxskills.tenant_id'), \(employeeNo), \(skill), \(day), \(level))
              ON CONFLICT (tenant_id, employee_no, skill_code, assessed_on) DO UPDATE SET level = EXCLUDED.level
              WHERE self_assessments.level <> EXCLUDED.level
              RETURNING 1
            )
            SELECT NOT EXISTS (SELECT FROM before), (SELECT level::integer FROM before)
            """, logger: logger
        ).decode((Bool, Int?).self) {
            return inserted ? .inserted : before == level ? .unchanged : .updated
        }
        return .unchanged
    }

    /// A manager in scope endorses a staff member's latest self-assessment of a skill on or before
    /// `today`: an assessment (reference §2) of that level on `today`, with the manager as assessor.
    /// Out of scope, or without a self-assessment, 404; one's own, 403.
    public static func endorse(
        employeeNo: String, skill: String, today: Day = .today(), principal: Principal, connection: PostgresConnection,
        logger: Logger
    ) async throws -> (level: Int, assessedOn: Day, assessor: String) {
        try principal.require(.manager, to: .actEndorse)
        guard principal.employeeNo != employeeNo else {
            throw DXSkillsError.forbidden(Message(.forbidOwnEndorse))
        }
        // Visible on the day, or 404 exactly as a staff member who does not exist.
        _ = try await StaffDirectory.show(
            principal: principal, employeeNo: employeeNo, asOf: today, connection: connection, logger: logger)
        var latest: (Int, Day)?
        for try await row in try await connection.query(
            """
            SELECT level::integer, assessed_on FROM self_assessments
            WHERE employee_no = \(employeeNo) AND skill_code = \(skill) AND assessed_on <= \(today)
            ORDER BY assessed_on DESC LIMIT 1
            """, logger: logger
        ).decode((Int, Day).self) {
            latest = row
        }
        guard let (level, _) = latest else {
            throw DXSkillsError.notFound(Message(.objSelfAssessment, ["skill": "\(skill)", "id": "\(employeeNo)"]))
        }
        guard level > 0 else {
            throw DXSkillsError.invalid(Message(.selfAssessmentZero, ["skill": "\(skill)"]))
        }
        let assessor = principal.employeeNo ?? principal.userName
        for try await existing in try await connection.query(
            """
            SELECT coalesce(assessor, '') FROM assessments
            WHERE employee_no = \(employeeNo) AND skill_code = \(skill) AND assessed_on = \(today)
            """, logger: logger
        ).decode(String.self) {
            throw DXSkillsError.invalid(
                Message(
                    .assessmentExists, ["id": "\(employeeNo)", "skill": "\(skill)", "day": "\(today)", "assessor": "\(existing)"])
            )
        }
        try await connection.query(
            """
            INSERT INTO assessments (tenant_id, employee_no, skill_code, level, assessed_on, assessor)
            VALUES (current_setting('dxskills.tenant_id'), \(employeeNo), \(skill), \(level), \(today), \(assessor))
            """, logger: logger)
        return (level, today, assessor)
    }

    static func requireDSSSkill(_ skill: String, connection: PostgresConnection, logger: Logger) async throws {
        let found = try await connection.query(
            "SELECT 1 FROM skills WHERE code = \(skill) AND framework LIKE 'DSS%'", logger: logger
        ).decode(Int.self).collect()
        guard !found.isEmpty else { throw DXSkillsError.notFound(Message(.objDSSSkill, ["code": "\(skill)"])) }
    }

    /// The latest self-assessment of each skill on or before D, by skill code.
    static func latest(of employeeNo: String, asOf: Day, connection: PostgresConnection, logger: Logger) async throws
        -> [String: SelfAssessment]
    {
        var latest: [String: SelfAssessment] = [:]
        for try await (code, level, on) in try await connection.query(
            """
            SELECT DISTINCT ON (skill_code) skill_code, level::integer, assessed_on FROM self_assessments
            WHERE employee_no = \(employeeNo) AND assessed_on <= \(asOf)
            ORDER BY skill_code, assessed_on DESC
            """, logger: logger
        ).decode((String, Int, Day).self) {
            latest[code] = SelfAssessment(level: level, on: on)
        }
        return latest
    }
}
