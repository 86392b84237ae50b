import DXSkillsCore
import Foundation
import Hummingbird
import PostgresNIO

/// A claim (申請, reference §7.3) on the dashboard: its page, its decisions and its evidence files;
/// and the names the claim pages show.
extension WebDashboard {
    func claimPage(_ request: Request, id: Int) async throws -> Response {
        try await claimPage(request, id: id, caller: try await caller(request))
    }

    /// The claim with its files and history, and the buttons of its state for the caller; after a
    /// decision met another state (409), that said on the page.
    func claimPage(
        _ request: Request, id: Int, caller: WebCaller, conflict: DXSkillsError? = nil, returnProblem: String? = nil
    ) async throws -> Response {
        let language = caller.language
        let (claim, names, confirmable) = try await withCaller(caller) { principal, connection in
            let claim = try await Claims.show(id, principal: principal, connection: connection, logger: database.logger)
            let names = try await ClaimNames.load(for: [claim], connection: connection, logger: database.logger)
            var confirmable = claim.state == .approved
            if claim.state == .submitted, principal.role == .hr {
                let rows = try await connection.query(
                    "SELECT claim_has_approver(\(claim.employeeNo), \(claim.details.day))", logger: database.logger
                ).decode(Bool.self).collect()
                confirmable = rows.first == false
            }
            return (claim, names, confirmable)
        }
        let principal = caller.principal
        let own = claim.employeeNo == principal.employeeNo
        // A manager or evaluator reads another's claim only when its scope holds the claimant.
        let approver = !own && principal.role.isUnitScoped && claim.state == .submitted
        let hr = !own && principal.role == .hr && confirmable
        let open: Set<ClaimState> = [.submitted, .approved, .returned]
        let done = Self.string(request, "done").flatMap {
            ["submitted", "resubmitted", "withdrawn", "approved", "confirmed", "returned"].contains($0) ? $0 : nil
        }
        var hours: String?
        var provider: String?
        if case .training(_, _, let h, _, let p) = claim.details {
            hours = h.map { Self.hours($0) }
            provider = p
        }
        var content = ClaimPageView(
            id: claim.id, state: language.text("claim_state_" + claim.state.rawValue), stateCode: claim.state.rawValue,
            kind: language.text("claim_kind_" + claim.kind.rawValue),
            claimant: [claim.employeeNo, names.staff[claim.employeeNo]].compactMap { $0 }.joined(separator: " "),
            what: names.what(claim, language: language),
            dayLabel: language.text(claim.kind == .training ? "me_completed_on" : "me_acquired_on"),
            day: claim.details.day.description, hours: hours, provider: provider,
            submittedOn: claim.submittedOn.description, returnReason: claim.returnReason,
            evidence: claim.evidence.map {
                ClaimEvidenceRow(
                    n: $0.n, href: "/claims/\(claim.id)/evidence/\($0.n)", fileName: $0.fileName, mediaType: $0.mediaType,
                    size: $0.size)
            },
            history: claim.history.map {
                ClaimEventRow(
                    at: Self.time($0.at), actor: $0.actor,
                    from: $0.from.map { language.text("claim_state_" + $0.rawValue) } ?? "-",
                    to: language.text("claim_state_" + $0.to.rawValue), reason: $0.reason ?? "")
            },
            canWithdraw: own && open.contains(claim.state), canEdit: own && claim.state == .returned,
            canApprove: approver, canConfirm: hr, canReturn: approver || hr, canDecide: approver || hr,
            notice: done.map { language.text("claim_done_" + $0) })
        if let conflict {
            content.conflict = language.text("claim_conflict").replacingOccurrences(
                of: "%@", with: language.text("claim_state_" + claim.state.rawValue))
            content.conflictDetail = conflict.description
        }
        content.returnProblem = returnProblem
        var response = page("claim", title: "claim", request: request, caller: caller, content: content)
        if conflict != nil { response.status = .conflict }
        if returnProblem != nil { response.status = .unprocessableContent }
        return response
    }

