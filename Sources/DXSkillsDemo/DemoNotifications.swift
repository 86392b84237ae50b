import DXSkillsCore

/// A day on which every notification rule of reference §8 fires in the demo city, and the few records
/// that make it so, each added through the importers as an office would add it:
///
/// - three certifications that end 30, 90 and 7 days after the day;
/// - a security course plan (ICT-SEC) whose first stage falls due the day before, unmet;
/// - a DX推進リーダー, the only one of their 課, transferred to another 部 on the day (年度途中の異動);
/// - the FY2026 leaders' terms end 30 days after the day (DemoDesignations), with no successor;
/// - claims waiting for a decision since a day a multiple of three days before (DemoClaims).
///
/// Career-plan stages due in the window come from the plans themselves (DemoCareerPlans).
public struct DemoNotifications: Sendable {
    /// `dxskills notify run --dry-run --as-of 2027-03-01` names every rule.
    public static let day = Day(year: 2027, month: 3, day: 1)!

    public struct Summary: Sendable, Equatable {
        public var certifications = 0
        public var plans = 0
        public var transferred: String?
    }

    public init() {}

    /// Loads them once, after the staff, the certifications, the designations and the plans.
    public func load(into database: Database, context: TenantContext) async throws -> Summary {
        let day = Self.day
        let before = day.adding(days: -1)
        var summary = Summary()
        let (holders, planned, leader) = try await database.transaction(context) { connection in
            let logger = database.logger
            // Three regular staff in service on the day and long after, the first by employee number.
            let holders = try await connection.query(
                """
                SELECT s.employee_no FROM staff s
                WHERE s.employment_type = 'regular' AND s.hired_on <= '2024-03-01' AND s.retired_on IS NULL
                ORDER BY s.employee_no LIMIT 3
                """, logger: logger
            ).decode(String.self).collect()
            // An information-track member in service without SG and without the ICT-SEC plan.
            let planned = try await connection.query(
                """
                SELECT s.employee_no FROM staff s
                WHERE s.job_track = 'information' AND s.hired_on <= '2025-03-01' AND s.retired_on IS NULL
                  AND NOT EXISTS (SELECT FROM cert_holdings h
                                  WHERE h.employee_no = s.employee_no AND h.cert_code = 'SG')
                  AND NOT EXISTS (SELECT FROM career_plans p
                                  WHERE p.employee_no = s.employee_no AND p.template_code = 'ICT-SEC')
                ORDER BY s.employee_no LIMIT 1
                """, logger: logger
            ).decode(String.self).collect().first
            // The only leader of a 課 on the day before, assigned in it, and a 課 of another 部 to move to.
            let leader = try await connection.query(
                """
                WITH sole AS (
                  SELECT d.unit_code, min(d.employee_no) AS employee_no FROM designations d
                  WHERE d.role = 'leader' AND d.term_start <= \(before) AND \(day) <= d.term_end
                  GROUP BY d.unit_code HAVING count(*) = 1)
                SELECT s.employee_no, s.name, s.kana, s.job_track, s.employment_type, s.grade, s.hired_on::text,
                       (SELECT t.code FROM units t
                        WHERE t.kind = '課' AND t.valid_from <= \(day) AND (t.valid_to IS NULL OR \(day) <= t.valid_to)
                          AND t.parent_code IS DISTINCT FROM u.parent_code
                        ORDER BY t.code LIMIT 1)
                FROM sole JOIN staff s ON s.employee_no = sole.employee_no
                JOIN units u ON u.code = sole.unit_code
                JOIN assignments a ON a.employee_no = s.employee_no AND a.is_primary AND a.unit_code = sole.unit_code
                  AND a.valid_from <= \(before) AND a.valid_to IS NULL
                WHERE s.retired_on IS NULL
                ORDER BY sole.unit_code LIMIT 1
                """, logger: logger
            ).decode((String, String, String?, String, String, String?, String, String?).self).collect().first
            return (holders, planned, leader)
        }
        // 30, 90 and 7 days after the day; acquired three years before, as SC and SG renewals are.
        let ends = [(day.adding(days: 30), "SC"), (day.adding(days: 90), "SG"), (day.adding(days: 7), "SC")]
        var certifications = "employee_no,cert_code,acquired_on,expires_on\n"
        for (holder, (end, code)) in zip(holders, ends) {
            certifications += DemoCSV.line([holder, code, end.adding(years: -3).adding(days: 1).description, end.description])
        }
        summary.certifications = try await Importer.run(
            .certifications, bytes: Array(certifications.utf8), options: .init(), database: database, context: context
        ).inserted
        if let planned {
            // ICT-SEC's first stage lasts two years: from 2025-03-01 it is due 2027-02-28, and SG is missing.
            summary.plans = try await Importer.run(
                .careerPlans, bytes: Array("employee_no,template,start_on\n\(planned),ICT-SEC,2025-03-01\n".utf8),
                options: .init(), database: database, context: context
            ).inserted
        }
        if let (number, name, kana, track, employment, grade, hired, target) = leader, let target {
            let header = "employee_no,name,kana,job_track,employment_type,grade,unit_code,assigned_from,hired_on,retired_on\n"
            let row = DemoCSV.line([number, name, kana ?? "", track, employment, grade ?? "", target, day.description, hired, ""])
            _ = try await Importer.run(
                .staff, bytes: Array((header + row).utf8), options: .init(), database: database, context: context)
            summary.transferred = number
        }
        return summary
    }
}
