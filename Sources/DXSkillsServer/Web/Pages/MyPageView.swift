/// マイページ (me.mustache): the caller's own record, with a self-assessment form.
struct MyPageView {
    let asOf: String
    let name: String
    let employeeNo: String
    let unit: String
    let grade: String
    let assignments: [MyAssignmentRow]
    let skills: [MySkillRow]
    let training: [MyTrainingRow]
    let certifications: [MyCertificationRow]
    let designations: [MyDesignationRow]
    let plans: [MyPlanRow]
    let evaluations: [MyRatingRow]
    /// The DSS skills the form offers, and the levels 0–4.
    let skillOptions: [WebOption]
    let levelOptions: [WebOption]
    /// The caller's own claims, newest first.
    let claims: [MyClaimRow]
    let today: String
    /// Set after the form was saved: the outcome in words.
    let notice: String?
}

struct MyAssignmentRow {
    let from: String
    let to: String
    let unit: String
}

struct MySkillRow {
    let code: String
    let name: String
    let level: Int
    /// The evidence in one line: "FE 2021-04-01〜2026-05-30, AP 2021-10-01".
    let evidence: String
    let selfAssessment: String
}

struct MyTrainingRow {
    let completedOn: String
    let course: String
    let status: String
    let hours: String
}

struct MyCertificationRow {
    let code: String
    let name: String
    let acquiredOn: String
    let expiresOn: String
    let expiringSoon: Bool
    let expired: Bool
}

struct MyDesignationRow {
    let role: String
    let unit: String
    let term: String
}

struct MyPlanRow {
    let template: String
    let status: String
    let unmet: String
}

struct MyRatingRow {
    let fiscalYear: Int
    let item: String
    let rating: String
}
