import DXSkillsCore

/// Evaluation criteria for FY2025 and FY2026 and the FY2025 ratings of the demo city: stage 1 by the
/// highest-graded colleague of the same unit, stage 2 (for most) by the highest-graded person of the
/// city; a few staff are left unrated, so rankings show incomplete staff too.
public struct DemoEvaluation: Sendable {
    public let criteria: [CriteriaDocument]
    public let ratingsCSV: String

    static func document(_ fiscalYear: Int) -> CriteriaDocument {
        CriteriaDocument(
            fiscalYear: fiscalYear,
            items: [
                .init(code: "hours", type: "training_hours", weight: 20, cap: 30),
                .init(code: "certs", type: "cert_points", weight: 20, cap: 10),
                .init(code: "skills", type: "skill_average", weight: 30, skills: ["L-DATA", "L-SEC", "L-TOOL"]),
                .init(code: "leader", type: "leader", weight: 10),
                .init(code: "contrib", type: "rating", weight: 20, name: "DX推進への貢献"),
            ])
    }

    public init(city: DemoCity, seed: UInt64 = 1) {
        var random = DemoRandom(seed: seed &+ 0xE7A1)
        criteria = [Self.document(2025), Self.document(2026)]
        var ratings = "employee_no,item,stage,rating,evaluator,fiscal_year\n"
        // employee_no, name, kana, job_track, employment_type, grade, unit_code, assigned_from, hired_on, retired_on
        let people =
            city.snapshots().last?.staffCSV.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count == 10 && $0[9].isEmpty } ?? []
        let grades = DemoSimulation.grades
        func seniority(_ person: [String]) -> Int { grades.firstIndex(of: person[5]) ?? -1 }
        let byUnit = Dictionary(grouping: people) { $0[6] }
        let senior = people.sorted { (seniority($0), $1[0]) > (seniority($1), $0[0]) }
        for person in people where random.chance(0.95) {
            let colleagues = (byUnit[person[6]] ?? []).filter { $0[0] != person[0] }
            guard let first = colleagues.max(by: { (seniority($0), $1[0]) < (seniority($1), $0[0]) }) else { continue }
            let letter = ["S", "A", "A", "B", "B", "B", "C", "D"][random.below(8)]
            ratings += DemoCSV.line([person[0], "contrib", "1", letter, first[0], "2025"])
            if random.chance(0.7), let second = senior.first(where: { $0[0] != person[0] && $0[0] != first[0] }) {
                let revised = random.chance(0.8) ? letter : ["S", "A", "B", "C"][random.below(4)]
                ratings += DemoCSV.line([person[0], "contrib", "2", revised, second[0], "2025"])
            }
        }
        ratingsCSV = ratings
    }
}
