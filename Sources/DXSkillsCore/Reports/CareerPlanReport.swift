import PostgresNIO

/// A plan's standing on D (reference §4.9); `noPlan` marks information-track staff without any plan.
public enum PlanStatus: String, Sendable, CaseIterable, Codable {
    case completed, behind
    case onTrack = "on_track"
    case noPlan = "no_plan"
}

/// A stage's standing on D: `open` is not yet due and not yet met.
public enum StageStatus: String, Sendable, CaseIterable, Codable {
    case met, behind, open
}

/// A requirement that does not hold on the day its stage is judged: a skill (with the level
/// reached), a certification (with the last day of a holding that lapsed, if any) or a course.
public struct UnmetRequirement: Sendable, Codable, Equatable {
    public var skill: String?
    public var level: Int?
    public var reached: Int?
    public var cert: String?
    public var lapsedOn: Day?
    public var course: String?

    public init(
        skill: String? = nil, level: Int? = nil, reached: Int? = nil, cert: String? = nil, lapsedOn: Day? = nil,
        course: String? = nil
    ) {
        self.skill = skill
        self.level = level
        self.reached = reached
        self.cert = cert
        self.lapsedOn = lapsedOn
        self.course = course
    }
}

/// One stage of a plan with its due date (the last day of the stage).
public struct PlanStage: Sendable, Codable, Equatable {
    public let name: String
    public let placement: Placement
    public let dueOn: Day
    public let status: StageStatus
    public let unmet: [UnmetRequirement]
}

/// Why the staff's unit on D does not fit the current stage.
public struct PlanWarning: Sendable, Codable, Equatable {
    public enum Reason: String, Sendable, Codable {
        /// The unit on D is not of the stage's placement (it ↔ business).
        case placementMismatch = "placement_mismatch"
        /// No primary assignment on D, though the stage is spent in a unit.
        case notAssigned = "not_assigned"
    }
    public let reason: Reason
    public let stage: String
    public let placement: Placement
    public let unitCode: String?
}

/// A staff member's career plan evaluated on D; for `noPlan` the template fields are nil.
public struct CareerPlanStatus: Sendable, Codable, Equatable {
    public let employeeNo: String
    public let name: String
    public let unitCode: String?
    public let unitName: String?
    public let template: String?
    public let templateName: String?
    public let startOn: Day?
    public let status: PlanStatus
    public let stages: [PlanStage]
    public let warnings: [PlanWarning]
}