    /// A button of a claim's page: the role is checked before the body (a CSRF token, and a return's
    /// reason) is read; then the core decides, and a state conflict is shown on the claim's page.
    func decide(_ request: Request, id: Int, action: ClaimAction) async throws -> Response {
        let caller = try await caller(request)
        guard action.allows(caller.principal) else {
            throw DXSkillsError.forbidden(
                Message(.forbidRole, ["role": "\(caller.principal.role.rawValue)", "action": .key(action.messageKey)]))
        }
        let form = try await form(request, caller: caller)
        do {
            let decided = try await withCaller(caller) { principal, connection in
                let logger = database.logger
                switch action {
                case .withdraw: return try await Claims.withdraw(id, principal: principal, connection: connection, logger: logger)
                case .approve: return try await Claims.approve(id, principal: principal, connection: connection, logger: logger)
                case .confirm: return try await Claims.confirm(id, principal: principal, connection: connection, logger: logger)
                case .returnClaim:
                    return try await Claims.returnClaim(
                        id, reason: form["reason"] ?? "", principal: principal, connection: connection, logger: logger)
                }
            }
            database.counters?.claimMoved(to: decided.state)
        } catch let error as DXSkillsError where error.category == .conflict {
            return try await claimPage(request, id: id, caller: caller, conflict: error)
        } catch DXSkillsError.invalid(let message) where action == .returnClaim {
            let problem = Self.problems(message, language: caller.language).map { "\($0.label): \($0.reason)" }
            return try await claimPage(request, id: id, caller: caller, returnProblem: problem.joined(separator: " "))
        }
        let done = action == .returnClaim ? "returned" : action == .withdraw ? "withdrawn" : "\(action.rawValue)d"
        return Self.redirect("/claims/\(id)?done=\(done)")
    }

    /// An evidence file, always as a download, its type the one read from its bytes.
    func claimEvidence(_ request: Request, id: Int, n: Int) async throws -> Response {
        let caller = try await caller(request)
        let file = try await withCaller(caller) { principal, connection in
            try await Claims.evidence(id, n: n, principal: principal, connection: connection, logger: database.logger)
        }
        return Self.download(file.bytes, type: file.mediaType, name: file.fileName)
    }

    /// マイページ's 申請: every claim of the caller, newest first, whatever their role's queue holds.
    func ownClaims(_ principal: Principal, connection: PostgresConnection) async throws -> ([Claim], ClaimNames) {
        guard let own = principal.employeeNo else { return ([], ClaimNames()) }
        var claims: [Claim] = []
        for state in ClaimState.allCases {
            claims += try await Claims.list(state: state, principal: principal, connection: connection, logger: database.logger)
                .filter { $0.employeeNo == own }
        }
        claims.sort { $0.id > $1.id }
        return (claims, try await ClaimNames.load(for: claims, connection: connection, logger: database.logger))
    }

    static func hours(_ hours: Double) -> String {
        hours == hours.rounded() ? String(Int(hours)) : String(hours)
    }

    /// A moment of a claim's history, in Japan's time (the tenants are Japanese municipalities).
    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}

/// The names of what claims are about: claimants, courses and certifications, as far as the caller reads them.
struct ClaimNames: Sendable {
    var staff: [String: String] = [:]
    var courses: [String: String] = [:]
    var certs: [String: String] = [:]

    static func load(for claims: [Claim], connection: PostgresConnection, logger: Logger) async throws -> ClaimNames {
        var names = ClaimNames()
        guard !claims.isEmpty else { return names }
        let numbers = Array(Set(claims.map(\.employeeNo)))
        for try await (number, name) in try await connection.query(
            "SELECT employee_no, name FROM staff WHERE employee_no = ANY(\(numbers))", logger: logger
        ).decode((String, String).self) { names.staff[number] = name }
        for try await (code, title) in try await connection.query("SELECT code, title FROM courses", logger: logger)
            .decode((String, String).self)
        { names.courses[code] = title }
        for try await (code, name) in try await connection.query("SELECT code, name FROM certifications", logger: logger)
            .decode((String, String).self)
        { names.certs[code] = name }
        return names
    }

    /// "DX基礎研修 (DX-101)", an external course by its claimed title, "基本情報技術者 (FE)".
    func what(_ claim: Claim, language: WebLanguage) -> String {
        switch claim.details {
        case .training(let course, _, _, let title, _):
            let name = courses[course] ?? title ?? ""
            let external = courses[course] == nil ? " · " + language.text("claim_external") : ""
            return "\(name) (\(course))\(external)"
        case .certification(let cert, _):
            return "\(certs[cert] ?? "") (\(cert))"
        }
    }
}
