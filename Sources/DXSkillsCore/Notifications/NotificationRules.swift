import PostgresNIO

/// The rules of reference §8 on day D: every item and its recipients, in the order of the dry run.
///
/// Levels, leader coverage and certification validity are the report definitions' own SQL
/// (`cert_validity`, `unit_members`, `headcount_population`); career-plan stages come from
/// `CareerPlanReport`, the one definition of reference §4.9.
public enum NotificationRules {
    public static func items(
        tenant: String, on day: Day, settings: NotificationSettings, connection: PostgresConnection, logger: Logger
    ) async throws -> [NotificationItem] {
        let stages = try await planStages(tenant: tenant, on: day, settings: settings, connection: connection, logger: logger)
        var query = PostgresQuery(unsafeSQL: sql)
        query.binds.append(day)
        query.binds.append(settings.certDays)
        query.binds.append(settings.claimDays)
        query.binds.append(stages.map(\.rule.rawValue))
        query.binds.append(stages.map(\.employeeNo))
        query.binds.append(stages.map(\.subject))
        query.binds.append(stages.map(\.day.description))
        var items: [NotificationItem] = []
        for try await (rule, recipient, employee, subject, itemDay) in try await connection.query(query, logger: logger)
            .decode((String, String, String?, String, Day).self)
        {
            guard let rule = NotificationRule(rawValue: rule) else { continue }
            items.append(NotificationItem(rule: rule, recipient: recipient, employeeNo: employee, subject: subject, day: itemDay))
        }
        return items
    }

    struct Stage {
        let rule: NotificationRule
        let employeeNo: String
        let subject: String
        let day: Day
    }

    /// `plan_stage_due`: a stage due on a threshold day ahead whose requirements do not all hold on D
    /// (reference §4.9 calls it `open`); `plan_stage_behind`: a stage due yesterday that is `behind`.
    static func planStages(
        tenant: String, on day: Day, settings: NotificationSettings, connection: PostgresConnection, logger: Logger
    ) async throws -> [Stage] {
        let everyone = Principal(tenant: tenant, userName: "notify", role: .hr, unitCode: nil, employeeNo: nil)
        let plans = try await CareerPlanReport.run(principal: everyone, asOf: day, connection: connection, logger: logger)
        let ahead = Set(settings.planDays)
        var stages: [Stage] = []
        for plan in plans {
            for stage in plan.stages {
                let days = stage.dueOn.daysSince(day)
                if stage.status == .open, ahead.contains(days) {
                    stages.append(Stage(rule: .planStageDue, employeeNo: plan.employeeNo, subject: stage.name, day: stage.dueOn))
                } else if stage.status == .behind, days == -1 {
                    stages.append(
                        Stage(rule: .planStageBehind, employeeNo: plan.employeeNo, subject: stage.name, day: stage.dueOn))
                }
            }
        }
        return stages
    }

