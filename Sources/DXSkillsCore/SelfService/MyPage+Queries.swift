import PostgresNIO

extension MyPage {
    /// Each skill with evidence on D or a self-assessment on or before D, in skill order.
    static func skills(_ employeeNo: String, asOf: Day, connection: PostgresConnection, logger: Logger) async throws
        -> [MySkill]
    {
        var names: [String: String] = [:]
        var evidence: [String: [MyEvidence]] = [:]
        for try await (code, name, source, reference, on, level, until) in try await connection.query(
            """
            SELECT e.skill_code, s.name, e.source, e.reference, e.shown_on, e.level,
                   CASE e.source WHEN 'training' THEN NULL WHEN 'assessment' THEN NULL ELSE v.valid_until END
            FROM skill_evidence(\(asOf)) e JOIN skills s ON s.code = e.skill_code
            LEFT JOIN cert_validity() v ON e.source = 'certification' AND v.employee_no = e.employee_no
              AND v.cert_code = e.reference AND v.acquired_on = e.shown_on
            WHERE e.employee_no = \(employeeNo)
            ORDER BY e.skill_code, e.level DESC, e.shown_on, e.source, e.reference
            """, logger: logger
        ).decode((String, String, EvidenceSource, String, Day, Int, Day?).self) {
            names[code] = name
            evidence[code, default: []].append(
                MyEvidence(source: source, reference: reference, on: on, level: level, validUntil: until))
        }
        var selfAssessed: [String: SelfAssessment] = [:]
        for try await (code, name, level, on) in try await connection.query(
            """
            SELECT DISTINCT ON (a.skill_code) a.skill_code, s.name, a.level::integer, a.assessed_on
            FROM self_assessments a JOIN skills s ON s.code = a.skill_code
            WHERE a.employee_no = \(employeeNo) AND a.assessed_on <= \(asOf)
            ORDER BY a.skill_code, a.assessed_on DESC
            """, logger: logger
        ).decode((String, String, Int, Day).self) {
            names[code] = name
            selfAssessed[code] = SelfAssessment(level: level, on: on)
        }
        return names.keys.sorted().map { code in
            let shown = evidence[code] ?? []
            return MySkill(
                skillCode: code, skillName: names[code]!, level: shown.map(\.level).max() ?? 0, evidence: shown,
                selfAssessment: selfAssessed[code])
        }
    }

    static func training(_ employeeNo: String, connection: PostgresConnection, logger: Logger) async throws
        -> [MyTraining]
    {
        var records: [MyTraining] = []
        for try await (code, title, on, status, score, hours) in try await connection.query(
            """
            SELECT t.course_code, c.title, t.completed_on, t.status, t.score, coalesce(t.hours, c.hours)::float8
            FROM training_records t JOIN courses c ON c.code = t.course_code
            WHERE t.employee_no = \(employeeNo)
            ORDER BY t.completed_on, t.course_code
            """, logger: logger
        ).decode((String, String, Day, String, Int?, Double).self) {
            records.append(
                MyTraining(courseCode: code, courseTitle: title, completedOn: on, status: status, score: score, hours: hours))
        }
        return records
    }

    static func certifications(_ employeeNo: String, asOf: Day, connection: PostgresConnection, logger: Logger)
        async throws -> [MyCertification]
    {
        let horizon = asOf.adding(days: expiryWarningDays)
        var holdings: [MyCertification] = []
        for try await (code, name, acquired, until) in try await connection.query(
            """
            SELECT v.cert_code, c.name, v.acquired_on, v.valid_until
            FROM cert_validity() v JOIN certifications c ON c.code = v.cert_code
            WHERE v.employee_no = \(employeeNo)
            ORDER BY v.acquired_on, v.cert_code
            """, logger: logger
        ).decode((String, String, Day, Day?).self) {
            let valid = acquired <= asOf && (until.map { asOf <= $0 } ?? true)
            holdings.append(
                MyCertification(
                    certCode: code, certName: name, acquiredOn: acquired, expiresOn: until, valid: valid,
                    expiringSoon: until.map { asOf <= $0 && $0 <= horizon } ?? false))
        }
        return holdings
    }

    static func designations(_ employeeNo: String, connection: PostgresConnection, logger: Logger) async throws
        -> [MyDesignation]
    {
        var designations: [MyDesignation] = []
        for try await (role, unit, unitName, start, end, group) in try await connection.query(
            """
            SELECT d.role, d.unit_code, u.name, d.term_start, d.term_end, d.working_group
            FROM designations d JOIN units u ON u.code = d.unit_code
            WHERE d.employee_no = \(employeeNo)
            ORDER BY d.term_start, d.unit_code, d.role
            """, logger: logger
        ).decode((String, String, String, Day, Day, String?).self) {
            designations.append(
                MyDesignation(
                    role: role, unitCode: unit, unitName: unitName, termStart: start, termEnd: end, workingGroup: group))
        }
        return designations
    }

    /// The caller's ratings of the fiscal years hr has disclosed; of any other year, nothing.
    static func evaluations(_ employeeNo: String, connection: PostgresConnection, logger: Logger) async throws
        -> [MyEvaluation]
    {
        var years: [(Int, Day)] = []
        var ratings: [Int: [MyEvaluation.Rating]] = [:]
        for try await (year, disclosed, item, first, second) in try await connection.query(
            """
            SELECT d.fiscal_year, (d.disclosed_at AT TIME ZONE 'Asia/Tokyo')::date, r.item,
                   max(r.rating) FILTER (WHERE r.stage = 1), max(r.rating) FILTER (WHERE r.stage = 2)
            FROM evaluation_disclosures d
            JOIN ratings r ON r.fiscal_year = d.fiscal_year AND r.employee_no = \(employeeNo)
            GROUP BY d.fiscal_year, d.disclosed_at, r.item
            ORDER BY d.fiscal_year, r.item
            """, logger: logger
        ).decode((Int, Day, String, String?, String?).self) {
            if years.last?.0 != year { years.append((year, disclosed)) }
            ratings[year, default: []].append(
                MyEvaluation.Rating(item: item, stage1: first, stage2: second, final: second ?? first ?? ""))
        }
        return years.map { MyEvaluation(fiscalYear: $0.0, disclosedOn: $0.1, ratings: ratings[$0.0] ?? []) }
    }
}
