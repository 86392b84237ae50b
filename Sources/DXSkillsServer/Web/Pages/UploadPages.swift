/// 異動影響プレビュー (transfers.mustache): the form, and after a post the impact or the file's problems.
struct TransfersPage {
    var impact: TransferImpactView? = nil
    var issues: [UploadIssueRow]? = nil
    var issueCount: Int? = nil
}

struct TransferImpactView {
    let effectiveOn: String
    let fiscalYear: Int
    let hasChanges: Bool
    let changes: [TransferChangeRow]
    let leadersLeaving: [LeaderLeavingRow]
}

/// A target whose result in a unit changes with the transfers.
struct TransferChangeRow {
    let target: String
    let unit: String
    let before: String
    let after: String
    /// Met before, unmet after.
    let worse: Bool
}

struct LeaderLeavingRow {
    let employeeNo: String
    let unit: String
    let role: String
}

/// 研修実績の取込 (training.mustache): the form, and after a post the counts or the file's problems.
struct TrainingPage {
    var summary: ImportSummaryView? = nil
    var issues: [UploadIssueRow]? = nil
    var issueCount: Int? = nil
}

struct ImportSummaryView {
    let rows: Int
    let inserted: Int
    let updated: Int
    let unchanged: Int
    let encoding: String
    let dryRun: Bool
}

/// A problem of an uploaded file (issues.mustache); line 0 is the whole file.
struct UploadIssueRow {
    let line: Int
    let column: String
    let value: String
    let reason: String
}
