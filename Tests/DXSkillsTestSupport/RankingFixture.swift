import DXSkillsCore
import Foundation

/// Evaluation criteria, ratings and the records they score, on top of `Fixture` (FY2025, as of
/// 2026-03-31). Ranked staff: E001, E002, E003, E007; E006 has no rating and is incomplete.
///
/// Total = 2h/3 (h hours, capped at 30) + 2 × points (capped at 10) + 1.875 × Σ levels of the four
/// skills + 10 × leader + 0.2 × rating score. The totals the tests expect are worked out there.
public enum RankingFixture {
    public static let asOf = Day(iso: "2026-03-31")!

    public static let criteria = """
        {"fiscal_year": 2025, "items": [
          {"code": "hours",   "type": "training_hours", "weight": 20, "cap": 30},
          {"code": "certs",   "type": "cert_points",    "weight": 20, "cap": 10},
          {"code": "skills",  "type": "skill_average",  "weight": 30, "skills": ["L-DATA", "L-SEC", "L-TECH", "P-DS"]},
          {"code": "leader",  "type": "leader",         "weight": 10},
          {"code": "contrib", "type": "rating",         "weight": 20, "name": "DX推進への貢献"}]}
        """

    public static let coursesCSV = """
        code,title,hours,provider,delivery,pass_score,skills
        R-1,データ活用入門,10,人事課,elearning,,L-DATA:2
        R-2,情報セキュリティ研修,7.5,人事課,classroom,60,L-SEC:1

        """

    /// E001 17.5 h in FY2025 (R-1 in FY2024 does not count); E002 40 h (capped); E003's record is
    /// 未修了; E006's is after the as-of day; E007 failed R-2's pass score but its 9 hours count.
    public static let trainingCSV = """
        employee_no,course_code,completed_on,status,score,hours
        E001,R-1,2025-03-31,completed,,
        E001,R-1,2025-05-01,completed,,
        E001,R-2,2025-06-01,completed,80,
        E002,R-1,2025-07-01,completed,,40
        E003,R-2,2025-08-01,incomplete,,
        E006,R-1,2026-04-01,completed,,
        E007,R-2,2025-09-01,completed,50,9

        """

    /// Points IP 1, SG 3, FE 5, AP 8, SC 10. E001: IP twice counts once, + SG = 4. E002: SC expired
    /// 2025-03-31, AP = 8. E007: FE + AP + SG = 16 (capped at 10).
    public static let certificationsCSV = """
        employee_no,cert_code,acquired_on,expires_on
        E001,IP,2020-01-01,
        E001,IP,2022-01-01,
        E001,SG,2024-01-01,
        E002,SC,2022-04-01,
        E002,AP,2021-10-01,
        E007,FE,2019-01-01,
        E007,AP,2020-01-01,
        E007,SG,2020-10-01,

        """

    public static let assessmentsCSV = """
        employee_no,skill_code,level,assessed_on,assessor
        E003,L-SEC,3,2025-10-01,E001

        """

    /// E001's term ends on FY2025's first day (it overlaps); E002's runs to the fiscal year's end.
    public static let designationsCSV = """
        employee_no,unit_code,role,term_start,term_end,working_group
        E001,S1,leader,2024-04-01,2025-04-01,
        E002,S2,leader,2025-04-01,,
        E007,B1,sub_leader,2025-10-01,2026-03-31,

        """

    /// Stage 2 overrides stage 1 for E001 (A → S) and E003 (C → B).
    public static let ratingsCSV = """
        employee_no,item,stage,rating,evaluator
        E001,contrib,1,A,E007
        E001,contrib,2,S,E002
        E002,contrib,1,B,E001
        E003,contrib,一次,C,E001
        E003,contrib,二次,B,E007
        E007,contrib,1,S,E001

        """

    public static func create(_ database: Database) async throws {
        try await Fixture.create(database)
        try await Fixture.load(.courses, coursesCSV, into: database)
        try await Fixture.load(.training, trainingCSV, into: database)
        try await Fixture.load(.certifications, certificationsCSV, into: database)
        try await Fixture.load(.assessments, assessmentsCSV, into: database)
        try await Fixture.load(.designations, designationsCSV, into: database)
        let document = try JSONDecoder().decode(CriteriaDocument.self, from: Data(criteria.utf8))
        try await database.transaction(Fixture.context()) { connection in
            try await EvaluationCriteria.set(
                document, connection: connection, context: Fixture.context(), logger: database.logger)
        }
        try await Fixture.load(.ratings, ratingsCSV, into: database)
    }
}