/// reference §4.9: every career plan in the caller's scope on D, and the information-track staff without one.
///
/// The population is staff active on D: in the tenant (admin, hr), with a primary assignment on D
/// in the subtree (manager, evaluator, or `unit`), or the caller itself (staff). Two queries serve
/// any number of staff: one for the people, one for every stage and requirement of their plans.
public enum CareerPlanReport {
    public static func run(
        principal: Principal, unit: String? = nil, employeeNo: String? = nil, status: PlanStatus? = nil, asOf: Day,
        connection: PostgresConnection, logger: Logger
    ) async throws -> [CareerPlanStatus] {
        var root: String?
        var own: String?
        if case .own(let employee) = principal.scope, unit == nil {
            own = employee
        } else {
            root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        }
        var binds = PostgresBindings()
        binds.append(asOf)
        for value in [root, own, employeeNo] {
            if let value { binds.append(value) } else { binds.appendNull() }
        }

        struct Person {
            let name: String
            let information: Bool
            let unitCode: String?
            let unitName: String?
            let itDepartment: Bool
        }
        var people: [String: Person] = [:]
        var order: [String] = []
        for try await (employee, name, track, unitCode, unitName, it) in try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    WITH \(peopleCTE)
                    SELECT employee_no, name, job_track, unit_code, unit_name, coalesce(it_department, false) FROM people p
                    WHERE job_track = 'information' OR EXISTS (SELECT 1 FROM career_plans c WHERE c.employee_no = p.employee_no)
                    ORDER BY employee_no
                    """, binds: binds), logger: logger
        ).decode((String, String, String, String?, String?, Bool).self) {
            people[employee] = Person(
                name: name, information: track == JobTrack.information.rawValue, unitCode: unitCode, unitName: unitName,
                itDepartment: it)
            order.append(employee)
        }

        var plans: [String: [PlanRows]] = [:]
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: checksSQL, binds: binds), logger: logger)
            .decode(
                (
                    String, String, String, Day, Int, String, String, Day, Int?, String?, Int?, String?, String?, Int?,
                    Bool, Day?
                ).self)
        {
            let (employee, template, templateName, start, stageNo, stageName, placement, due) =
                (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)
            var list = plans[employee, default: []]
            if list.last?.template != template {
                list.append(PlanRows(template: template, templateName: templateName, startOn: start, stages: []))
            }
            var plan = list.removeLast()
            if plan.stages.last?.number != stageNo {
                plan.stages.append(
                    StageRows(
                        number: stageNo, name: stageName, placement: Placement(rawValue: placement) ?? .business,
                        dueOn: due, unmet: []))
            }
            if row.8 != nil, !row.14 {
                plan.stages[plan.stages.count - 1].unmet.append(
                    UnmetRequirement(
                        skill: row.9, level: row.9 == nil ? nil : row.10, reached: row.9 == nil ? nil : (row.13 ?? 0),
                        cert: row.11, lapsedOn: row.11 == nil ? nil : row.15, course: row.12))
            }
            list.append(plan)
            plans[employee] = list
        }

        var report: [CareerPlanStatus] = []
        for employee in order {
            let person = people[employee]!
            let rows = plans[employee] ?? []
            if rows.isEmpty {
                guard person.information else { continue }
                report.append(
                    CareerPlanStatus(
                        employeeNo: employee, name: person.name, unitCode: person.unitCode, unitName: person.unitName,
                        template: nil, templateName: nil, startOn: nil, status: .noPlan, stages: [], warnings: []))
                continue
            }
            for plan in rows {
                let stages = plan.stages.map { stage in
                    let status: StageStatus = stage.unmet.isEmpty ? .met : (stage.dueOn <= asOf ? .behind : .open)
                    return PlanStage(
                        name: stage.name, placement: stage.placement, dueOn: stage.dueOn, status: status, unmet: stage.unmet)
                }
                let planStatus: PlanStatus =
                    stages.allSatisfy { $0.status == .met }
                    ? .completed : stages.contains { $0.status == .behind } ? .behind : .onTrack
                report.append(
                    CareerPlanStatus(
                        employeeNo: employee, name: person.name, unitCode: person.unitCode, unitName: person.unitName,
                        template: plan.template, templateName: plan.templateName, startOn: plan.startOn, status: planStatus,
                        stages: stages,
                        warnings: placementWarnings(
                            stages, startOn: plan.startOn, unitCode: person.unitCode, itDepartment: person.itDepartment,
                            asOf: asOf)))
            }
        }
        if let status { report.removeAll { $0.status != status } }
        if let employeeNo, report.isEmpty {
            // Unknown, out of scope, or no plan at all: the same answer, so nothing leaks.
            throw DXSkillsError.notFound(Message(.objCareerPlan, ["id": "\(employeeNo)"]))
        }
        return report
    }

    /// The current stage is the first one due on or after D. Before the plan starts and after its
    /// last stage there is nothing to check; a secondment (`external`) is not recorded in units, so
    /// it cannot be checked either.
    static func placementWarnings(
        _ stages: [PlanStage], startOn: Day, unitCode: String?, itDepartment: Bool, asOf: Day
    ) -> [PlanWarning] {
        guard startOn <= asOf, let current = stages.first(where: { $0.dueOn >= asOf }) else { return [] }
        switch current.placement {
        case .external:
            return []
        case .it, .business:
            guard let unitCode else {
                return [PlanWarning(reason: .notAssigned, stage: current.name, placement: current.placement, unitCode: nil)]
            }
            guard itDepartment != (current.placement == .it) else { return [] }
            return [
                PlanWarning(reason: .placementMismatch, stage: current.name, placement: current.placement, unitCode: unitCode)
            ]
        }
    }

    private struct StageRows {
        let number: Int
        let name: String
        let placement: Placement
        let dueOn: Day
        var unmet: [UnmetRequirement]
    }

    private struct PlanRows {
        let template: String
        let templateName: String
        let startOn: Day
        var stages: [StageRows]
    }

    /// Staff active on $1 in the caller's scope: subtree root $2, own record $3, one employee $4
    /// (each null when unused), with their primary unit on $1 if any.
    static let peopleCTE = """
        people AS (
          SELECT s.employee_no, s.name, s.job_track, a.unit_code, u.name AS unit_name, u.it_department
          FROM staff s
          LEFT JOIN assignments a ON a.employee_no = s.employee_no AND a.is_primary
            AND a.valid_from <= $1::date AND (a.valid_to IS NULL OR $1::date <= a.valid_to)
          LEFT JOIN units u ON u.code = a.unit_code
          WHERE s.hired_on <= $1::date AND (s.retired_on IS NULL OR $1::date <= s.retired_on)
            AND ($2::text IS NULL OR a.unit_code IN (SELECT code FROM unit_subtree($2::text)))
            AND ($3::text IS NULL OR s.employee_no = $3::text)
            AND ($4::text IS NULL OR s.employee_no = $4::text))
        """

    /// Every stage of every plan of `people`, with its due date, and each requirement with whether
    /// it holds on the day the stage is judged (its due date, or D if that is earlier).
    static let checksSQL = """
        WITH \(peopleCTE),
        stages AS (
          SELECT p.employee_no, p.template_code, t.name AS template_name, p.start_on, st.ordinality::integer AS stage_no,
                 st.value->>'name' AS stage_name, st.value->>'placement' AS placement, st.value->'requires' AS requires,
                 career_due_on(p.start_on, (sum((st.value->>'years')::integer) OVER (
                   PARTITION BY p.employee_no, p.template_code ORDER BY st.ordinality))::integer) AS due_on
          FROM career_plans p
          JOIN people pe ON pe.employee_no = p.employee_no
          JOIN career_templates t ON t.code = p.template_code
          CROSS JOIN LATERAL jsonb_array_elements(t.document->'stages') WITH ORDINALITY st),
        checks AS (
          SELECT s.*, r.ordinality::integer AS requirement_no, r.value->>'skill' AS skill,
                 (r.value->>'level')::integer AS level, r.value->>'cert' AS cert, r.value->>'course' AS course,
                 least(s.due_on, $1::date) AS judged_on
          FROM stages s LEFT JOIN LATERAL jsonb_array_elements(s.requires) WITH ORDINALITY r ON true)
        SELECT c.employee_no, c.template_code, c.template_name, c.start_on, c.stage_no, c.stage_name, c.placement,
               c.due_on, c.requirement_no, c.skill, c.level, c.cert, c.course, reached.level,
               CASE
                 WHEN c.requirement_no IS NULL THEN true
                 WHEN c.skill IS NOT NULL THEN coalesce(reached.level, 0) >= c.level
                 WHEN c.cert IS NOT NULL THEN EXISTS (
                   SELECT 1 FROM cert_validity() v
                   WHERE v.employee_no = c.employee_no AND v.cert_code = c.cert AND v.acquired_on <= c.judged_on
                     AND (v.valid_until IS NULL OR c.judged_on <= v.valid_until))
                 ELSE EXISTS (
                   SELECT 1 FROM training_records tr JOIN courses co ON co.code = tr.course_code
                   WHERE tr.employee_no = c.employee_no AND tr.course_code = c.course AND tr.status = 'completed'
                     AND tr.completed_on <= c.judged_on AND (co.pass_score IS NULL OR tr.score >= co.pass_score))
               END,
               CASE WHEN c.cert IS NOT NULL THEN (
                 SELECT max(v.valid_until) FROM cert_validity() v
                 WHERE v.employee_no = c.employee_no AND v.cert_code = c.cert AND v.valid_until < c.judged_on)
               END
        FROM checks c
        LEFT JOIN LATERAL (
          SELECT max(e.level)::integer AS level FROM skill_evidence(c.judged_on) e
          WHERE c.skill IS NOT NULL AND e.employee_no = c.employee_no AND e.skill_code = c.skill) reached ON true
        ORDER BY c.employee_no, c.template_code, c.stage_no, c.requirement_no
        """
}
