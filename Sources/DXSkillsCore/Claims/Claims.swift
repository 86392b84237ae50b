import Foundation
import PostgresNIO

/// reference §7: claims (申請) from submission to confirmation. Every function runs inside the
/// caller's tenant transaction; every change writes a `claim_events` row and is audited.
public enum Claims {
    /// A staff member's claim for themselves: checked, then stored with its evidence files.
    public static func submit(
        _ details: ClaimDetails, evidence: [EvidenceUpload], principal: Principal, today: Day = .today(),
        connection: PostgresConnection, logger: Logger
    ) async throws -> Claim {
        guard let employeeNo = principal.employeeNo else {
            throw DXSkillsError.forbidden(Message(.forbidClaimNoStaff, ["user": "\(principal.userName)"]))
        }
        let files = try await check(
            details, evidence: evidence, employeeNo: employeeNo, today: today, connection: connection, logger: logger)
        let id = try await insert(
            details, employeeNo: employeeNo, actor: principal.actor, today: today, connection: connection, logger: logger)
        try await store(files, claim: id, connection: connection, logger: logger)
        try await record(
            claim: id, actor: principal.actor, from: nil, to: .submitted, reason: nil, connection: connection, logger: logger)
        return try await show(id, principal: principal, connection: connection, logger: logger)
    }

