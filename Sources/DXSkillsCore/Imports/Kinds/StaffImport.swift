import PostgresNIO

/// One row of a staff file: the person and, as of `assignedFrom`, their primary unit.
struct StaffRow: Equatable, Sendable {
    var employeeNo: String
    var person: StaffPerson
    var unitCode: String
    var assignedFrom: Day
}

/// The attributes of a staff record apart from its assignments.
struct StaffPerson: Equatable, Sendable {
    var name: String
    var kana: String?
    var jobTrack: JobTrack
    var employmentType: EmploymentType
    var grade: String?
    var hiredOn: Day
    var retiredOn: Day?
    /// The address of the staff member's user; nil when the file gives none, which keeps the stored one.
    var email: String? = nil
}

/// A stored primary assignment.
struct StoredAssignment: Sendable {
    var unitCode: String
    var from: Day
    var to: Day?
}

/// `import staff`: a snapshot of the staff list. Upsert on the employee number; a new unit or
/// `assigned_from` is a transfer (異動): the previous assignment ends the day before.
enum StaffImport: RowImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "name", aliases: ["氏名"], required: true),
        CSVColumn(name: "kana", aliases: ["カナ", "フリガナ"], required: false),
        CSVColumn(name: "job_track", aliases: ["職種区分"], required: false),
        CSVColumn(name: "employment_type", aliases: ["任用区分"], required: false),
        CSVColumn(name: "grade", aliases: ["職級"], required: false),
        CSVColumn(name: "unit_code", aliases: ["所属コード"], required: true),
        CSVColumn(name: "assigned_from", aliases: ["発令日"], required: true),
        CSVColumn(name: "hired_on", aliases: ["採用日"], required: true),
        CSVColumn(name: "retired_on", aliases: ["退職日"], required: false),
        CSVColumn(name: "email", aliases: ["メールアドレス"], required: false),
    ]

    static func row(_ cells: inout CellReader, _ known: inout Void) -> StaffRow? {
        let employeeNo = cells.required("employee_no")
        let name = cells.required("name")
        let jobTrack = cells.labeled("job_track", as: JobTrack.self, default: .general)
        let employmentType = cells.labeled("employment_type", as: EmploymentType.self, default: .regular)
        let unitCode = cells.required("unit_code")
        let assignedFrom = cells.date("assigned_from", required: true)
        let hiredOn = cells.date("hired_on", required: true)
        let retiredOn = cells.date("retired_on", required: false)
        let email = cells.optional("email")
        if let email, !StaffPerson.isMailAddress(email) {
            cells.fail("email", email, .notMailAddress)
        }
        if let hiredOn, let retiredOn, retiredOn < hiredOn {
            cells.fail("retired_on", retiredOn.description, .beforeColumn, ["column": "hired_on", "day": "\(hiredOn)"])
        }
        if let hiredOn, let assignedFrom, assignedFrom < hiredOn {
            cells.fail("assigned_from", assignedFrom.description, .beforeColumn, ["column": "hired_on", "day": "\(hiredOn)"])
        }
        if let retiredOn, let assignedFrom, assignedFrom > retiredOn {
            cells.fail("assigned_from", assignedFrom.description, .afterColumn, ["column": "retired_on", "day": "\(retiredOn)"])
        }
        guard cells.issues.isEmpty, let employeeNo, let name, let jobTrack, let employmentType, let unitCode,
            let assignedFrom, let hiredOn
        else { return nil }
        let person = StaffPerson(
            name: name, kana: cells.optional("kana"), jobTrack: jobTrack, employmentType: employmentType,
            grade: cells.optional("grade"), hiredOn: hiredOn, retiredOn: retiredOn, email: email)
        return StaffRow(employeeNo: employeeNo, person: person, unitCode: unitCode, assignedFrom: assignedFrom)
    }

    static func key(_ row: StaffRow) -> [String] { [row.employeeNo] }

    /// Checked against the stored grades, units and assignments, then planned: new people, changed
    /// ones, and the assignments a snapshot opens, ends or corrects.
    static func write(_ rows: [Lined<StaffRow>], _ input: ImportInput, summary: inout ImportSummary) async throws {
        let (connection, context, logger) = (input.connection, input.context, input.logger)
        let grades = try await connection.query("SELECT unnest(grades) FROM tenants", logger: logger)
            .decode(String.self).collect()
        let units = try await unitValidity(connection: connection, logger: logger)
        var people: [String: StaffPerson] = [:]
        for try await (no, name, kana, track, type, grade, hired, retired, email) in try await connection.query(
            "SELECT employee_no, name, kana, job_track, employment_type, grade, hired_on, retired_on, email FROM staff",
            logger: logger
        ).decode((String, String, String?, JobTrack, EmploymentType, String?, Day, Day?, String?).self) {
            people[no] = StaffPerson(
                name: name, kana: kana, jobTrack: track, employmentType: type, grade: grade, hiredOn: hired, retiredOn: retired,
                email: email)
        }
        // The latest primary assignment of each staff: the one a snapshot continues or ends.
        var current: [String: StoredAssignment] = [:]
        for try await (no, unit, from, to) in try await connection.query(
            """
            SELECT DISTINCT ON (employee_no) employee_no, unit_code, valid_from, valid_to
            FROM assignments WHERE is_primary ORDER BY employee_no, valid_from DESC
            """, logger: logger
        ).decode((String, String, Day, Day?).self) {
            current[no] = StoredAssignment(unitCode: unit, from: from, to: to)
        }

        var issues: [CSVIssue] = []
        var personInserts: [StaffRow] = []
        var personUpdates: [StaffRow] = []
        var closes: [(employeeNo: String, assignment: StoredAssignment, to: Day?)] = []
        var corrections: [(employeeNo: String, from: Day, oldUnit: String, newUnit: String)] = []
        var opens: [(employeeNo: String, unit: String, from: Day, to: Day?)] = []
        var changedRows = Set<String>()

        for (line, var row) in rows {
            // No address in the file keeps the stored one.
            if row.person.email == nil { row.person.email = people[row.employeeNo]?.email }
            if let grade = row.person.grade, !grades.contains(grade) {
                issues.append(
                    CSVIssue(
                        line: line, column: "grade", value: grade,
                        .unknownGrade, ["grades": "\(grades.joined(separator: ", "))"]))
            }
            guard let unit = units[row.unitCode] else {
                issues.append(CSVIssue(line: line, column: "unit_code", value: row.unitCode, .unknownUnit))
                continue
            }
            if row.assignedFrom < unit.from || (unit.to.map { row.assignedFrom > $0 } ?? false) {
                issues.append(
                    CSVIssue(
                        line: line, column: "assigned_from", value: row.assignedFrom.description,
                        .unitNotValidOnDay, ["unit": "\(row.unitCode)", "from": "\(unit.from)", "to": .until(unit.to)]))
                continue
            }
            // A retirement date closes the assignment: an assignment lies within the staff's service.
            let end = row.person.retiredOn
            if let old = current[row.employeeNo] {
                if row.assignedFrom < old.from {
                    issues.append(
                        CSVIssue(
                            line: line, column: "assigned_from", value: row.assignedFrom.description,
                            .beforeCurrentAssignment, ["unit": "\(old.unitCode)", "day": "\(old.from)"]))
                    continue
                }
                if row.assignedFrom == old.from {
                    if row.unitCode != old.unitCode {
                        corrections.append((row.employeeNo, old.from, old.unitCode, row.unitCode))
                        changedRows.insert(row.employeeNo)
                    }
                    if old.to != end {
                        closes.append((row.employeeNo, StoredAssignment(unitCode: row.unitCode, from: old.from, to: old.to), end))
                        changedRows.insert(row.employeeNo)
                    }
                } else {
                    // A transfer effective E ends the old assignment on E−1.
                    let dayBefore = row.assignedFrom.adding(days: -1)
                    if old.to.map({ $0 < dayBefore }) ?? false {
                        // The old assignment already ended earlier: a return after a gap.
                    } else {
                        closes.append((row.employeeNo, old, dayBefore))
                    }
                    opens.append((row.employeeNo, row.unitCode, row.assignedFrom, end))
                    summary.transfers += 1
                    changedRows.insert(row.employeeNo)
                }
            } else {
                opens.append((row.employeeNo, row.unitCode, row.assignedFrom, end))
            }
            if let person = people[row.employeeNo] {
                if person != row.person {
                    personUpdates.append(row)
                    changedRows.insert(row.employeeNo)
                }
            } else {
                personInserts.append(row)
            }
        }
        guard issues.isEmpty else { throw DXSkillsError.invalidRows(issues) }

        summary.inserted = personInserts.count
        summary.updated = rows.count(where: { people[$0.row.employeeNo] != nil && changedRows.contains($0.row.employeeNo) })
        summary.unchanged = rows.count - summary.inserted - summary.updated
        guard !summary.dryRun else { return }

        if !personInserts.isEmpty {
            try await insertPeople(personInserts, connection: connection, context: context, logger: logger)
        }
        if !personUpdates.isEmpty { try await updatePeople(personUpdates, connection: connection, logger: logger) }
        // Corrections first: the closes below name the assignment by its corrected unit.
        if !corrections.isEmpty {
            try await connection.run(
                """
                UPDATE assignments SET unit_code = v.new_unit
                FROM unnest(\(corrections.map(\.employeeNo)), \(corrections.map(\.from.description)),
                            \(corrections.map(\.oldUnit)), \(corrections.map(\.newUnit)))
                  AS v(employee_no, valid_from, old_unit, new_unit)
                WHERE assignments.is_primary AND assignments.employee_no = v.employee_no
                  AND assignments.unit_code = v.old_unit AND assignments.valid_from = v.valid_from::date
                """, logger: logger)
        }
        if !closes.isEmpty {
            try await connection.run(
                """
                UPDATE assignments SET valid_to = nullif(v.valid_to, '')::date
                FROM unnest(\(closes.map(\.employeeNo)), \(closes.map(\.assignment.unitCode)),
                            \(closes.map(\.assignment.from.description)), \(closes.map { $0.to?.description ?? "" }))
                  AS v(employee_no, unit_code, valid_from, valid_to)
                WHERE assignments.is_primary AND assignments.employee_no = v.employee_no
                  AND assignments.unit_code = v.unit_code AND assignments.valid_from = v.valid_from::date
                """, logger: logger)
        }
        if !opens.isEmpty {
            try await connection.run(
                """
                INSERT INTO assignments (tenant_id, employee_no, unit_code, valid_from, valid_to, is_primary)
                SELECT \(context.tenant), employee_no, unit_code, valid_from::date, nullif(valid_to, '')::date, true
                FROM unnest(\(opens.map(\.employeeNo)), \(opens.map(\.unit)), \(opens.map(\.from.description)),
                            \(opens.map { $0.to?.description ?? "" }))
                  AS v(employee_no, unit_code, valid_from, valid_to)
                """, logger: logger)
        }
        // Every staff member in service has a user named by the employee number; a retired one's is
        // disabled (reference §6).
        try await connection.run("SELECT app_sync_staff_users(\(Day.today()))", logger: logger)
    }

    private static func insertPeople(
        _ rows: [StaffRow], connection: PostgresConnection, context: TenantContext, logger: Logger
    ) async throws {
        try await connection.run(
            """
            INSERT INTO staff (tenant_id, employee_no, name, kana, job_track, employment_type, grade, hired_on, retired_on, email)
            SELECT \(context.tenant), employee_no, name, nullif(kana, ''), job_track, employment_type, nullif(grade, ''),
                   hired_on::date, nullif(retired_on, '')::date, nullif(email, '')
            FROM unnest(\(rows.map(\.employeeNo)), \(rows.map(\.person.name)), \(rows.map { $0.person.kana ?? "" }),
                        \(rows.map(\.person.jobTrack.rawValue)), \(rows.map(\.person.employmentType.rawValue)), \(rows.map { $0.person.grade ?? "" }),
                        \(rows.map(\.person.hiredOn.description)), \(rows.map { $0.person.retiredOn?.description ?? "" }),
                        \(rows.map { $0.person.email ?? "" }))
              AS v(employee_no, name, kana, job_track, employment_type, grade, hired_on, retired_on, email)
            """, logger: logger)
    }

    private static func updatePeople(_ rows: [StaffRow], connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run(
            """
            UPDATE staff SET name = v.name, kana = nullif(v.kana, ''), job_track = v.job_track,
              employment_type = v.employment_type, grade = nullif(v.grade, ''), hired_on = v.hired_on::date,
              retired_on = nullif(v.retired_on, '')::date, email = nullif(v.email, '')
            FROM unnest(\(rows.map(\.employeeNo)), \(rows.map(\.person.name)), \(rows.map { $0.person.kana ?? "" }),
                        \(rows.map(\.person.jobTrack.rawValue)), \(rows.map(\.person.employmentType.rawValue)), \(rows.map { $0.person.grade ?? "" }),
                        \(rows.map(\.person.hiredOn.description)), \(rows.map { $0.person.retiredOn?.description ?? "" }),
                        \(rows.map { $0.person.email ?? "" }))
              AS v(employee_no, name, kana, job_track, employment_type, grade, hired_on, retired_on, email)
            WHERE staff.employee_no = v.employee_no
            """, logger: logger)
    }
}

extension StaffPerson {
    /// One `@` with something on both sides and no spaces: what the database accepts too.
    static func isMailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && !$0.contains(where: \.isWhitespace) }
    }
}
