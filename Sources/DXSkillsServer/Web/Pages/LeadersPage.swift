/// DX推進リーダー配置 (leaders.mustache): leaders per section and the placement warnings.
struct LeadersPage {
    let asOf: String
    let missingCount: Int
    let unitCount: Int
    let units: [LeaderRow]
    let warnings: [LeaderWarningRow]
}

struct LeaderRow {
    let code: String
    let name: String
    /// The leaders' names, comma separated.
    let leaders: String
    let subLeaders: String
    /// No leader in this section.
    let missing: Bool
}

struct LeaderWarningRow {
    let code: String
    let name: String
    let employeeNo: String
    let reason: String
}