    /// A returned claim, edited by its claimant and submitted again. Without new files the evidence stays.
    public static func resubmit(
        _ id: Int, _ details: ClaimDetails, evidence: [EvidenceUpload]?, principal: Principal, today: Day = .today(),
        connection: PostgresConnection, logger: Logger
    ) async throws -> Claim {
        let claim = try await lockOwn(id, principal: principal, connection: connection, logger: logger)
        try require(claim, in: [.returned], to: .claimActionResubmit)
        guard details.kind == claim.kind else {
            throw DXSkillsError.invalid(.field("kind", .claimKindStays, ["id": "\(id)", "kind": "\(claim.kind.rawValue)"]))
        }
        let files = try await check(
            details, evidence: evidence ?? [], requireEvidence: evidence != nil, employeeNo: claim.employeeNo,
            today: today, connection: connection, logger: logger)
        let fields = Fields(details)
        try await connection.run(
            """
            UPDATE claims SET course_code = \(fields.course), title = \(fields.title), provider = \(fields.provider),
              hours = \(fields.hours), completed_on = \(fields.completedOn), cert_code = \(fields.cert),
              acquired_on = \(fields.acquiredOn), state = 'submitted', submitted_on = \(today),
              approved_by = NULL, approved_at = NULL, returned_by = NULL, return_reason = NULL, updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
        if evidence != nil {
            try await connection.run("DELETE FROM claim_evidence WHERE claim_id = \(id)", logger: logger)
            try await store(files, claim: id, connection: connection, logger: logger)
        }
        try await record(
            claim: id, actor: principal.actor, from: .returned, to: .submitted, reason: nil, connection: connection,
            logger: logger)
        return try await show(id, principal: principal, connection: connection, logger: logger)
    }

    /// The claimant takes a claim back, at any time before it is confirmed.
    public static func withdraw(_ id: Int, principal: Principal, connection: PostgresConnection, logger: Logger)
        async throws -> Claim
    {
        let claim = try await lockOwn(id, principal: principal, connection: connection, logger: logger)
        try require(claim, in: [.submitted, .approved, .returned], to: .claimActionWithdraw)
        try await connection.run(
            "UPDATE claims SET state = 'withdrawn', return_reason = NULL, updated_at = now() WHERE id = \(id)", logger: logger)
        try await record(
            claim: id, actor: principal.actor, from: claim.state, to: .withdrawn, reason: nil, connection: connection,
            logger: logger)
        return try await show(id, principal: principal, connection: connection, logger: logger)
    }

    // MARK: checks

    /// Every problem of the input at once, each naming its field; nothing is written before.
    static func check(
        _ details: ClaimDetails, evidence: [EvidenceUpload], requireEvidence: Bool = true, employeeNo: String, today: Day,
        connection: PostgresConnection, logger: Logger
    ) async throws -> [(upload: EvidenceUpload, mediaType: String, sha256: Data)] {
        var problems: [Message] = []
        var hiredOn: Day?
        for try await day in try await connection.query(
            "SELECT hired_on FROM staff WHERE employee_no = \(employeeNo)", logger: logger
        ).decode(Day.self) { hiredOn = day }
        let dayField: String
        switch details {
        case .training(let course, _, let hours, let title, let provider):
            dayField = "completed_on"
            if course.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(.field("course", .docFieldRequired))
            } else if case .failure(let problem) = Code.parse(course) {
                problems.append(Message(.fieldProblem, ["field": "course", "problem": .message(problem.message)]))
            } else if try await !exists("SELECT 1 FROM courses WHERE code = \(course)", connection: connection, logger: logger),
                (title ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            {
                problems.append(.field("title", .claimExternalTitle, ["course": "\(course)"]))
            }
            for (field, text) in [("title", title), ("provider", provider)]
            where text?.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) == true {
                problems.append(.field(field, .cellControlCharacter))
            }
            if let hours, !(hours > 0 && hours <= 1000) {
                problems.append(.field("hours", .claimHoursRange, ["value": "\(hours)"]))
            }
        case .certification(let cert, _):
            dayField = "acquired_on"
            if case .failure(let problem) = Code.parse(cert) {
                problems.append(Message(.fieldProblem, ["field": "cert", "problem": .message(problem.message)]))
            } else if try await !exists(
                "SELECT 1 FROM certifications WHERE code = \(cert)", connection: connection, logger: logger)
            {
                problems.append(.field("cert", .docUnknownCertification, ["code": "\(cert)"]))
            }
        }
        if details.day > today {
            problems.append(.field(dayField, .dayInFuture, ["day": "\(details.day)"]))
        } else if let hiredOn, details.day < hiredOn {
            problems.append(.field(dayField, .dayBeforeHire, ["day": "\(details.day)", "hired": "\(hiredOn)"]))
        }
        var files: [(upload: EvidenceUpload, mediaType: String, sha256: Data)] = []
        if requireEvidence {
            let checked = EvidenceRules.check(evidence)
            files = checked.files
            problems += checked.problems
        }
        guard problems.isEmpty else { throw DXSkillsError.invalid(problems: problems) }
        return files
    }

    /// Throws the 409 of reference §7 unless the claim is in one of `states`.
    static func require(_ claim: Claim, in states: Set<ClaimState>, to action: MessageKey) throws {
        guard states.contains(claim.state) else {
            throw DXSkillsError.conflict(
                Message(.claimStateRefuses, ["id": "\(claim.id)", "state": .key(claim.state.messageKey), "action": .key(action)]))
        }
    }

    static func exists(_ query: PostgresQuery, connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await !connection.query(query, logger: logger).collect().isEmpty
    }

    // MARK: writes

    /// The claim's columns for its kind (the others are NULL).
    struct Fields {
        var course: String?
        var title: String?
        var provider: String?
        var hours: Double?
        var completedOn: Day?
        var cert: String?
        var acquiredOn: Day?

        init(_ details: ClaimDetails) {
            switch details {
            case .training(let course, let day, let hours, let title, let provider):
                self.course = course
                self.completedOn = day
                self.hours = hours
                self.title = title.flatMap { $0.isEmpty ? nil : $0 }
                self.provider = provider.flatMap { $0.isEmpty ? nil : $0 }
            case .certification(let cert, let day):
                self.cert = cert
                self.acquiredOn = day
            }
        }
    }

    static func insert(
        _ details: ClaimDetails, employeeNo: String, actor: String, today: Day, connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let fields = Fields(details)
        let rows = try await connection.query(
            """
            INSERT INTO claims (tenant_id, employee_no, kind, course_code, title, provider, hours, completed_on, cert_code,
                                acquired_on, submitted_on, submitted_by)
            VALUES (current_setting('dxskills.tenant_id'), \(employeeNo), \(details.kind.rawValue), \(fields.course),
                    \(fields.title), \(fields.provider), \(fields.hours), \(fields.completedOn), \(fields.cert),
                    \(fields.acquiredOn), \(today), \(actor))
            RETURNING id
            """, logger: logger
        ).decode(Int.self).collect()
        return rows[0]
    }

    static func store(
        _ files: [(upload: EvidenceUpload, mediaType: String, sha256: Data)], claim id: Int, connection: PostgresConnection,
        logger: Logger
    ) async throws {
        for (index, file) in files.enumerated() {
            try await connection.run(
                """
                INSERT INTO claim_evidence (tenant_id, claim_id, n, media_type, file_name, size, sha256, bytes)
                VALUES (current_setting('dxskills.tenant_id'), \(id), \(index + 1), \(file.mediaType),
                        \(fileName(file.upload.fileName, n: index + 1)), \(file.upload.bytes.count), \(file.sha256),
                        \(file.upload.bytes))
                """, logger: logger)
        }
    }

    /// The name a download offers: the last path component, without control characters or quotes.
    static func fileName(_ name: String, n: Int) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0.value != 0x7F }.map(Character.init))
        return clean.isEmpty ? "evidence-\(n)" : String(clean.prefix(200))
    }

    static func record(
        claim id: Int, actor: String, from: ClaimState?, to: ClaimState, reason: String?, connection: PostgresConnection,
        logger: Logger
    ) async throws {
        try await connection.run(
            """
            INSERT INTO claim_events (tenant_id, claim_id, actor, from_state, to_state, reason)
            VALUES (current_setting('dxskills.tenant_id'), \(id), \(actor), \(from?.rawValue), \(to.rawValue), \(reason))
            """, logger: logger)
    }
}
