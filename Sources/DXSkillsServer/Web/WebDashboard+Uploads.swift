import DXSkillsCore
import Hummingbird

extension WebDashboard {
    /// 異動影響プレビュー: a planned-transfers file evaluated before and after (reference §4.7); nothing written.
    func transfers(_ request: Request, post: Bool) async throws -> Response {
        let caller = try await caller(request)
        let language = caller.language
        try caller.principal.require(.admin, .hr, to: .actPreviewTransfers)
        var content = TransfersPage()
        if post {
            let form = try await form(request, caller: caller, limit: BodyLimit.transfers)
            let fiscalYear = try Self.fiscalYear(in: form)
            do {
                let impact = try await Transfers.impact(
                    form.files["file"] ?? [], fiscalYear: fiscalYear, principal: caller.principal, database: database,
                    requestID: RequestScope.requestID)
                let (document, names) = try await withCaller(caller) { principal, connection in
                    let document = try? await Targets.document(
                        fiscalYear: impact.fiscalYear, connection: connection, logger: database.logger)
                    let tree = try await UnitTreeReport.run(
                        principal: principal, unit: nil, asOf: Day(iso: impact.effectiveOn) ?? .today(),
                        connection: connection, logger: database.logger)
                    return (document, Dictionary(tree.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
                }
                func status(_ met: Bool) -> String { language.text(met ? "met" : "unmet") }
                content.impact = TransferImpactView(
                    effectiveOn: impact.effectiveOn, fiscalYear: impact.fiscalYear, hasChanges: !impact.changes.isEmpty,
                    changes: impact.changes.map { change in
                        TransferChangeRow(
                            target: Self.describe(target: change.targetIndex, of: document, language: language),
                            unit: change.unitCode.map { "\(names[$0] ?? "") (\($0))" } ?? language.text("tenant_wide"),
                            before: status(change.before), after: status(change.after),
                            worse: change.before && !change.after)
                    },
                    leadersLeaving: impact.leadersLeaving.map {
                        LeaderLeavingRow(
                            employeeNo: $0.employeeNo, unit: "\(names[$0.unitCode] ?? "") (\($0.unitCode))",
                            role: language.text($0.role == "leader" ? "leader" : "sub_leader"))
                    })
            } catch let error as DXSkillsError {
                content.issues = try Self.issues(of: error, language: caller.language)
                content.issueCount = content.issues?.count
            }
        }
        return page("transfers", title: "transfers", request: request, caller: caller, content: content)
    }

    /// 研修実績の取込: a training file, or each April the role grants (権限), all rows or none
    /// (reference §3.1, §6); every error with its line.
    func trainingImport(_ request: Request, post: Bool) async throws -> Response {
        let caller = try await caller(request)
        guard ImportKind.training.allows(caller.principal.role), ImportKind.roles.allows(caller.principal.role) else {
            throw DXSkillsError.forbidden(
                Message(.forbidRole, ["role": "\(caller.principal.role.rawValue)", "action": .key(.actImportTrainingRoles)]))
        }
        var content = TrainingPage(roles: request.uri.queryParameters["kind"] == "roles")
        if post {
            let form = try await form(request, caller: caller, limit: maxUploadBytes)
            let kind: ImportKind
            switch form["kind"] ?? "training" {
            case "training": kind = .training
            case "roles": kind = .roles
            case let other: throw DXSkillsError.badParameter(Message(.uploadKind, ["value": "\(other)"]))
            }
            content.roles = kind == .roles
            let options = ImportOptions(
                encoding: form["encoding"].flatMap { TextEncoding(rawValue: $0) }, dryRun: form["dry_run"] != nil,
                ignoreUnknownColumns: false, fiscalYear: nil)
            do {
                let summary = try await Importer.run(
                    kind, bytes: form.files["file"] ?? [], options: options, database: database,
                    context: TenantContext(caller.principal, requestID: RequestScope.requestID), caller: caller.principal)
                content.summary = ImportSummaryView(
                    rows: summary.rows, inserted: summary.inserted, updated: summary.updated,
                    unchanged: summary.unchanged, encoding: summary.encoding, dryRun: summary.dryRun,
                    ended: kind == .roles ? EndedGrants(count: summary.transfers) : nil)
            } catch let error as DXSkillsError {
                content.issues = try Self.issues(of: error, language: caller.language)
                content.issueCount = content.issues?.count
            }
        }
        return page("training", title: "training", request: request, caller: caller, content: content)
    }

    /// The transfers form's fiscal year: none when left empty, else a number.
    static func fiscalYear(in form: WebForm) throws -> Int? {
        guard let text = form["fiscal_year"], !text.isEmpty else { return nil }
        guard let year = Int(text) else {
            throw DXSkillsError.badParameter(Message(.parameterNumber, ["name": "fiscal_year", "value": "\(text)"]))
        }
        return year
    }

    /// The target at `index` in words, or its number when the document is gone.
    static func describe(target index: Int, of document: TargetDocument?, language: WebLanguage) -> String {
        guard let document, document.targets.indices.contains(index) else { return "#\(index)" }
        return describe(document.targets[index], language: language)
    }

    /// The problems of a refused file, shown on its page: every row problem, or the one problem of
    /// the whole file; any other error is the page's to report.
    static func issues(of error: DXSkillsError, language: WebLanguage) throws -> [UploadIssueRow] {
        let problems: [CSVIssue]
        switch error {
        case .invalidRows(let issues, _): problems = issues
        case .invalid(let message): problems = [CSVIssue(line: 0, column: nil, value: nil, message.key, message.values)]
        default: throw error
        }
        return problems.map {
            UploadIssueRow(
                line: $0.line, column: $0.columnTitle ?? $0.column ?? "", columnNumber: $0.columnNumber, value: $0.value ?? "",
                reason: $0.reason(language.messages))
        }
    }
}
