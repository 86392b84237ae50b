import DXSkillsCore
import Foundation

/// The coverage heat map of one unit: the unit itself and each unit directly below it, × every skill.
struct HeatMap: Sendable {
    struct Cell: Sendable {
        let skillCode: String
        let headcount: Int
        let count: Int
        var ratio: Double? { Ratio(count, of: headcount).value }
        /// 0 for n/a, else 1…5 by fifths of the ratio: the colour class of the cell.
        var bin: Int {
            guard let ratio else { return 0 }
            return min(5, Int((ratio * 5).rounded(.down)) + 1)
        }
    }

    struct Row: Sendable {
        let unit: UnitNode
        /// The selected unit itself (its subtree's total), not a unit below it.
        let isSelected: Bool
        let hasChildren: Bool
        let cells: [Cell]
    }

    let skills: [String]
    let rows: [Row]

    /// Rows for `selected` (nil: the top of the caller's tree) from the lines of its subtree.
    init(lines: [CoverageLine], tree: [UnitNode], selected: String?) {
        var skills: [String] = []
        var byUnit: [String: [Cell]] = [:]
        for line in lines {
            if !skills.contains(line.skillCode) { skills.append(line.skillCode) }
            byUnit[line.unitCode, default: []].append(
                Cell(skillCode: line.skillCode, headcount: line.headcount, count: line.count))
        }
        let codes = Set(tree.map(\.code))
        let parents = Set(tree.compactMap(\.parentCode))
        // The top of the tree: units whose parent the caller cannot see (all roots for HR).
        let shown = tree.filter { unit in
            if let selected { return unit.code == selected || unit.parentCode == selected }
            return unit.parentCode.map { !codes.contains($0) } ?? true
        }
        self.skills = skills
        self.rows = shown.compactMap { unit in
            guard let cells = byUnit[unit.code] else { return nil }
            return Row(unit: unit, isSelected: unit.code == selected, hasChildren: parents.contains(unit.code), cells: cells)
        }
    }

    /// From the top of the caller's tree down to `selected`, for the breadcrumb.
    static func path(to selected: String?, in tree: [UnitNode]) -> [UnitNode] {
        let byCode = Dictionary(tree.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var path: [UnitNode] = []
        var code = selected
        while let current = code, let unit = byCode[current], path.count < 64 {
            path.insert(unit, at: 0)
            code = unit.parentCode
        }
        return path
    }

    /// A whole percentage, half away from zero (1/8 is 13%), or `n/a` without headcount.
    static func percent(_ ratio: Double?) -> String {
        guard let ratio else { return "n/a" }
        return "\(Int((ratio * 100).rounded()))%"
    }
}
