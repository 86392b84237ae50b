import DXSkillsCore
import Foundation

/// The demo's claims (申請) and self-assessments (自己診断, reference §7), so that マイページ and
/// both queues show something: claims in every state, made through the same workflow as the API's
/// (each step by its real decider), by staff of the demo manager's scope and by the demo staff user.
public struct DemoClaims {
    /// A one-page PDF, the smallest that readers open, standing in for a scanned 修了証.
    public static let pdf = Data(
        """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """.utf8)

    /// The claims' days: in November 2026, after the demo's generated records (which end on 2026-10-31),
    /// so no claim meets one of them; never after today.
    static func day(_ n: Int, today: Day) -> Day { min(Day(year: 2026, month: 11, day: n)!, today) }

    /// When the claims were submitted and decided: 102 and 96 days before DemoNotifications.day, so
    /// that both queues' claims are named by `claim_waiting` on it (every 3 days).
    static let submittedOn = Day(year: 2026, month: 11, day: 19)!
    static let decidedOn = Day(year: 2026, month: 11, day: 25)!

    public struct Summary: Sendable, Equatable {
        public var claims: [ClaimState: Int] = [:]
        public var selfAssessments = 0
    }

    let tenant: String
    let manager: (name: String, unit: String)
    let hr: String
    let staffUser: (name: String, employeeNo: String)?

    public init(tenant: String, users: [(name: String, role: Role, unitCode: String?, employeeNo: String?)]) {
        self.tenant = tenant
        let manager = users.first { $0.role == .manager && $0.unitCode != nil }!
        self.manager = (manager.name, manager.unitCode!)
        hr = users.first { $0.role == .hr }!.name
        staffUser = users.first { $0.role == .staff && $0.employeeNo != nil }.map { ($0.name, $0.employeeNo!) }
    }

