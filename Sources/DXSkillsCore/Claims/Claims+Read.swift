import Foundation
import PostgresNIO

extension Claims {
    /// One claim with its evidence list and history, if the caller may read it: the claimant, the
    /// approvers in scope, hr and admin. Anyone else gets `notFound`, as for a claim that does not exist.
    public static func show(_ id: Int, principal: Principal, connection: PostgresConnection, logger: Logger)
        async throws -> Claim
    {
        var claim = try await readable(id, principal: principal, lock: false, connection: connection, logger: logger)
        for try await (n, type, name, size, digest) in try await connection.query(
            "SELECT n, media_type, file_name, size, sha256 FROM claim_evidence WHERE claim_id = \(id) ORDER BY n",
            logger: logger
        ).decode((Int, String, String, Int, Data).self) {
            claim.evidence.append(
                ClaimEvidenceInfo(
                    n: n, mediaType: type, fileName: name, size: size, sha256: digest.map { String(format: "%02x", $0) }.joined())
            )
        }
        for try await (at, actor, from, to, reason) in try await connection.query(
            "SELECT at, actor, from_state, to_state, reason FROM claim_events WHERE claim_id = \(id) ORDER BY id",
            logger: logger
        ).decode((Date, String, ClaimState?, ClaimState, String?).self) {
            claim.history.append(ClaimEvent(at: at, actor: actor, from: from, to: to, reason: reason))
        }
        return claim
    }

    /// The claims the caller may read. Without a state, the caller's queue: a staff member's own
    /// claims; for a manager or evaluator the `submitted` claims of its scope (承認待ち); for hr the
    /// `approved` ones and the `submitted` ones nobody else may approve (確認待ち); for admin every claim.
    public static func list(state: ClaimState?, principal: Principal, connection: PostgresConnection, logger: Logger)
        async throws -> [Claim]
    {
        let own = principal.employeeNo ?? ""
        let wanted = state?.rawValue
        let query: PostgresQuery
        switch (principal.role, state) {
        case (.staff, _):
            query =
                "\(unescaped: select) WHERE employee_no = \(own) AND (\(wanted)::text IS NULL OR state = \(wanted)) ORDER BY id"
        case (.manager, nil), (.evaluator, nil):
            query = """
                \(unescaped: select) WHERE state = 'submitted' AND employee_no <> \(own)
                  AND claim_in_scope(\(principal.unitCode ?? ""), employee_no, coalesce(completed_on, acquired_on)) ORDER BY id
                """
        case (.manager, _), (.evaluator, _):
            query = """
                \(unescaped: select) WHERE state = \(wanted) AND (employee_no = \(own)
                  OR claim_in_scope(\(principal.unitCode ?? ""), employee_no, coalesce(completed_on, acquired_on))) ORDER BY id
                """
        case (.hr, nil):
            query = """
                \(unescaped: select) WHERE employee_no <> \(own) AND (state = 'approved'
                  OR (state = 'submitted' AND NOT claim_has_approver(employee_no, coalesce(completed_on, acquired_on))))
                ORDER BY id
                """
        case (.hr, _), (.admin, _):
            query = "\(unescaped: select) WHERE (\(wanted)::text IS NULL OR state = \(wanted)) ORDER BY id"
        }
        var claims: [Claim] = []
        for try await row in try await connection.query(query, logger: logger).decode(Row.self) {
            claims.append(try claim(row))
        }
        return claims
    }

