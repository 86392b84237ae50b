/// ランキング (rankings.mustache): the filters, and the ranking when the year has criteria.
struct RankingsPage {
    let fiscalYear: Int
    let groups: [WebOption]
    /// The ranking's day when found, else the requested one ("" for today).
    let asOf: String
    /// The year has evaluation criteria: `items`, `lines` and `download` are set.
    let found: Bool
    let units: [WebOption]
    var items: [String]? = nil
    var lines: [RankingRow]? = nil
    var download: String? = nil
}

struct RankingRow {
    let rank: String
    let group: String
    let employeeNo: String
    let name: String
    let unit: String
    let total: String
    let percentile: String
    let incomplete: Bool
    /// A score per criteria item, in the order of `items`.
    let scores: [String]
}
