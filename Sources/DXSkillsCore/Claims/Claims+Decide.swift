import PostgresNIO

extension Claims {
    /// A manager or evaluator whose scope holds the claimant's unit on the claim's day approves a
    /// `submitted` claim. The claim is locked first, so of two approvers at once exactly one wins.
    public static func approve(_ id: Int, principal: Principal, connection: PostgresConnection, logger: Logger)
        async throws -> Claim
    {
        let claim = try await decidable(id, principal: principal, connection: connection, logger: logger)
        guard try await inScope(claim, of: principal, connection: connection, logger: logger) else {
            throw DXSkillsError.forbidden(Message(.forbidClaimApprove, ["id": "\(id)"]))
        }
        try require(claim, in: [.submitted], to: .claimActionApprove)
        try await connection.run(
            """
            UPDATE claims SET state = 'approved', approved_by = \(principal.actor), approved_at = now(), updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
        try await record(
            claim: id, actor: principal.actor, from: claim.state, to: .approved, reason: nil, connection: connection,
            logger: logger)
        return try await show(id, principal: principal, connection: connection, logger: logger)
    }

    /// The claim goes back to its claimant with a reason: from its approver while `submitted`, from hr
    /// when hr may confirm it. The history stays; the claimant may edit and submit it again.
    public static func returnClaim(
        _ id: Int, reason: String, principal: Principal, connection: PostgresConnection, logger: Logger
    ) async throws -> Claim {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DXSkillsError.invalid(.field("reason", .claimReasonRequired)) }
        let claim = try await decidable(id, principal: principal, connection: connection, logger: logger)
        if try await inScope(claim, of: principal, connection: connection, logger: logger) {
            try require(claim, in: [.submitted], to: .claimActionReturnApprover)
        } else if principal.role == .hr {
            try await requireConfirmable(claim, to: .claimActionReturnHR, connection: connection, logger: logger)
        } else {
            throw DXSkillsError.forbidden(Message(.forbidClaimReturn, ["id": "\(id)"]))
        }
        try await connection.run(
            """
            UPDATE claims SET state = 'returned', returned_by = \(principal.actor), return_reason = \(reason),
              updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
        try await record(
            claim: id, actor: principal.actor, from: claim.state, to: .returned, reason: reason, connection: connection,
            logger: logger)
        return try await show(id, principal: principal, connection: connection, logger: logger)
    }

    /// hr confirms an `approved` claim (or a `submitted` one nobody else may approve): the training
    /// record or holding is written with the claim as its source, and counts from then on like an
    /// imported row. A record with the same natural key refuses it, and is named.
    public static func confirm(_ id: Int, principal: Principal, connection: PostgresConnection, logger: Logger)
        async throws -> Claim
    {
        let claim = try await decidable(id, principal: principal, connection: connection, logger: logger)
        guard principal.role == .hr else { throw DXSkillsError.forbidden(Message(.forbidClaimConfirm)) }
        try await requireConfirmable(claim, to: .claimActionConfirm, connection: connection, logger: logger)
        try await write(claim, connection: connection, logger: logger)
        try await connection.run(
            """
            UPDATE claims SET state = 'confirmed', confirmed_by = \(principal.actor), confirmed_at = now(), updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
        try await record(
            claim: id, actor: principal.actor, from: claim.state, to: .confirmed, reason: nil, connection: connection,
            logger: logger)
        return try await show(id, principal: principal, connection: connection, logger: logger)
    }

    /// The claim, locked, for someone other than its claimant (nobody decides their own claim).
    static func decidable(_ id: Int, principal: Principal, connection: PostgresConnection, logger: Logger) async throws -> Claim {
        let claim = try await readable(id, principal: principal, lock: true, connection: connection, logger: logger)
        guard claim.employeeNo != principal.employeeNo else {
            throw DXSkillsError.forbidden(Message(.forbidOwnClaim, ["id": "\(id)"]))
        }
        return claim
    }

    /// hr's part: an `approved` claim, or a `submitted` one when the claimant has no approver.
    static func requireConfirmable(_ claim: Claim, to action: MessageKey, connection: PostgresConnection, logger: Logger)
        async throws
    {
        if claim.state == .submitted {
            let rows = try await connection.query(
                "SELECT claim_has_approver(\(claim.employeeNo), \(claim.details.day))", logger: logger
            ).decode(Bool.self).collect()
            if rows.first == false { return }
            throw DXSkillsError.conflict(Message(.claimAwaitsApprover, ["id": "\(claim.id)", "action": .key(action)]))
        }
        try require(claim, in: [.approved], to: action)
    }

    /// The record a confirmed claim becomes. An external course joins the catalog under its code.
    static func write(_ claim: Claim, connection: PostgresConnection, logger: Logger) async throws {
        switch claim.details {
        case .training(let course, let day, let hours, let title, let provider):
            try await refuseCollision(
                claim, Message(.objTrainingRecord, ["employee": "\(claim.employeeNo)", "course": "\(course)", "day": "\(day)"]),
                """
                SELECT claim_id FROM training_records
                WHERE employee_no = \(claim.employeeNo) AND course_code = \(course) AND completed_on = \(day)
                """, connection: connection, logger: logger)
            try await connection.run(
                """
                INSERT INTO courses (tenant_id, code, title, hours, provider, delivery)
                VALUES (current_setting('dxskills.tenant_id'), \(course), \(title ?? course), coalesce(\(hours)::float8, 0),
                        \(provider), 'classroom')
                ON CONFLICT DO NOTHING
                """, logger: logger)
            try await connection.run(
                """
                INSERT INTO training_records (tenant_id, employee_no, course_code, completed_on, status, hours, claim_id)
                VALUES (current_setting('dxskills.tenant_id'), \(claim.employeeNo), \(course), \(day), 'completed', \(hours),
                        \(claim.id))
                """, logger: logger)
        case .certification(let cert, let day):
            try await refuseCollision(
                claim, Message(.objCertHolding, ["employee": "\(claim.employeeNo)", "cert": "\(cert)", "day": "\(day)"]),
                """
                SELECT claim_id FROM cert_holdings
                WHERE employee_no = \(claim.employeeNo) AND cert_code = \(cert) AND acquired_on = \(day)
                """, connection: connection, logger: logger)
            try await connection.run(
                """
                INSERT INTO cert_holdings (tenant_id, employee_no, cert_code, acquired_on, claim_id)
                VALUES (current_setting('dxskills.tenant_id'), \(claim.employeeNo), \(cert), \(day), \(claim.id))
                """, logger: logger)
        }
    }

    /// The 409 of a record with the claim's natural key, naming it and where it came from.
    static func refuseCollision(
        _ claim: Claim, _ record: Message, _ query: PostgresQuery, connection: PostgresConnection, logger: Logger
    ) async throws {
        for try await source in try await connection.query(query, logger: logger).decode(Int?.self) {
            let origin = source.map { Message(.claimFromClaim, ["id": "\($0)"]) } ?? Message(.claimImported)
            throw DXSkillsError.conflict(
                Message(.claimCollides, ["id": "\(claim.id)", "record": .message(record), "origin": .message(origin)]))
        }
    }
}
