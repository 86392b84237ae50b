import DXSkillsCore
import Foundation
import Hummingbird
import PostgresNIO

/// 申請 (reference §7.3) on the dashboard: the routes, the forms and the queues (a claim's own page,
/// its decisions and files: WebDashboard+ClaimPage.swift).
extension WebDashboard {
    func registerClaims(on web: RouterGroup<AppRequestContext>) {
        web.get("/claims") { request, _ in try await claimsQueue(request) }
        web.get("/claims/new") { request, _ in try await newClaim(request, post: false) }
        web.post("/claims/new") { request, _ in try await newClaim(request, post: true) }
        web.get("/claims/:id") { request, context in
            try await claimPage(request, id: try context.parameters.require("id", as: Int.self))
        }
        web.get("/claims/:id/edit") { request, context in
            try await editClaim(request, id: try context.parameters.require("id", as: Int.self), post: false)
        }
        web.post("/claims/:id/edit") { request, context in
            try await editClaim(request, id: try context.parameters.require("id", as: Int.self), post: true)
        }
        web.get("/claims/:id/evidence/:n") { request, context in
            try await claimEvidence(
                request, id: try context.parameters.require("id", as: Int.self),
                n: try context.parameters.require("n", as: Int.self))
        }
        for action in ClaimAction.allCases {
            web.post("/claims/:id/\(action.rawValue)") { request, context in
                try await decide(request, id: try context.parameters.require("id", as: Int.self), action: action)
            }
        }
    }

    /// What a button on a claim's page does.
    enum ClaimAction: String, CaseIterable, Sendable {
        case withdraw, approve, confirm
        case returnClaim = "return"

        /// The action in a message: "may not {action}".
        var messageKey: MessageKey {
            switch self {
            case .withdraw: return .actWithdrawClaims
            case .approve: return .actApproveClaims
            case .confirm: return .actConfirmClaims
            case .returnClaim: return .actReturnClaims
            }
        }

        /// Who may send it, checked before the body is read (the core decides the rest).
        func allows(_ principal: Principal) -> Bool {
            switch self {
            case .withdraw: return principal.employeeNo != nil
            case .approve: return principal.role.isUnitScoped
            case .confirm: return principal.role == .hr
            case .returnClaim: return principal.role.isUnitScoped || principal.role == .hr
            }
        }
    }

    // MARK: queue

    /// 承認待ち for a manager or evaluator, 確認待ち for hr, every claim for admin, one's own for staff.
    func claimsQueue(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let language = caller.language
        let (claims, names) = try await withCaller(caller) { principal, connection in
            let claims = try await Claims.list(
                state: nil, principal: principal, connection: connection, logger: database.logger)
            return (claims, try await ClaimNames.load(for: claims, connection: connection, logger: database.logger))
        }
        let title: String
        switch caller.principal.role {
        case .manager, .evaluator: title = "claims_awaiting_approval"
        case .hr: title = "claims_awaiting_confirmation"
        case .admin: title = "claims_all"
        case .staff: title = "claims_own"
        }
        return page(
            "claims", title: title, request: request, caller: caller,
            content: ClaimsQueuePage(
                help: language.text(title + "_help"),
                rows: claims.map { claim in
                    ClaimQueueRow(
                        id: claim.id, href: "/claims/\(claim.id)", employeeNo: claim.employeeNo,
                        name: names.staff[claim.employeeNo] ?? "", state: language.text("claim_state_" + claim.state.rawValue),
                        what: names.what(claim, language: language), day: claim.details.day.description,
                        submittedOn: claim.submittedOn.description)
                }, empty: claims.isEmpty))
    }

    // MARK: forms