    /// Evidence file `n` of a claim, for the readers of the claim; every download is audited.
    public static func evidence(_ id: Int, n: Int, principal: Principal, connection: PostgresConnection, logger: Logger)
        async throws -> EvidenceFile
    {
        _ = try await readable(id, principal: principal, lock: false, connection: connection, logger: logger)
        for try await (name, type, bytes, digest) in try await connection.query(
            "SELECT file_name, media_type, bytes, encode(sha256, 'hex') FROM claim_evidence WHERE claim_id = \(id) AND n = \(n)",
            logger: logger
        ).decode((String, String, Data, String).self) {
            try await connection.run(
                """
                SELECT audit_read('claim_evidence', jsonb_build_object('claim_id', \(id)::bigint, 'n', \(n)::int),
                                  jsonb_build_object('media_type', \(type)::text, 'sha256', \(digest)::text))
                """, logger: logger)
            return EvidenceFile(fileName: name, mediaType: type, bytes: bytes)
        }
        throw DXSkillsError.notFound(Message(.objClaimEvidence, ["n": "\(n)", "id": "\(id)"]))
    }

    // MARK: loading

    static let select = """
        SELECT id, employee_no, kind, course_code, title, provider, hours::float8, completed_on, cert_code, acquired_on,
               state, submitted_on, submitted_by, approved_by, confirmed_by, returned_by, return_reason FROM claims
        """

    typealias Row = (
        Int, String, ClaimKind, String?, String?, String?, Double?, Day?, String?, Day?, ClaimState, Day, String, String?,
        String?, String?, String?
    )

    static func claim(_ row: Row) throws -> Claim {
        let details: ClaimDetails
        switch row.2 {
        case .training:
            guard let course = row.3, let day = row.7 else { throw DXSkillsError.unavailable("claim \(row.0) has no course") }
            details = .training(course: course, completedOn: day, hours: row.6, title: row.4, provider: row.5)
        case .certification:
            guard let cert = row.8, let day = row.9 else {
                throw DXSkillsError.unavailable("claim \(row.0) has no certification")
            }
            details = .certification(cert: cert, acquiredOn: day)
        }
        return Claim(
            id: row.0, employeeNo: row.1, details: details, state: row.10, submittedOn: row.11, submittedBy: row.12,
            approvedBy: row.13, confirmedBy: row.14, returnedBy: row.15, returnReason: row.16, evidence: [], history: [])
    }

    /// The claim, locked for the rest of the transaction when `lock`: of two deciders at once, the
    /// second waits and then sees the state the first left.
    static func load(_ id: Int, lock: Bool, connection: PostgresConnection, logger: Logger) async throws -> Claim? {
        let query: PostgresQuery = "\(unescaped: select) WHERE id = \(id) \(unescaped: lock ? "FOR UPDATE" : "")"
        for try await row in try await connection.query(query, logger: logger).decode(Row.self) {
            return try claim(row)
        }
        return nil
    }

    /// Whether a manager's or evaluator's scope holds the claimant's primary unit on the claim's day.
    static func inScope(_ claim: Claim, of principal: Principal, connection: PostgresConnection, logger: Logger)
        async throws -> Bool
    {
        guard principal.role.isUnitScoped, let root = principal.unitCode else { return false }
        let rows = try await connection.query(
            "SELECT claim_in_scope(\(root), \(claim.employeeNo), \(claim.details.day))", logger: logger
        ).decode(Bool.self).collect()
        return rows.first ?? false
    }

    static func readable(_ id: Int, principal: Principal, lock: Bool, connection: PostgresConnection, logger: Logger)
        async throws -> Claim
    {
        if let claim = try await load(id, lock: lock, connection: connection, logger: logger) {
            if principal.role.isTenantWide || claim.employeeNo == principal.employeeNo { return claim }
            if try await inScope(claim, of: principal, connection: connection, logger: logger) { return claim }
        }
        throw DXSkillsError.notFound(Message(.objClaim, ["id": "\(id)"]))
    }

    /// The caller's own claim, locked: only the claimant edits or withdraws it.
    static func lockOwn(_ id: Int, principal: Principal, connection: PostgresConnection, logger: Logger) async throws -> Claim {
        let claim = try await readable(id, principal: principal, lock: true, connection: connection, logger: logger)
        guard claim.employeeNo == principal.employeeNo else {
            throw DXSkillsError.forbidden(Message(.forbidClaimOwnOnly, ["id": "\(id)"]))
        }
        return claim
    }
}
