import PostgresNIO

/// `import assessments`: スキル評価. A manager may assess only staff assigned in its subtree on the day.
///
/// Issue 14: an assessment is evidence, so who records it and when is checked row by row. A manager
/// (or evaluator) records its own assessments: the assessor is its employee number, dated within the
/// current fiscal year and not after today. HR and admin (and an in-process load without a caller)
/// record on behalf of a named assessor in service on the day, and may backdate: such a row is
/// marked `backdated`, which its audit entry shows. Nobody assesses themselves.
enum AssessmentImport: SetImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "skill_code", aliases: ["スキルコード"], required: true),
        CSVColumn(name: "level", aliases: ["レベル"], required: true),
        CSVColumn(name: "assessed_on", aliases: ["評価日"], required: true),
        CSVColumn(name: "assessor", aliases: ["評価者"], required: false),
    ]

    static let target = SetUpsert(
        table: "assessments",
        key: [
            .init(name: "employee_no", type: "text"), .init(name: "skill_code", type: "text"),
            .init(name: "assessed_on", type: "date"),
        ],
        values: [
            .init(name: "level", type: "smallint"), .init(name: "assessor", type: "text"),
            .init(name: "backdated", type: "boolean", compared: false),
        ])

    struct Known {
        /// A manager or evaluator records its own assessments (its employee number is `own`).
        let recordsOwn: Bool
        let own: String?
        let today: Day
        let yearStart: Day
        let service: [String: (hired: Day, retired: Day?)]
        let skills: Set<String>
        /// In a subtree: each staff member's primary assignments in it; nil for the whole tenant.
        let spans: [String: [(Day, Day?)]]?
    }

    static func known(_ input: ImportInput) async throws -> Known {
        let caller = input.caller
        let recordsOwn = caller?.role.isUnitScoped ?? false
        if recordsOwn && input.own == nil {
            throw DXSkillsError.forbidden(
                Message(.forbidAssessorUnlinked, ["role": "\(caller!.role.rawValue)", "user": "\(caller!.userName)"]))
        }
        let today = input.options.today ?? Day.today()
        let service = try await staffService(connection: input.connection, logger: input.logger)
        let skills = try await input.codes("SELECT code FROM skills")
        var spans: [String: [(Day, Day?)]]?
        if case .subtree(let root) = input.scope {
            // Staff assigned in the subtree on any day: the day itself is checked row by row below.
            var assigned: [String: [(Day, Day?)]] = [:]
            for try await (employee, from, to) in try await input.connection.query(
                """
                SELECT DISTINCT a.employee_no, a.valid_from, a.valid_to
                FROM assignments a JOIN unit_subtree(\(root)) t ON t.code = a.unit_code WHERE a.is_primary
                """, logger: input.logger
            ).decode((String, Day, Day?).self) {
                assigned[employee, default: []].append((from, to))
            }
            spans = assigned
        }
        return Known(
            recordsOwn: recordsOwn, own: input.own, today: today, yearStart: Day.fiscalYearStart(today.fiscalYear),
            service: service, skills: skills, spans: spans)
    }

    static func row(_ cells: inout CellReader, _ known: inout Known) -> [String]? {
        let employee = cells.required("employee_no")
        let skill = cells.required("skill_code")
        let level = cells.integer("level", in: SkillLevel.range, required: true)
        let day = cells.date("assessed_on", required: true)
        if let employee, known.service[employee] == nil { cells.fail("employee_no", employee, .unknownEmployee) }
        if let skill, !known.skills.contains(skill) { cells.fail("skill_code", skill, .unknownSkill) }
        if let spans = known.spans, let employee, let day, known.service[employee] != nil,
            !(spans[employee] ?? []).contains(where: { $0.0 <= day && ($0.1.map { day <= $0 } ?? true) })
        {
            // Out of scope reads exactly like unknown: nothing about other units leaks.
            cells.fail("employee_no", employee, .unknownEmployee)
        }
        let assessor: String?
        if known.recordsOwn {
            assessor = ownAssessor(known.own!, &cells)
        } else {
            assessor = namedAssessor(on: day, service: known.service, &cells)
        }
        if let employee, known.own == employee {
            cells.refuseOwnEvidence(employee, own: known.own)
        } else if let employee, let assessor, employee == assessor {
            cells.fail("employee_no", employee, .selfAssessment)
        }
        if known.recordsOwn, let day {
            let (today, yearStart) = (known.today, known.yearStart)
            if day < yearStart {
                cells.fail(
                    "assessed_on", day.description,
                    .assessmentBeforeYear, ["start": "\(yearStart)", "year": "\(today.fiscalYear)", "today": "\(today)"])
            } else if day > today {
                cells.fail("assessed_on", day.description, .assessmentAfterToday, ["today": "\(today)"])
            }
        }
        guard cells.issues.isEmpty, let employee, let skill, let level, let day, let assessor else { return nil }
        return [employee, skill, day.description, String(level), assessor, String(day < known.yearStart)]
    }

    /// A manager's or evaluator's row: the assessor is the caller, given or left empty.
    static func ownAssessor(_ own: String, _ cells: inout CellReader) -> String? {
        if let given = cells.optional("assessor"), given != own {
            cells.fail("assessor", given, .ownAssessmentsOnly)
            return nil
        }
        return own
    }

    /// An HR or admin row: the assessor it names, a staff member in service on the day.
    static func namedAssessor(on day: Day?, service: [String: (hired: Day, retired: Day?)], _ cells: inout CellReader)
        -> String?
    {
        guard let assessor = cells.optional("assessor") else {
            cells.fail("assessor", nil, .assessorRequired)
            return nil
        }
        guard let span = service[assessor] else {
            cells.fail("assessor", assessor, .assessorUnknown)
            return nil
        }
        if let day, day < span.hired || (span.retired.map { day > $0 } ?? false) {
            let retired: MessageValue = span.retired.map { .message(Message(.retiredOn, ["day": "\($0)"])) } ?? ""
            cells.fail(
                "assessor", assessor, .assessorNotInService, ["day": "\(day)", "hired": "\(span.hired)", "retired": retired])
            return nil
        }
        return assessor
    }
}