    /// 新しい申請: a training or certification claim with 1 to 3 evidence files.
    func newClaim(_ request: Request, post: Bool) async throws -> Response {
        let caller = try await caller(request)
        guard caller.principal.employeeNo != nil else {
            throw DXSkillsError.forbidden(Message(.forbidClaimNoStaff, ["user": "\(caller.principal.userName)"]))
        }
        var content = try await claimForm(caller, action: "/claims/new", editing: false, kind: .training)
        guard post else { return page("claim-form", title: "claim_new", request: request, caller: caller, content: content) }
        let form = try await form(request, caller: caller, limit: BodyLimit.claim)
        let kind = ClaimKind(rawValue: form["kind"] ?? "") ?? .training
        content = try await claimForm(caller, action: "/claims/new", editing: false, kind: kind, values: form)
        do {
            let details = try Self.claimDetails(form, kind: kind)
            let claim = try await withCaller(caller) { principal, connection in
                try await Claims.submit(
                    details, evidence: Self.evidence(form), principal: principal, connection: connection,
                    logger: database.logger)
            }
            database.counters?.claimMoved(to: claim.state)
            return Self.redirect("/claims/\(claim.id)?done=submitted")
        } catch DXSkillsError.invalid(let message) {
            content.problems = Self.problems(message, language: caller.language)
            content.problemCount = content.problems?.count
            return refused(page("claim-form", title: "claim_new", request: request, caller: caller, content: content))
        }
    }

    /// A returned claim, edited by its claimant: without new files the evidence stays.
    func editClaim(_ request: Request, id: Int, post: Bool) async throws -> Response {
        let caller = try await caller(request)
        // Only the claimant edits, and only a staff member claims: nothing read for anyone else.
        guard caller.principal.employeeNo != nil else {
            throw DXSkillsError.forbidden(
                Message(.forbidClaimEditNoStaff, ["id": "\(id)", "user": "\(caller.principal.userName)"]))
        }
        let claim = try await withCaller(caller) { principal, connection in
            try await Claims.show(id, principal: principal, connection: connection, logger: database.logger)
        }
        guard claim.employeeNo == caller.principal.employeeNo else {
            throw DXSkillsError.forbidden(Message(.forbidClaimEdit, ["id": "\(id)"]))
        }
        let action = "/claims/\(id)/edit"
        var content = try await claimForm(caller, action: action, editing: true, kind: claim.kind, claim: claim)
        guard post else {
            return page("claim-form", title: "claim_edit", request: request, caller: caller, content: content)
        }
        let form = try await form(request, caller: caller, limit: BodyLimit.claim)
        content = try await claimForm(caller, action: action, editing: true, kind: claim.kind, values: form)
        do {
            let details = try Self.claimDetails(form, kind: claim.kind)
            let files = Self.evidence(form)
            let resubmitted = try await withCaller(caller) { principal, connection in
                try await Claims.resubmit(
                    id, details, evidence: files.isEmpty ? nil : files, principal: principal, connection: connection,
                    logger: database.logger)
            }
            database.counters?.claimMoved(to: resubmitted.state)
            return Self.redirect("/claims/\(id)?done=resubmitted")
        } catch DXSkillsError.invalid(let message) {
            content.problems = Self.problems(message, language: caller.language)
            content.problemCount = content.problems?.count
            return refused(page("claim-form", title: "claim_edit", request: request, caller: caller, content: content))
        } catch let error as DXSkillsError where error.category == .conflict {
            return try await claimPage(request, id: id, caller: caller, conflict: error)
        }
    }

