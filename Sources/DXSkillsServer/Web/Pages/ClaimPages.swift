/// 申請 (claim-form.mustache): a new claim, or a returned one edited and submitted again.
struct ClaimFormPage {
    /// Where the form posts: `/claims/new` or `/claims/{id}/edit`.
    let action: String
    /// Editing a returned claim: its kind stays, and without new files its evidence stays.
    let editing: Bool
    let kind: String
    let training: Bool
    let certification: Bool
    /// A new claim shows both kinds' fields (no script switches them); an edited one only its own.
    /// (Stored: the templates read properties by reflection.)
    var showTraining = true
    var showCertification = true
    var course = ""
    var completedOn = ""
    var hours = ""
    var title = ""
    var provider = ""
    var cert = ""
    var acquiredOn = ""
    let courseOptions: [WebOption]
    var certOptions: [WebOption]
    let today: String
    var problems: [ClaimProblemRow]? = nil
    var problemCount: Int? = nil
}

/// A problem of a refused claim form, naming its field.
struct ClaimProblemRow {
    /// The field's name in the form (`course`, `evidence`, …), for the page to point at.
    let field: String
    /// The field in words, with the file's number and name for evidence.
    let label: String
    let reason: String
}

/// `/claims/{id}` (claim.mustache): the claim, its evidence, its history and what the caller may do.
struct ClaimPageView {
    let id: Int
    let state: String
    let stateCode: String
    let kind: String
    let claimant: String
    let what: String
    let dayLabel: String
    let day: String
    let hours: String?
    let provider: String?
    let submittedOn: String
    let returnReason: String?
    let evidence: [ClaimEvidenceRow]
    let history: [ClaimEventRow]
    let canWithdraw: Bool
    let canEdit: Bool
    let canApprove: Bool
    let canConfirm: Bool
    let canReturn: Bool
    let canDecide: Bool
    let notice: String?
    /// A decision that met another state (409), in words, and the service's detail.
    var conflict: String? = nil
    var conflictDetail: String? = nil
    var returnProblem: String? = nil
}

struct ClaimEvidenceRow {
    let n: Int
    let href: String
    let fileName: String
    let mediaType: String
    let size: Int
}

struct ClaimEventRow {
    let at: String
    let actor: String
    let from: String
    let to: String
    let reason: String
}

/// `/claims` (claims.mustache): the caller's queue.
struct ClaimsQueuePage {
    let help: String
    let rows: [ClaimQueueRow]
    let empty: Bool
}

struct ClaimQueueRow {
    let id: Int
    let href: String
    let employeeNo: String
    let name: String
    let state: String
    let what: String
    let day: String
    let submittedOn: String
}

/// A claim of the caller on マイページ.
struct MyClaimRow {
    let id: Int
    let href: String
    let state: String
    let stateCode: String
    let what: String
    let day: String
    let returnReason: String
}
