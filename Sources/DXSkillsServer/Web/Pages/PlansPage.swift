/// キャリアプラン (plans.mustache): each plan's status, its stages and what is still unmet.
struct PlansPage {
    let asOf: String
    let statuses: [WebOption]
    let counts: [PlanCount]
    let plans: [PlanRow]
}

struct PlanCount {
    let label: String
    let count: Int
}

struct PlanRow {
    let employeeNo: String
    let name: String
    let unit: String
    let template: String
    let status: String
    let statusLabel: String
    let stages: [PlanStageRow]
    /// The placement warnings in one line, "; " between them.
    let warnings: String
    let hasWarnings: Bool
}

struct PlanStageRow {
    let name: String
    let dueOn: String
    let status: String
    let statusLabel: String
    /// The unmet requirements, comma separated; "" when none.
    let unmet: String
}