    /// $1 D, $2 the certification days, $3 the claim days, $4–$7 the plan stages found (rule, staff, stage, due).
    ///
    /// Each rule gives subjects with whom they reach: the staff member (their user, named by the employee
    /// number), the managers of a unit (`unit_managers`), hr, or those who may decide a claim. A recipient
    /// who qualifies twice gets the item once.
    static let sql = """
        WITH rights AS MATERIALIZED (SELECT * FROM users_with_rights($1)),
        placed AS (
          SELECT a.employee_no, a.unit_code FROM assignments a
          WHERE a.is_primary AND a.valid_from <= $1 AND (a.valid_to IS NULL OR $1 <= a.valid_to)),
        certs AS (
          SELECT 'cert_expiring'::text AS rule, v.employee_no, v.cert_code AS subject, v.valid_until AS day,
                 p.unit_code AS managers_of, true AS to_staff, false AS to_hr
          FROM cert_validity() v
          JOIN staff s ON s.employee_no = v.employee_no
          LEFT JOIN placed p ON p.employee_no = v.employee_no
          WHERE v.acquired_on <= $1 AND v.valid_until - $1 = ANY ($2::integer[])
            AND s.hired_on <= $1 AND (s.retired_on IS NULL OR $1 <= s.retired_on)),
        stages AS (
          SELECT x.rule, x.employee_no, x.subject, x.day::date, p.unit_code, true, x.rule = 'plan_stage_behind'
          FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS x(rule, employee_no, subject, day)
          LEFT JOIN placed p ON p.employee_no = x.employee_no),
        leaders AS (
          SELECT d.employee_no, d.unit_code, d.term_start, d.term_end FROM designations d WHERE d.role = 'leader'),
        moved AS (
          SELECT 'leader_missing'::text, l.employee_no, l.unit_code, $1::date, l.unit_code, false, true
          FROM leaders l
          WHERE l.term_start <= $1 - 1 AND $1 <= l.term_end
            AND EXISTS (SELECT FROM unit_members(l.unit_code, $1 - 1) m WHERE m.employee_no = l.employee_no)
            AND NOT EXISTS (SELECT FROM unit_members(l.unit_code, $1) m WHERE m.employee_no = l.employee_no)),
        sections AS (
          SELECT u.code,
            (SELECT count(*) FROM leaders l WHERE l.unit_code = u.code AND l.term_start <= $1 - 1 AND $1 - 1 <= l.term_end
               AND EXISTS (SELECT FROM unit_members(u.code, $1 - 1) m WHERE m.employee_no = l.employee_no)) AS before,
            (SELECT count(*) FROM leaders l WHERE l.unit_code = u.code AND l.term_start <= $1 AND $1 <= l.term_end
               AND EXISTS (SELECT FROM unit_members(u.code, $1) m WHERE m.employee_no = l.employee_no)) AS after
          FROM units u
          WHERE u.kind = '課' AND u.valid_from <= $1 AND (u.valid_to IS NULL OR $1 <= u.valid_to)),
        uncovered AS (
          SELECT 'leader_missing'::text, NULL::text, s.code, $1::date, s.code, false, true
          FROM sections s WHERE s.before >= 1 AND s.after = 0),
        ending AS (
          SELECT 'term_ending'::text, l.employee_no, l.unit_code, l.term_end, l.unit_code, false, true
          FROM leaders l
          WHERE l.term_end = $1 + 30
            AND NOT EXISTS (SELECT FROM leaders n WHERE n.unit_code = l.unit_code AND n.term_start > l.term_end)),
        subjects AS (
          SELECT * FROM certs UNION ALL SELECT * FROM stages UNION ALL SELECT * FROM moved
          UNION ALL SELECT * FROM uncovered UNION ALL SELECT * FROM ending),
        waiting AS (
          SELECT c.id, c.employee_no, c.state, coalesce(c.completed_on, c.acquired_on) AS claim_day,
                 $1 - coalesce((SELECT max(e.at) FROM claim_events e WHERE e.claim_id = c.id AND e.to_state = c.state)
                                 AT TIME ZONE 'Asia/Tokyo', c.submitted_on)::date AS days
          FROM claims c WHERE c.state IN ('submitted', 'approved')),
        due_claims AS (SELECT * FROM waiting w WHERE w.days >= $3 AND w.days % $3 = 0),
        approvers AS (
          SELECT w.id, r.name FROM due_claims w JOIN rights r ON r.role IN ('manager', 'evaluator')
          WHERE w.state = 'submitted' AND r.employee_no IS DISTINCT FROM w.employee_no
            AND claim_in_scope(r.unit_code, w.employee_no, w.claim_day)),
        deciders AS (
          SELECT a.id, a.name FROM approvers a
          UNION ALL
          SELECT w.id, r.name FROM due_claims w JOIN rights r ON r.role = 'hr'
          WHERE r.employee_no IS DISTINCT FROM w.employee_no
            AND (w.state = 'approved' OR NOT EXISTS (SELECT FROM approvers a WHERE a.id = w.id))),
        items AS (
          SELECT s.rule, r.name AS recipient, s.employee_no, s.subject, s.day
          FROM subjects s JOIN rights r ON s.to_staff AND r.name = s.employee_no
          UNION
          SELECT s.rule, m.name, s.employee_no, s.subject, s.day
          FROM subjects s CROSS JOIN LATERAL unit_managers(s.managers_of, $1) m WHERE s.managers_of IS NOT NULL
          UNION
          SELECT s.rule, r.name, s.employee_no, s.subject, s.day FROM subjects s JOIN rights r ON s.to_hr AND r.role = 'hr'
          UNION
          SELECT 'claim_waiting', d.name, w.employee_no, w.id::text, $1::date
          FROM deciders d JOIN due_claims w ON w.id = d.id)
        SELECT rule, recipient, employee_no, subject, day FROM items
        ORDER BY recipient COLLATE "C", rule COLLATE "C", employee_no COLLATE "C" NULLS FIRST, subject COLLATE "C", day
        """
}