    /// The form's catalog choices, and the values to show: posted ones, or those of the claim edited.
    func claimForm(
        _ caller: WebCaller, action: String, editing: Bool, kind: ClaimKind, values: WebForm? = nil, claim: Claim? = nil
    ) async throws -> ClaimFormPage {
        let (courses, certs) = try await withCaller(caller) { _, connection in
            let courses = try await connection.query(
                "SELECT code, title FROM courses ORDER BY code", logger: database.logger
            ).decode((String, String).self).collect()
            let certs = try await connection.query(
                "SELECT code, name FROM certifications ORDER BY code", logger: database.logger
            ).decode((String, String).self).collect()
            return (courses, certs)
        }
        var content = ClaimFormPage(
            action: action, editing: editing, kind: kind.rawValue, training: kind == .training,
            certification: kind == .certification,
            courseOptions: courses.map { WebOption(value: $0.0, label: "\($0.1) (\($0.0))", selected: false) },
            certOptions: [], today: Day.today().description)
        content.showTraining = !editing || kind == .training
        content.showCertification = !editing || kind == .certification
        if let values {
            content.course = values["course"] ?? ""
            content.completedOn = values["completed_on"] ?? ""
            content.hours = values["hours"] ?? ""
            content.title = values["title"] ?? ""
            content.provider = values["provider"] ?? ""
            content.cert = values["cert"] ?? ""
            content.acquiredOn = values["acquired_on"] ?? ""
        } else if let claim {
            switch claim.details {
            case .training(let course, let day, let hours, let title, let provider):
                content.course = course
                content.completedOn = day.description
                content.hours = hours.map { Self.hours($0) } ?? ""
                content.title = title ?? ""
                content.provider = provider ?? ""
            case .certification(let cert, let day):
                content.cert = cert
                content.acquiredOn = day.description
            }
        }
        content.certOptions = certs.map {
            WebOption(value: $0.0, label: "\($0.1) (\($0.0))", selected: $0.0 == content.cert)
        }
        return content
    }

    /// The claimed fields of a posted form; what the core cannot be asked (a missing or malformed
    /// day or number) is refused here, each problem naming its field like the core's.
    static func claimDetails(_ form: WebForm, kind: ClaimKind) throws -> ClaimDetails {
        var problems: [Message] = []
        func text(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func day(_ name: String) -> Day? {
            let value = text(name)
            if value.isEmpty {
                problems.append(.field(name, .docFieldRequired))
                return nil
            }
            guard let day = Day(iso: value) else {
                problems.append(.field(name, .fieldDate, ["value": "\(value)"]))
                return nil
            }
            return day
        }
        switch kind {
        case .training:
            let completedOn = day("completed_on")
            var hours: Double?
            if !text("hours").isEmpty {
                hours = Double(text("hours"))
                if hours == nil { problems.append(.field("hours", .fieldNumber, ["value": "\(text("hours"))"])) }
            }
            if text("course").isEmpty { problems.append(.field("course", .docFieldRequired)) }
            guard problems.isEmpty, let completedOn else { throw DXSkillsError.invalid(problems: problems) }
            return .training(
                course: text("course"), completedOn: completedOn, hours: hours, title: text("title"),
                provider: text("provider"))
        case .certification:
            let acquiredOn = day("acquired_on")
            if text("cert").isEmpty { problems.append(.field("cert", .docFieldRequired)) }
            guard problems.isEmpty, let acquiredOn else { throw DXSkillsError.invalid(problems: problems) }
            return .certification(cert: text("cert"), acquiredOn: acquiredOn)
        }
    }

    /// The evidence files of the form, in the order of its file inputs.
    static func evidence(_ form: WebForm) -> [EvidenceUpload] {
        (1...EvidenceRules.maximumCount).compactMap { n in
            form.files["evidence\(n)"].map {
                EvidenceUpload(fileName: form.fileNames["evidence\(n)"] ?? "", bytes: Data($0))
            }
        }
    }

    /// The core's `field: reason; field: reason` as rows, each field and reason in the page's language.
    static func problems(_ message: Message, language: WebLanguage) -> [ClaimProblemRow] {
        message.items.map { problem in
            guard let (field, reason) = problem.fieldProblem else {
                return ClaimProblemRow(field: "", label: "", reason: problem.text(language.messages))
            }
            let name = field.prefix { $0.isLetter || $0 == "_" }
            var label = language.text("claim_field_" + name)
            if name == "evidence", field.count > name.count { label += String(field.dropFirst(name.count)) }
            return ClaimProblemRow(field: String(name), label: label, reason: reason.text(language.messages))
        }
    }

    /// A refused form: its page with 422.
    func refused(_ response: Response) -> Response {
        var response = response
        response.status = .unprocessableContent
        return response
    }
}
