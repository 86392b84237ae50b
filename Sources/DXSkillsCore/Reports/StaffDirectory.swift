import PostgresNIO

/// A staff member as `staff list` shows them.
public struct StaffSummary: Sendable, Codable, Equatable {
    public let employeeNo: String
    public let name: String
    public let kana: String?
    public let unitCode: String
    public let unitName: String
    public let grade: String?
    public let jobTrack: String
    public let employmentType: String
}

/// One primary assignment in a staff member's history.
public struct AssignmentEntry: Sendable, Codable, Equatable {
    public let unitCode: String
    public let unitName: String
    public let from: Day
    public let to: Day?
}

/// A staff record with its assignment history, for `staff show`.
public struct StaffRecord: Sendable, Codable, Equatable {
    public let employeeNo: String
    public let name: String
    public let kana: String?
    public let jobTrack: String
    public let employmentType: String
    public let grade: String?
    public let hiredOn: Day
    public let retiredOn: Day?
    public let unitCode: String?
    public let unitName: String?
    public let assignments: [AssignmentEntry]
    public let skills: [StaffSkill]
    /// The latest self-assessment of each skill on or before D (reference §7.2); never part of Level.
    public let selfAssessments: [SkillSelfAssessment]
}

/// A staff member's own rating of one skill, beside Level in `staff show`.
public struct SkillSelfAssessment: Sendable, Codable, Equatable {
    public let skillCode: String
    public let level: Int
    public let on: Day
}

/// What kind of record shows a skill level (reference §4.3).
public enum EvidenceSource: String, Sendable, Codable, CaseIterable {
    case training, certification, assessment
}

/// One piece of evidence for a skill level (reference §4.3).
public struct SkillEvidence: Sendable, Codable, Equatable {
    public let source: EvidenceSource
    /// The course, certification or assessor.
    public let reference: String
    public let on: Day
    public let level: Int
}

/// Level(P, S, D) of one skill with the evidence behind it.
public struct StaffSkill: Sendable, Codable, Equatable {
    public let skillCode: String
    public let skillName: String
    public let level: Int
    public let evidence: [SkillEvidence]
}

/// `staff list` and `staff show`, within the caller's scope.
public enum StaffDirectory {
    /// Active staff whose primary assignment on D lies in the subtree, in unit order.
    public static func list(
        principal: Principal, unit: String?, asOf: Day, connection: PostgresConnection, logger: Logger
    ) async throws -> [StaffSummary] {
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        let day = asOf
        let rows = try await connection.query(
            """
            SELECT s.employee_no, s.name, s.kana, u.code, u.name, s.grade, s.job_track, s.employment_type
            FROM unit_subtree(\(root)) t
            JOIN units u ON u.code = t.code
            JOIN assignments a ON a.unit_code = t.code AND a.is_primary
              AND a.valid_from <= \(day) AND (a.valid_to IS NULL OR \(day) <= a.valid_to)
            JOIN staff s ON s.employee_no = a.employee_no
              AND s.hired_on <= \(day) AND (s.retired_on IS NULL OR \(day) <= s.retired_on)
            ORDER BY t.path, s.employee_no
            """, logger: logger)
        var staff: [StaffSummary] = []
        for try await (no, name, kana, code, unitName, grade, track, type) in rows.decode(
            (String, String, String?, String, String, String?, String, String).self)
        {
            staff.append(
                StaffSummary(
                    employeeNo: no, name: name, kana: kana, unitCode: code, unitName: unitName, grade: grade,
                    jobTrack: track, employmentType: type))
        }
        return staff
    }

