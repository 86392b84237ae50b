import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import Foundation
import OpenAPIRuntime

/// `dxskills claims`: claims (申請) with evidence and their two-step approval (docs/reference.md §7).
struct ClaimsCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "claims",
            abstract: .catalog(.claimsAbstract),
            subcommands: [
                Submit.self, List.self, Show.self, Edit.self, Approve.self, Confirm.self, Return.self, Withdraw.self,
                Evidence.self,
            ])
    }

    struct Submit: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.claimsSubmitAbstract),
                subcommands: [Training.self, Certification.self])
        }
    }

    struct TrainingFields: ParsableArguments {
        @Option(help: .catalog(.claimsTrainingFieldsCourse)) var course: String
        @Option(help: .catalog(.claimsTrainingFieldsCompletedOn)) var completedOn: String
        @Option(help: .catalog(.hours)) var hours: Double?
        @Option(help: .catalog(.courseTitle)) var title: String?
        @Option(help: .catalog(.courseProvider)) var provider: String?
    }

    struct EvidenceFiles: ParsableArguments {
        @Option(parsing: .upToNextOption, help: .catalog(.claimsEvidenceFilesEvidence))
        var evidence: [String] = []

        func uploads() throws -> [Components.Schemas.EvidenceUpload] {
            try evidence.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CLIError(.usage, Message(.cliCannotRead, ["file": "\(path)"]))
                }
                return .init(fileName: URL(fileURLWithPath: path).lastPathComponent, content: data.base64EncodedString())
            }
        }
    }

    struct Training: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.claimsTrainingAbstract)) }
        @OptionGroup var fields: TrainingFields
        @OptionGroup var files: EvidenceFiles
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let body = Components.Schemas.ClaimRequest(
                    kind: .training, course: fields.course, completedOn: fields.completedOn, hours: fields.hours,
                    title: fields.title, provider: fields.provider, evidence: try files.uploads())
                let client = try makeClient(try Credentials.load())
                let claim = try await callAPI { try await client.submitClaim(body: .json(body)).created.body.json }
                show(claim, output)
            }
        }
    }

    struct Certification: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.claimsCertificationAbstract)) }
        @Option(help: .catalog(.claimsCertificationCert)) var cert: String
        @Option(help: .catalog(.claimsCertificationAcquiredOn)) var acquiredOn: String
        @OptionGroup var files: EvidenceFiles
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let body = Components.Schemas.ClaimRequest(
                    kind: .certification, cert: cert, acquiredOn: acquiredOn, evidence: try files.uploads())
                let client = try makeClient(try Credentials.load())
                let claim = try await callAPI { try await client.submitClaim(body: .json(body)).created.body.json }
                show(claim, output)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.claimsListAbstract))
        }
        @Option(help: .catalog(.claimsListState)) var state: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let wanted = try state.map { text in
                    guard let state = Components.Schemas.ClaimState(rawValue: text) else {
                        throw CLIError(
                            .usage, "--state must be submitted, approved, confirmed, returned or withdrawn, got \(text)")
                    }
                    return state
                }
                let client = try makeClient(try Credentials.load())
                let claims = try await callAPI { try await client.listClaims(query: .init(state: wanted)).ok.body.json }
                try emit(
                    Listing(
                        headers: ["id", "employee_no", "kind", "state", "submitted_on", "course/cert", "day"],
                        rows: claims.map {
                            [
                                "\($0.id)", $0.employeeNo, $0.kind.rawValue, $0.state.rawValue, $0.submittedOn,
                                $0.courseCode ?? $0.certCode ?? "", $0.completedOn ?? $0.acquiredOn ?? "",
                            ]
                        },
                        json: claims.map(ClaimJSON.init)),
                    output)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.claimsShowAbstract)) }
        @Argument(help: .catalog(.claimID)) var id: Int
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                show(try await callAPI { try await client.getClaim(path: .init(id: id)).ok.body.json }, output)
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.claimsEditAbstract))
        }
        @Argument(help: .catalog(.claimID)) var id: Int
        @Option(help: .catalog(.claimsEditCourse)) var course: String?
        @Option(help: .catalog(.claimsEditCompletedOn)) var completedOn: String?
        @Option(help: .catalog(.hours)) var hours: Double?
        @Option(help: .catalog(.courseTitle)) var title: String?
        @Option(help: .catalog(.courseProvider)) var provider: String?
        @Option(help: .catalog(.claimsEditCert)) var cert: String?
        @Option(help: .catalog(.claimsEditAcquiredOn)) var acquiredOn: String?
        @OptionGroup var files: EvidenceFiles
        @OptionGroup var output: OutputOptions

        func validate() throws {
            let training = course != nil || completedOn != nil || hours != nil || title != nil || provider != nil
            let certification = cert != nil || acquiredOn != nil
            guard training != certification else {
                throw ValidationError(Message(.cliClaimFields))
            }
        }

        func run() async throws {
            try await reportingErrors {
                let evidence = files.evidence.isEmpty ? nil : try files.uploads()
                let body: Components.Schemas.ClaimRequest
                if cert != nil || acquiredOn != nil {
                    body = .init(kind: .certification, cert: cert, acquiredOn: acquiredOn, evidence: evidence)
                } else {
                    body = .init(
                        kind: .training, course: course, completedOn: completedOn, hours: hours, title: title,
                        provider: provider, evidence: evidence)
                }
                let client = try makeClient(try Credentials.load())
                show(
                    try await callAPI { try await client.editClaim(path: .init(id: id), body: .json(body)).ok.body.json }, output)
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.claimsApproveAbstract)) }
        @Argument(help: .catalog(.claimID)) var id: Int
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                show(try await callAPI { try await client.approveClaim(path: .init(id: id)).ok.body.json }, output)
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.claimsConfirmAbstract))
        }
        @Argument(help: .catalog(.claimID)) var id: Int
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                show(try await callAPI { try await client.confirmClaim(path: .init(id: id)).ok.body.json }, output)
            }
        }
    }

    struct Return: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.claimsReturnAbstract)) }
        @Argument(help: .catalog(.claimID)) var id: Int
        @Option(help: .catalog(.claimsReturnReason)) var reason: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                show(
                    try await callAPI {
                        try await client.returnClaim(path: .init(id: id), body: .json(.init(reason: reason))).ok.body.json
                    }, output)
            }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.claimsWithdrawAbstract)) }
        @Argument(help: .catalog(.claimID)) var id: Int
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                show(try await callAPI { try await client.withdrawClaim(path: .init(id: id)).ok.body.json }, output)
            }
        }
    }

    struct Evidence: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.claimsEvidenceAbstract)) }
        @Argument(help: .catalog(.claimID)) var id: Int
        @Argument(help: .catalog(.claimsEvidenceN)) var n: Int
        @Option(name: [.customShort("o"), .customLong("output")], help: .catalog(.claimsEvidenceFile)) var file: String

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let bytes = try await callAPI {
                    let body: HTTPBody
                    switch try await client.getClaimEvidence(path: .init(id: id, n: n)).ok.body {
                    case .pdf(let pdf): body = pdf
                    case .png(let png): body = png
                    case .jpeg(let jpeg): body = jpeg
                    }
                    return try await [UInt8](collecting: body, upTo: EvidenceRules.maximumSize)
                }
                guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else {
                    throw CLIError(.usage, Message(.cliCannotWrite, ["file": "\(file)"]))
                }
            }
        }
    }
}

