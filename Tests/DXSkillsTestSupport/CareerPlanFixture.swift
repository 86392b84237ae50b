import DXSkillsCore
import Foundation

/// Career path templates and plans on top of `SkillFixture`, with four information-track staff of
/// their own (answers worked out in CareerPlanTests; the CLI's plan documents use them too).
public enum CareerPlanFixture {
    /// 基礎期 ends on the day before the 3rd anniversary, 業務経験期 on the day before the 6th.
    public static let standard = """
        {"code": "ICT-STD", "name": "情報職標準キャリアパス", "stages": [
          {"name": "基礎期", "years": 3, "placement": "it",
           "requires": [{"skill": "L-SEC", "level": 2}, {"cert": "FE"}]},
          {"name": "業務経験期", "years": 3, "placement": "business", "requires": [{"course": "BPR-201"}]}]}
        """

    /// One year, then three more: the 29 February case.
    public static let short = """
        {"code": "SHORT", "name": "短期育成", "stages": [
          {"name": "一年目", "years": 1, "placement": "it", "requires": [{"cert": "IP"}]},
          {"name": "四年目", "years": 3, "placement": "it", "requires": [{"skill": "P-SE", "level": 3}]}]}
        """

    /// I001 moved to S3 (business) in 2023; I002 sits in S1, I003 in S2 (IT), I004 in S3 with no plan.
    public static let staffCSV = """
        employee_no,name,job_track,employment_type,unit_code,assigned_from,hired_on
        I001,情報　一郎,情報職,regular,S3,2023-04-01,2019-04-01
        I002,情報　二郎,information,regular,S1,2021-04-01,2021-04-01
        I003,情報　三子,information,regular,S2,2024-02-29,2024-02-29
        I004,情報　四郎,information,regular,S3,2025-04-01,2025-04-01

        """

    public static let coursesCSV = """
        code,title,hours,provider,delivery,pass_score,skills
        BPR-201,業務改革(BPR)研修,12,人事課,classroom,60,L-TOOL:2;P-BA:2

        """

    /// I002 fails BPR-201 (50 < 60); I002's FE ends 2024-02-29, a month before its stage is due.
    public static let recordsCSV: [(ImportKind, String)] = [
        (
            .training,
            "employee_no,course_code,completed_on,status,score\nI001,BPR-201,2024-05-10,completed,80\nI002,BPR-201,2025-01-15,completed,50\n"
        ),
        (
            .certifications,
            "employee_no,cert_code,acquired_on,expires_on\nI001,FE,2021-10-01,\nI002,FE,2019-04-01,2024-02-29\nI003,IP,2025-02-28,\n"
        ),
        (
            .assessments,
            "employee_no,skill_code,level,assessed_on,assessor\nI001,L-SEC,2,2022-06-01,E001\nI002,L-SEC,3,2021-06-01,E001\nI003,P-SE,2,2025-04-01,E001\n"
        ),
    ]

    public static let plansCSV = """
        employee_no,template,start_on
        E002,ICT-STD,2020-04-01
        I001,ICT-STD,2020/4/1
        I002,ICT-STD,R3.4.1
        I003,SHORT,2024-02-29

        """

    public static func setTemplate(_ json: String, _ db: TestDatabase) async throws -> (code: String, outcome: TemplateOutcome) {
        let document = try JSONDecoder().decode(CareerTemplateDocument.self, from: Data(json.utf8))
        return try await db.app.transaction(Fixture.context()) { connection in
            try await CareerTemplates.set(document, connection: connection, context: Fixture.context(), logger: db.app.logger)
        }
    }

    public static func create(_ db: TestDatabase) async throws {
        try await SkillFixture.create(db.owner)
        try await Fixture.load(.staff, staffCSV, into: db.owner)
        try await Fixture.load(.courses, coursesCSV, into: db.owner)
        for (kind, csv) in recordsCSV { try await Fixture.load(kind, csv, into: db.owner) }
        _ = try await setTemplate(standard, db)
        _ = try await setTemplate(short, db)
        try await Fixture.load(.careerPlans, plansCSV, into: db.owner)
    }
}
