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
/// The same page takes the roles file (権限).
struct TrainingPage {
    /// The form offers the roles file first: `?kind=roles`, or a roles file was posted.
    var roles = false
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
    /// Roles: stored grants ended the day before a new one begins.
    var ended: EndedGrants? = nil
}

/// A count wrapped so that the template shows it even when it is 0 (a bare 0 is false to Mustache).
struct EndedGrants {
    let count: Int
}

/// A problem of an uploaded file (issues.mustache); line 0 is the whole file.
struct UploadIssueRow {
    let line: Int
    /// The column's header as the file writes it, and its number in the header (from 1).
    let column: String
    let columnNumber: Int?
    let value: String
    let reason: String
}
