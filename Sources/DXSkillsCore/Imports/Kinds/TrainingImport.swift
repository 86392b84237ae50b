import PostgresNIO

/// `import training`: 受講記録, keyed by employee, course and completion day.
///
/// Built for files of a million rows: records are validated as they are parsed and written straight
/// into COPY text (no row objects are kept), loaded with COPY into a staging table, checked there for
/// keys repeated with different values, and upserted in one statement — all in one transaction.
enum TrainingImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "course_code", aliases: ["研修コード"], required: true),
        CSVColumn(name: "completed_on", aliases: ["修了日"], required: true),
        CSVColumn(name: "status", aliases: ["状態"], required: false),
        CSVColumn(name: "score", aliases: ["得点"], required: false),
        CSVColumn(name: "hours", aliases: ["時間"], required: false),
    ]

    /// Problems kept past this are only counted; a file this wrong is the wrong file.
    static let maximumIssues = 1_000

    static func run(_ text: Upload.Text, _ input: ImportInput, summary: inout ImportSummary) async throws {
        let (connection, context, logger) = (input.connection, input.context, input.logger)
        let staff = try await staffService(connection: connection, logger: logger).mapValues(\.hired)
        let courses = try await input.codes("SELECT code FROM courses")
        let (copyText, rows) = try validate(
            text.text, options: input.options, own: input.own, staff: staff, courses: courses)
        text.text = ""
        summary.rows = rows
        ImportProgress.writing(rows)
        try await connection.run(
            """
            CREATE TEMP TABLE import_training (
              line integer, employee_no text, course_code text, completed_on date, status text, score integer,
              hours numeric) ON COMMIT DROP
            """, logger: logger)
        try await connection.copy(
            into: "import_training",
            columns: ["line", "employee_no", "course_code", "completed_on", "status", "score", "hours"],
            text: copyText, logger: logger)
        // A temporary table has no statistics until analyzed: without them a million rows plan as a few.
        try await connection.run("ANALYZE import_training", logger: logger)
        // Most files give each key once; only when some key repeats is the slower check needed.
        let repeated = try await count(
            """
            SELECT count(*)::integer FROM (
              SELECT 1 FROM import_training GROUP BY employee_no, course_code, completed_on HAVING count(*) > 1) r
            """, connection: connection, logger: logger)
        if repeated > 0 { try await refuseConflictingRepeats(connection: connection, logger: logger) }
        // One join sorts every key into new, changed or unchanged; the writes then touch only the rows
        // they change. (An UPDATE joined to the whole file and an INSERT … WHERE NOT EXISTS each
        // joined the file to the table again: 9.6 s of a 16 s re-import of a million rows.)
        let incoming =
            repeated == 0
            ? "import_training"
            : """
            (SELECT DISTINCT ON (employee_no, course_code, completed_on) * FROM import_training
             ORDER BY employee_no, course_code, completed_on, line)
            """
        try await connection.run(
            PostgresQuery(
                unsafeSQL: """
                    CREATE TEMP TABLE import_state ON COMMIT DROP AS
                    SELECT i.employee_no, i.course_code, i.completed_on, i.status, i.score, i.hours,
                           t.employee_no IS NULL AS is_new,
                           t.employee_no IS NOT NULL
                             AND (t.status, t.score, t.hours) IS DISTINCT FROM (i.status, i.score, i.hours) AS is_changed
                    FROM \(incoming) i
                    LEFT JOIN training_records t
                      ON t.employee_no = i.employee_no AND t.course_code = i.course_code AND t.completed_on = i.completed_on
                    """), logger: logger)
        try await connection.run("ANALYZE import_state", logger: logger)
        let updated = try await count(
            """
            WITH changed AS (
              UPDATE training_records t SET status = s.status, score = s.score, hours = s.hours
              FROM import_state s
              WHERE s.is_changed
                AND t.employee_no = s.employee_no AND t.course_code = s.course_code AND t.completed_on = s.completed_on
              RETURNING 1)
            SELECT count(*)::integer FROM changed
            """, connection: connection, logger: logger)
        // In key order: the primary key's B-tree then fills page after page.
        let inserted = try await count(
            """
            WITH added AS (
              INSERT INTO training_records (tenant_id, employee_no, course_code, completed_on, status, score, hours)
              SELECT \(context.tenant), employee_no, course_code, completed_on, status, score, hours
              FROM import_state WHERE is_new
              ORDER BY employee_no, course_code, completed_on
              RETURNING 1)
            SELECT count(*)::integer FROM added
            """, connection: connection, logger: logger)
        let distinct = try await count("SELECT count(*)::integer FROM import_state", connection: connection, logger: logger)
        summary.inserted = inserted
        summary.updated = updated
        summary.unchanged = distinct - inserted - updated
    }

    /// Refuses the file when a key is given again with other values, naming each such line.
    static func refuseConflictingRepeats(connection: PostgresConnection, logger: Logger) async throws {
        var issues: [CSVIssue] = []
        for try await (line, employee, course, day, first) in try await connection.query(
            """
            SELECT line, employee_no, course_code, completed_on, first_line FROM (
              SELECT line, employee_no, course_code, completed_on, status, score, hours,
                     first_value(line) OVER w AS first_line,
                     first_value(ROW(status, score, hours)::text) OVER w AS first_values
              FROM import_training
              WINDOW w AS (PARTITION BY employee_no, course_code, completed_on ORDER BY line)) d
            WHERE ROW(status, score, hours)::text IS DISTINCT FROM first_values
            ORDER BY line LIMIT \(maximumIssues)
            """, logger: logger
        ).decode((Int, String, String, Day, Int).self) {
            issues.append(
                CSVIssue(
                    line: line, column: nil, value: "\(employee) \(course) \(day)",
                    .givenAgain, ["first": "\(first)"]))
        }
        try requireNoIssues(issues)
    }

    /// The one integer a statement returns.
    static func count(_ query: PostgresQuery, connection: PostgresConnection, logger: Logger) async throws -> Int {
        try await connection.query(query, logger: logger).decode(Int.self).collect().first ?? 0
    }

    /// Every row checked; the valid ones as COPY text. Throws every issue found.
    /// `own`: the caller's employee number, whose records the caller may not import. `staff`: each
    /// employee's hire day (training completed before it is refused).
    static func validate(
        _ text: String, options: ImportOptions, own: String?, staff: [String: Day], courses: Set<String>
    ) throws -> ([UInt8], Int) {
        var issues: [CSVIssue] = []
        var header: CSVHeader?
        var headerError: CSVReadError?
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 4)
        var rows = 0
        var unlisted = 0
        let reporting = ImportProgressReporter.current != nil
        let estimated = reporting ? ImportProgress.estimatedRows(text) : 0
        if reporting { ImportProgress.checking(0, of: estimated) }
        func note(_ found: [CSVIssue]) {
            let room = max(0, maximumIssues - issues.count)
            issues += found.prefix(room)
            unlisted += max(0, found.count - room)
        }
        do {
            try CSVParser.forEach(text) { row in
                guard headerError == nil else { return }
                guard let header else {
                    do throws(CSVReadError) {
                        header = try CSVHeader(row, columns: columns, ignoreUnknownColumns: options.ignoreUnknownColumns)
                    } catch {
                        headerError = error
                    }
                    return
                }
                rows += 1
                if reporting, rows % 1_000 == 0 { ImportProgress.checking(rows, of: estimated) }
                let record: CSVRecord
                switch header.record(row) {
                case .success(let value): record = value
                case .failure(let issue):
                    note([issue])
                    return
                }
                var cells = CellReader(record)
                let employee = cells.required("employee_no")
                let course = cells.required("course_code")
                let day = cells.date("completed_on", required: true)
                let status = cells.labeled("status", as: TrainingStatus.self, default: .completed)
                let score = cells.integer("score", in: 0...100)
                let hours = cells.hours("hours")
                if let employee {
                    if let hired = staff[employee] {
                        if let day, day < hired {
                            cells.fail(
                                "completed_on", cells.optional("completed_on"), .beforeHireDate,
                                ["employee": "\(employee)", "hired": "\(hired)"])
                        }
                    } else {
                        cells.fail("employee_no", employee, .unknownEmployee)
                    }
                }
                if let course, !courses.contains(course) { cells.fail("course_code", course, .unknownCourse) }
                cells.refuseOwnEvidence(employee, own: own)
                guard cells.issues.isEmpty, let employee, let course, let day, let status else {
                    note(cells.issues.map(header.locate))
                    return
                }
                CopyText.append(
                    [String(row.line), employee, course, day.description, status.rawValue, score.map(String.init), hours],
                    to: &output)
            }
        } catch {
            throw DXSkillsError.invalidRows(error.issues)
        }
        if let headerError { throw DXSkillsError.invalidRows(headerError.issues) }
        if let header, rows == 0 {
            throw DXSkillsError.invalidRows([
                CSVIssue(line: header.line, column: nil, value: nil, .csvNoRows)
            ])
        }
        if header == nil {
            do {
                _ = try CSVHeader(nil, columns: columns, ignoreUnknownColumns: options.ignoreUnknownColumns)
            } catch {
                throw DXSkillsError.invalidRows(error.issues)
            }
        }
        try requireNoIssues(issues, unlisted: unlisted)
        return (output, rows)
    }
}
