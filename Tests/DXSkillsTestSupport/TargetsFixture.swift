/// Designations and fiscal-year targets on top of `SkillFixture`, shared by the leader, target and
/// transfer-impact tests of the core and by the CLI's (answers worked out in TargetsReportTests).
public enum TargetsFixture {
    public static let designations = """
        employee_no,unit_code,role,term_start,term_end,working_group
        E001,S1,leader,2025-04-01,2026-03-31,データ部会
        E002,S2,リーダー,2024-04-01,2026-03-31,
        E005,S3,leader,2024-04-01,2026-03-31,
        E004,S1,leader,2025-04-01,,
        E003,S2,sub_leader,2025-04-01,2026-03-31,

        """

    public static let targets = """
        {"fiscal_year": 2025, "targets": [
          {"type": "leaders_per_unit", "unit_kind": "課", "min": 1},
          {"type": "completion_ratio", "course": "DX-101", "min_ratio": 0.2},
          {"type": "completion_ratio", "course": "DX-101", "min_ratio": 0.5, "unit_kind": "局"},
          {"type": "skill_count", "skill": "L-DATA", "level": 1, "min": 2},
          {"type": "skill_ratio", "skill": "L-SEC", "level": 1, "min_ratio": 0.5, "unit_kind": "部"},
          {"type": "skill_count", "skill": "P-DS", "level": 3, "min": 2, "unit_kind": "課"}]}
        """
}
