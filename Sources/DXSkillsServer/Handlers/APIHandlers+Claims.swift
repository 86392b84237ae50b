import DXSkillsAPI
import DXSkillsCore
import Foundation
import HTTPTypes
import OpenAPIRuntime

extension APIHandlers {
    func listClaims(_ input: Operations.ListClaims.Input) async throws -> Operations.ListClaims.Output {
        let state = input.query.state.flatMap { ClaimState(rawValue: $0.rawValue) }
        let claims = try await withCaller { principal, connection in
            try await Claims.list(state: state, principal: principal, connection: connection, logger: logger)
        }
        return .ok(.init(body: .json(claims.map(Self.api))))
    }

    func submitClaim(_ input: Operations.SubmitClaim.Input) async throws -> Operations.SubmitClaim.Output {
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        let (details, evidence) = try Self.claim(body)
        let claim = try await withCaller { principal, connection in
            try await Claims.submit(
                details, evidence: evidence ?? [], principal: principal, connection: connection, logger: logger)
        }
        database.counters?.claimMoved(to: claim.state)
        return .created(.init(body: .json(Self.api(claim))))
    }

    func getClaim(_ input: Operations.GetClaim.Input) async throws -> Operations.GetClaim.Output {
        let claim = try await withCaller { principal, connection in
            try await Claims.show(input.path.id, principal: principal, connection: connection, logger: logger)
        }
        return .ok(.init(body: .json(Self.api(claim))))
    }

    func editClaim(_ input: Operations.EditClaim.Input) async throws -> Operations.EditClaim.Output {
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        let (details, evidence) = try Self.claim(body)
        let claim = try await withCaller { principal, connection in
            try await Claims.resubmit(
                input.path.id, details, evidence: evidence, principal: principal, connection: connection, logger: logger)
        }
        database.counters?.claimMoved(to: claim.state)
        return .ok(.init(body: .json(Self.api(claim))))
    }

    func approveClaim(_ input: Operations.ApproveClaim.Input) async throws -> Operations.ApproveClaim.Output {
        let claim = try await withCaller { principal, connection in
            try await Claims.approve(input.path.id, principal: principal, connection: connection, logger: logger)
        }
        database.counters?.claimMoved(to: claim.state)
        return .ok(.init(body: .json(Self.api(claim))))
    }

    func confirmClaim(_ input: Operations.ConfirmClaim.Input) async throws -> Operations.ConfirmClaim.Output {
        let claim = try await withCaller { principal, connection in
            try await Claims.confirm(input.path.id, principal: principal, connection: connection, logger: logger)
        }
        database.counters?.claimMoved(to: claim.state)
        return .ok(.init(body: .json(Self.api(claim))))
    }

    func returnClaim(_ input: Operations.ReturnClaim.Input) async throws -> Operations.ReturnClaim.Output {
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        let claim = try await withCaller { principal, connection in
            try await Claims.returnClaim(
                input.path.id, reason: body.reason, principal: principal, connection: connection, logger: logger)
        }
        database.counters?.claimMoved(to: claim.state)
        return .ok(.init(body: .json(Self.api(claim))))
    }

    func withdrawClaim(_ input: Operations.WithdrawClaim.Input) async throws -> Operations.WithdrawClaim.Output {
        let claim = try await withCaller { principal, connection in
            try await Claims.withdraw(input.path.id, principal: principal, connection: connection, logger: logger)
        }
        database.counters?.claimMoved(to: claim.state)
        return .ok(.init(body: .json(Self.api(claim))))
    }

    func getClaimEvidence(_ input: Operations.GetClaimEvidence.Input) async throws -> Operations.GetClaimEvidence.Output {
        let file = try await withCaller { principal, connection in
            try await Claims.evidence(
                input.path.id, n: input.path.n, principal: principal, connection: connection, logger: logger)
        }
        let body = HTTPBody([UInt8](file.bytes))
        let content: Operations.GetClaimEvidence.Output.Ok.Body
        switch file.mediaType {
        case "application/pdf": content = .pdf(body)
        case "image/png": content = .png(body)
        default: content = .jpeg(body)
        }
        return .ok(
            .init(
                headers: .init(contentDisposition: Self.attachment(file.fileName), xContentTypeOptions: .nosniff),
                body: content))
    }

    /// `attachment` with an ASCII fallback name and the real one in RFC 5987 form, so no name a
    /// claimant chose can break out of the header.
    static func attachment(_ name: String) -> String {
        let ascii = String(
            name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))) ?? ""
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func claim(_ body: Components.Schemas.ClaimRequest) throws -> (ClaimDetails, [EvidenceUpload]?) {
        func day(_ text: String?, _ field: String) throws -> Day {
            guard let text else { throw DXSkillsError.invalid(.field(field, .docFieldRequired)) }
            guard let day = Day(iso: text) else {
                throw DXSkillsError.invalid(.field(field, .fieldDate, ["value": "\(text)"]))
            }
            return day
        }
        let details: ClaimDetails
        switch body.kind {
        case .training:
            guard let course = body.course else { throw DXSkillsError.invalid(.field("course", .docFieldRequired)) }
            details = .training(
                course: course, completedOn: try day(body.completedOn, "completed_on"), hours: body.hours, title: body.title,
                provider: body.provider)
        case .certification:
            guard let cert = body.cert else { throw DXSkillsError.invalid(.field("cert", .docFieldRequired)) }
            details = .certification(cert: cert, acquiredOn: try day(body.acquiredOn, "acquired_on"))
        }
        let evidence = body.evidence?.map { EvidenceUpload(fileName: $0.fileName, base64: $0.content) }
        return (details, evidence)
    }

    static func api(_ claim: Claim) -> Components.Schemas.Claim {
        var value = Components.Schemas.Claim(
            id: claim.id, employeeNo: claim.employeeNo, kind: .init(rawValue: claim.kind.rawValue)!,
            state: .init(rawValue: claim.state.rawValue)!, submittedOn: claim.submittedOn.description,
            submittedBy: claim.submittedBy, approvedBy: claim.approvedBy, confirmedBy: claim.confirmedBy,
            returnedBy: claim.returnedBy, returnReason: claim.returnReason,
            evidence: claim.evidence.map {
                .init(n: $0.n, mediaType: $0.mediaType, fileName: $0.fileName, size: $0.size, sha256: $0.sha256)
            },
            history: claim.history.map {
                .init(
                    at: $0.at, actor: $0.actor, from: $0.from.flatMap { .init(rawValue: $0.rawValue) },
                    to: .init(rawValue: $0.to.rawValue)!, reason: $0.reason)
            })
        switch claim.details {
        case .training(let course, let day, let hours, let title, let provider):
            value.courseCode = course
            value.completedOn = day.description
            value.hours = hours
            value.title = title
            value.provider = provider
        case .certification(let cert, let day):
            value.certCode = cert
            value.acquiredOn = day.description
        }
        return value
    }
}