    /// Loads them once, after the users: the staff of the manager's scope on the claims' days claim, the
    /// manager approves or returns, hr confirms.
    public func load(into database: Database, today: Day = .today()) async throws -> Summary {
        let context = TenantContext(tenant: tenant, actor: "demo")
        let claimants = try await database.transaction(context) { connection in
            // Six staff in service whose primary unit lies in the manager's 部 on every claim day, oldest hire first.
            try await connection.query(
                """
                SELECT s.employee_no FROM staff s
                WHERE s.retired_on IS NULL AND s.hired_on <= \(Self.day(1, today: today))
                  AND claim_in_scope(\(manager.unit), s.employee_no, \(Self.day(1, today: today)))
                  AND claim_in_scope(\(manager.unit), s.employee_no, \(Self.day(20, today: today)))
                  AND s.employee_no IS DISTINCT FROM \(staffUser?.employeeNo)
                ORDER BY s.hired_on, s.employee_no LIMIT 6
                """, logger: database.logger
            ).decode(String.self).collect()
        }
        var summary = Summary()
        func staff(_ employeeNo: String) -> Principal {
            Principal(tenant: tenant, userName: employeeNo, role: .staff, unitCode: nil, employeeNo: employeeNo)
        }
        let managerPrincipal = Principal(
            tenant: tenant, userName: manager.name, role: .manager, unitCode: manager.unit, employeeNo: nil)
        let hrPrincipal = Principal(tenant: tenant, userName: hr, role: .hr, unitCode: nil, employeeNo: nil)
        let evidence = [EvidenceUpload(fileName: "修了証.pdf", bytes: Self.pdf)]
        /// One claim taken through `steps`, each step in its own transaction as its decider's request
        /// (nil: the claimant's own step).
        func claim(_ claimant: Principal, _ details: ClaimDetails, _ steps: [(Principal?, ClaimState, String?)]) async throws {
            var id = 0
            var state = ClaimState.submitted
            try await database.transaction(TenantContext(claimant, requestID: nil)) { connection in
                id = try await Claims.submit(
                    details, evidence: evidence, principal: claimant, today: today, connection: connection,
                    logger: database.logger
                ).id
            }
            for (decider, next, reason) in steps {
                let actor = decider ?? claimant
                try await database.transaction(TenantContext(actor, requestID: nil)) { connection in
                    let logger = database.logger
                    switch next {
                    case .approved:
                        state = try await Claims.approve(id, principal: actor, connection: connection, logger: logger).state
                    case .confirmed:
                        state = try await Claims.confirm(id, principal: actor, connection: connection, logger: logger).state
                    case .returned:
                        state = try await Claims.returnClaim(
                            id, reason: reason ?? "", principal: actor, connection: connection, logger: logger
                        ).state
                    case .withdrawn:
                        state = try await Claims.withdraw(id, principal: actor, connection: connection, logger: logger).state
                    case .submitted: break
                    }
                }
            }
            summary.claims[state, default: 0] += 1
        }
        let external = ClaimDetails.training(
            course: "EXT-MANABI-AI", completedOn: Self.day(4, today: today), hours: 6, title: "マナビDX 生成AI活用講座",
            provider: "マナビDX")
        let people = claimants.map(staff)
        let plan: [(ClaimDetails, [(Principal?, ClaimState, String?)])] = [
            (.training(course: "DATA-201", completedOn: Self.day(2, today: today), hours: nil, title: nil, provider: nil), []),
            (.certification(cert: "FE", acquiredOn: Self.day(10, today: today)), []),
            (
                .training(course: "SEC-101", completedOn: Self.day(6, today: today), hours: nil, title: nil, provider: nil),
                [(managerPrincipal, .approved, nil)]
            ),
            (external, [(managerPrincipal, .approved, nil), (hrPrincipal, .confirmed, nil)]),
            (
                .training(course: "BPR-201", completedOn: Self.day(8, today: today), hours: nil, title: nil, provider: nil),
                [(managerPrincipal, .returned, "修了証の日付と修了日が違います。修了証を確認して再申請してください。")]
            ),
            (
                .training(course: "UX-201", completedOn: Self.day(12, today: today), hours: nil, title: nil, provider: nil),
                [(nil, .withdrawn, nil)]
            ),
        ]
        for (claimant, (details, steps)) in zip(people, plan) { try await claim(claimant, details, steps) }
        if let staffUser {
            let own = Principal(
                tenant: tenant, userName: staffUser.name, role: .staff, unitCode: nil, employeeNo: staffUser.employeeNo)
            try await claim(
                own, .training(course: "DX-101", completedOn: Self.day(3, today: today), hours: nil, title: nil, provider: nil),
                [])
            for (index, person) in ([own] + people.prefix(3)).enumerated() {
                try await database.transaction(TenantContext(person, requestID: nil)) { connection in
                    for (skill, level) in [("L-DATA", 2 + index % 2), ("P-DS", 1 + index % 3), ("L-SEC", 2)] {
                        _ = try await SelfAssessments.set(
                            skill: skill, level: level, on: Self.day(15, today: today), today: today, principal: person,
                            connection: connection, logger: database.logger)
                        summary.selfAssessments += 1
                    }
                }
            }
        }
        try await backdate(database: database, today: today)
        return summary
    }

    /// Dates the claims' history as the story has it (submitted 11/19, decided 11/25) instead of the
    /// moment the demo was loaded. Only the demo does this, as the schema owner: the service may only
    /// add claim events.
    func backdate(database: Database, today: Day) async throws {
        let submitted = "\(min(Self.submittedOn, today)) 09:00:00+09"
        let decided = "\(min(Self.decidedOn, today)) 10:00:00+09"
        try await database.transaction(TenantContext(tenant: tenant, actor: "demo")) { connection in
            try await connection.run(
                """
                UPDATE claim_events SET at = CASE WHEN from_state IS NULL THEN \(submitted)::timestamptz
                                                  ELSE \(decided)::timestamptz END
                """, logger: database.logger)
            try await connection.run(
                """
                UPDATE claims SET submitted_on = \(min(Self.submittedOn, today)), created_at = \(submitted)::timestamptz,
                  updated_at = CASE WHEN state = 'submitted' THEN \(submitted)::timestamptz ELSE \(decided)::timestamptz END,
                  approved_at = CASE WHEN approved_at IS NOT NULL THEN \(decided)::timestamptz END,
                  confirmed_at = CASE WHEN confirmed_at IS NOT NULL THEN \(decided)::timestamptz END
                """, logger: database.logger)
        }
    }
}