/// One claim as text (its fields, evidence and history) or as JSON.
private func show(_ claim: Components.Schemas.Claim, _ output: OutputOptions) {
    if output.format == .json {
        printJSON(ClaimJSON(claim))
        return
    }
    var rows: [[String]] = [
        ["id", "\(claim.id)"], ["employee_no", claim.employeeNo], ["kind", claim.kind.rawValue],
        ["state", claim.state.rawValue], ["submitted_on", claim.submittedOn],
    ]
    let optional: [(String, String?)] = [
        ("course", claim.courseCode), ("title", claim.title), ("provider", claim.provider),
        ("hours", claim.hours.map { "\($0)" }), ("completed_on", claim.completedOn), ("cert", claim.certCode),
        ("acquired_on", claim.acquiredOn), ("approved_by", claim.approvedBy), ("confirmed_by", claim.confirmedBy),
        ("returned_by", claim.returnedBy), ("return_reason", claim.returnReason),
    ]
    rows += optional.compactMap { name, value in value.map { [name, $0] } }
    rows += claim.evidence.map { ["evidence \($0.n)", "\($0.fileName) (\($0.mediaType), \($0.size) bytes)"] }
    print(TextTable(headers: ["item", "value"], rows: rows).render(), terminator: "")
    let history = claim.history.map {
        [ISO8601DateFormatter().string(from: $0.at), $0.actor, $0.from?.rawValue ?? "", $0.to.rawValue, $0.reason ?? ""]
    }
    print(TextTable(headers: ["at", "actor", "from", "to", "reason"], rows: history).render(), terminator: "")
}

/// docs/reference.md §7 `claims list --format json`: id, employee_no, kind, state, submitted_on and more.
struct ClaimJSON: Encodable {
    struct Evidence: Encodable {
        let n: Int
        let media_type: String
        let file_name: String
        let size: Int
        let sha256: String
    }
    struct Event: Encodable {
        let at: String
        let actor: String
        let from: String?
        let to: String
        let reason: String?
    }
    let id: Int
    let employee_no: String
    let kind: String
    let state: String
    let submitted_on: String
    let course_code: String?
    let title: String?
    let provider: String?
    let hours: Double?
    let completed_on: String?
    let cert_code: String?
    let acquired_on: String?
    let approved_by: String?
    let confirmed_by: String?
    let returned_by: String?
    let return_reason: String?
    let evidence: [Evidence]
    let history: [Event]

    init(_ claim: Components.Schemas.Claim) {
        id = claim.id
        employee_no = claim.employeeNo
        kind = claim.kind.rawValue
        state = claim.state.rawValue
        submitted_on = claim.submittedOn
        course_code = claim.courseCode
        title = claim.title
        provider = claim.provider
        hours = claim.hours
        completed_on = claim.completedOn
        cert_code = claim.certCode
        acquired_on = claim.acquiredOn
        approved_by = claim.approvedBy
        confirmed_by = claim.confirmedBy
        returned_by = claim.returnedBy
        return_reason = claim.returnReason
        evidence = claim.evidence.map {
            Evidence(n: $0.n, media_type: $0.mediaType, file_name: $0.fileName, size: $0.size, sha256: $0.sha256)
        }
        history = claim.history.map {
            Event(
                at: ISO8601DateFormatter().string(from: $0.at), actor: $0.actor, from: $0.from?.rawValue, to: $0.to.rawValue,
                reason: $0.reason)
        }
    }
}