    /// One staff record, if the caller may see it: its own, or one assigned in its subtree on D.
    public static func show(
        principal: Principal, employeeNo: String, asOf: Day, connection: PostgresConnection, logger: Logger
    ) async throws -> StaffRecord {
        let day = asOf
        // A unit-scoped caller sees a person only through the days the person was assigned in its
        // subtree: those assignments, and nothing of the time before or after them.
        var inScope: [(unit: String, from: Day, to: Day?)]?
        switch principal.scope {
        case .tenant: break
        case .own(let own):
            guard own == employeeNo else { throw DXSkillsError.notFound(Message(.objStaff, ["id": "\(employeeNo)"])) }
        case .subtree(let root):
            var spans: [(unit: String, from: Day, to: Day?)] = []
            var visible = false
            for try await (unit, from, to, holds) in try await connection.rows(
                Visible(values: [root, employeeNo, day]), logger: logger)
            {
                spans.append((unit, from, to))
                visible = visible || holds
            }
            guard visible else { throw DXSkillsError.notFound(Message(.objStaff, ["id": "\(employeeNo)"])) }
            inScope = spans
        }
        var card: Card.Row?
        var history: [AssignmentEntry] = []
        var currentUnit: (String, String)?
        // The staff row and its primary assignments in one statement (one row per assignment).
        for try await row in try await connection.rows(Card(values: [employeeNo, day]), logger: logger) {
            card = row
            if let code = row.8, let name = row.9, let from = row.10,
                inScope?.contains(where: { $0.unit == code && $0.from == from }) ?? true
            {
                history.append(AssignmentEntry(unitCode: code, unitName: name, from: from, to: row.11))
                if row.12 == true { currentUnit = (code, name) }
            }
        }
        guard let (no, name, kana, track, type, grade, hired, retired, _, _, _, _, _) = card else {
            throw DXSkillsError.notFound(Message(.objStaff, ["id": "\(employeeNo)"]))
        }
        // Evidence as of D, and D lies within the days in scope: nothing later is shown.
        let skills = try await Self.skills(of: employeeNo, asOf: asOf, connection: connection, logger: logger)
        let selfAssessed = try await SelfAssessments.latest(
            of: employeeNo, asOf: asOf, connection: connection, logger: logger
        ).sorted { $0.key < $1.key }.map { SkillSelfAssessment(skillCode: $0.key, level: $0.value.level, on: $0.value.on) }
        var retiredOn = retired
        if let inScope, !inScope.contains(where: { $0.to == nil }),
            let lastDay = inScope.compactMap(\.to).max(), let retired, lastDay < retired
        {
            // The retirement came after the person left the caller's units.
            retiredOn = nil
        }
        return StaffRecord(
            employeeNo: no, name: name, kana: kana, jobTrack: track, employmentType: type, grade: grade, hiredOn: hired,
            retiredOn: retiredOn, unitCode: currentUnit?.0, unitName: currentUnit?.1, assignments: history, skills: skills,
            selfAssessments: selfAssessed)
    }

    /// A staff member's primary assignments in a subtree, each with whether it holds on D.
    struct Visible: PreparedQuery {
        static let name = "staff_visible_spans"
        static let sql = """
            SELECT a.unit_code, a.valid_from, a.valid_to,
                   a.valid_from <= $3::date AND (a.valid_to IS NULL OR $3::date <= a.valid_to)
            FROM assignments a JOIN unit_subtree($1) t ON t.code = a.unit_code
            WHERE a.employee_no = $2 AND a.is_primary
            """
        typealias Row = (String, Day, Day?, Bool)
        let values: [any PostgresNonThrowingEncodable & Sendable]
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The staff row with each of its primary assignments (and whether it holds on D); the staff
    /// columns alone when it has none.
    struct Card: PreparedQuery {
        static let name = "staff_card"
        static let sql = """
            SELECT s.employee_no, s.name, s.kana, s.job_track, s.employment_type, s.grade, s.hired_on,
                   s.retired_on, a.unit_code, u.name, a.valid_from, a.valid_to,
                   a.valid_from <= $2::date AND (a.valid_to IS NULL OR $2::date <= a.valid_to)
            FROM staff s
            LEFT JOIN assignments a ON a.employee_no = s.employee_no AND a.is_primary
            LEFT JOIN units u ON u.code = a.unit_code
            WHERE s.employee_no = $1
            ORDER BY a.valid_from
            """
        typealias Row = (
            String, String, String?, String, String, String?, Day, Day?, String?, String?, Day?, Day?, Bool?
        )
        let values: [any PostgresNonThrowingEncodable & Sendable]
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Each skill with evidence on D, its level the highest the evidence shows.
    static func skills(of employeeNo: String, asOf: Day, connection: PostgresConnection, logger: Logger) async throws
        -> [StaffSkill]
    {
        let rows = try await connection.rows(Evidence(values: [asOf, employeeNo]), logger: logger)
        var skills: [StaffSkill] = []
        for try await (code, name, source, reference, on, level) in rows {
            let evidence = SkillEvidence(source: source, reference: reference, on: on, level: level)
            if let last = skills.last, last.skillCode == code {
                skills[skills.count - 1] = StaffSkill(
                    skillCode: code, skillName: name, level: last.level, evidence: last.evidence + [evidence])
            } else {
                skills.append(StaffSkill(skillCode: code, skillName: name, level: level, evidence: [evidence]))
            }
        }
        return skills
    }

    /// Every piece of evidence one staff member has on D, strongest first per skill.
    struct Evidence: PreparedQuery {
        static let name = "staff_evidence"
        static let sql = """
            SELECT e.skill_code, s.name, e.source, e.reference, e.shown_on, e.level
            FROM skill_evidence($1::date) e JOIN skills s ON s.code = e.skill_code
            WHERE e.employee_no = $2
            ORDER BY e.skill_code, e.level DESC, e.shown_on, e.source, e.reference
            """
        typealias Row = (String, String, EvidenceSource, String, Day, Int)
        let values: [any PostgresNonThrowingEncodable & Sendable]
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}
