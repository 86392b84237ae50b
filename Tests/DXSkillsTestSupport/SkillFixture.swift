import DXSkillsCore

/// Courses, training, certifications and assessments on top of `Fixture` (answers worked out in the tests).
public enum SkillFixture {
    public static let coursesCSV = """
        code,title,hours,provider,delivery,pass_score,skills
        DX-101,DX基礎研修,3,人事課,elearning,,L-DATA:1;L-SEC:1
        DS-201,データ分析実践,12,外部,classroom,70,P-DS:3;L-DATA:2

        """

    /// E002 fails DS-201's pass score; E004 is not counted; E007 completes DX-101 after 2025-04-01.
    public static let trainingCSV = """
        employee_no,course_code,completed_on,status,score,hours
        E001,DX-101,2025-03-15,completed,,
        E002,DS-201,2025-02-01,completed,65,
        E003,DS-201,2025-02-01,修了,80,
        E004,DX-101,2025-03-01,completed,,
        E007,DX-101,2025-04-02,completed,,
        E005,DX-101,2024-06-01,欠席,,

        """

    /// E002's SC (valid 3 years) ends 2025-03-31; E007's SG never expires.
    public static let certificationsCSV = """
        employee_no,cert_code,acquired_on,expires_on
        E002,SC,2022-04-01,
        E007,SG,2020-10-01,

        """

    /// E007 is assessed P-DS 2 on 2025-04-01.
    public static let assessmentsCSV = """
        employee_no,skill_code,level,assessed_on,assessor
        E007,P-DS,2,2025-04-01,E001

        """

    public static func create(_ database: Database) async throws {
        try await Fixture.create(database)
        try await Fixture.load(.courses, coursesCSV, into: database)
        try await Fixture.load(.training, trainingCSV, into: database)
        try await Fixture.load(.certifications, certificationsCSV, into: database)
        try await Fixture.load(.assessments, assessmentsCSV, into: database)
    }
}
