/// 組織別スキル充足 (coverage.mustache): the heat map of a unit and the units directly below it.
struct CoveragePage {
    let asOf: String
    let levels: [WebOption]
    let level: Int
    /// The selected unit, "" for the top of the caller's tree.
    let unit: String
    let skills: [String]
    let rows: [CoverageRow]
    let breadcrumb: [CoverageCrumb]
    let legend: [CoverageLegendEntry]
    /// The same numbers as a table, one line per unit and skill.
    let lines: [CoverageTableLine]
}

/// A unit of the heat map: a cell per skill.
struct CoverageRow {
    let code: String
    let name: String
    let kind: String
    let selected: Bool
    /// A link to the units below it.
    let drill: Bool
    let href: String
    let cells: [CoverageCell]
}

struct CoverageCell {
    let skill: String
    let count: Int
    let headcount: Int
    /// The colour class, 0 (n/a) to 5.
    let bin: Int
    let percent: String
    let title: String
}

struct CoverageCrumb {
    let name: String
    let href: String
}

struct CoverageLegendEntry {
    let bin: Int
    let label: String
}

struct CoverageTableLine {
    let code: String
    let name: String
    let skill: String
    let headcount: Int
    let count: Int
    let percent: String
}
