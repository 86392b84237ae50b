/// 目標達成状況 (targets.mustache): each target of a fiscal year, met or not per unit.
struct TargetsPage {
    let asOf: String
    let fiscalYear: Int
    /// The year has a target document: the counts and `targets` are set.
    let found: Bool
    var metCount: Int? = nil
    var resultCount: Int? = nil
    var targets: [TargetSection]? = nil
}

/// One target and its result per unit.
struct TargetSection {
    let index: Int
    let description: String
    let metCount: Int
    let count: Int
    let results: [TargetResultRow]
}

struct TargetResultRow {
    let unit: String
    let actual: String
    let goal: String
    let met: Bool
}
