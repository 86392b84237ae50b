import Foundation
import PostgresNIO

/// Scores, exact totals, ranks with ties and the order of groups (reference §4.8).
extension RankingReport {
    /// The criteria's numbers as exact fractions, read once per ranking (not once per staff member),
    /// and the skills and rated items whose amounts the query reads, each once.
    struct Scoring {
        let fiscalYear: Int
        let items: [CriteriaDocument.Item]
        let weights: [Fraction]
        let caps: [Fraction]
        let weightSum: Fraction
        let skills: [String]
        let ratingItems: [String]
        /// Per item: the positions in `skills` of its skills, and its position in `ratingItems`.
        let skillPositions: [[Int]]
        let ratingPosition: [Int?]

        init(_ criteria: CriteriaDocument) {
            fiscalYear = criteria.fiscalYear
            items = criteria.items
            weights = items.map(\.exactWeight)
            caps = items.map(\.exactCap)
            weightSum = weights.reduce(.zero, +)
            var skills: [String] = []
            for item in items where item.type == .skillAverage {
                for skill in item.skills ?? [] where !skills.contains(skill) { skills.append(skill) }
            }
            self.skills = skills
            let ratingItems = items.filter { $0.type == .rating }.map(\.code)
            self.ratingItems = ratingItems
            skillPositions = items.map { item in (item.skills ?? []).compactMap { skills.firstIndex(of: $0) } }
            ratingPosition = items.map { ratingItems.firstIndex(of: $0.code) }
        }
    }

    /// The score of each item (reference §4.8), nil for a missing rating.
    static func scores(_ amounts: Amounts, scoring: Scoring) -> [(code: String, score: Fraction?)] {
        scoring.items.indices.map { index in
            let item = scoring.items[index]
            let score: Fraction?
            switch item.type {
            case .trainingHours: score = min(amounts.hours / scoring.caps[index], .one) * .hundred
            case .certPoints: score = min(amounts.points / scoring.caps[index], .one) * .hundred
            case .skillAverage:
                let positions = scoring.skillPositions[index]
                let sum = positions.reduce(0) { $0 + amounts.levels[$1] }
                // mean / 4 × 100 = 25 × sum / n
                score = positions.isEmpty ? .zero : Fraction(25 * sum, over: positions.count)
            case .leader: score = amounts.leader ? .hundred : .zero
            case .rating:
                score = scoring.ratingPosition[index].flatMap { amounts.ratings[$0] }.map { Fraction(25 * ($0.value - 1)) }
            case .unknown: score = .zero
            }
            return (item.code, score)
        }
    }

    /// Σ(w × score) / Σw exactly; nil when any score is missing.
    static func total(_ scores: [(code: String, score: Fraction?)], scoring: Scoring) -> Fraction? {
        var sum = Fraction.zero
        for (weight, entry) in zip(scoring.weights, scores) {
            guard let score = entry.score else { return nil }
            sum = sum + weight * score
        }
        return scoring.weightSum == .zero ? .zero : sum / scoring.weightSum
    }

    /// Scores, totals, ranks with ties and percentiles; ordered by group, rank, employee number.
    static func rank(
        _ amounts: [Amounts], scoring: Scoring, group: RankingGroup, connection: PostgresConnection, logger: Logger
    ) async throws -> [RankingLine] {
        struct Scored {
            let amounts: Amounts
            let scores: [(code: String, score: Fraction?)]
            let total: Fraction?
            /// The rounded total in hundredths: ranks compare the total as reported.
            let hundredths: Int?
        }
        let scored = amounts.map { amounts -> Scored in
            let scores = scores(amounts, scoring: scoring)
            let total = total(scores, scoring: scoring)
            return Scored(
                amounts: amounts, scores: scores, total: total,
                hundredths: total.map { $0.roundedUnits(places: 2) ?? Int($0.rounded(places: 2)) })
        }
        let groups = Dictionary(grouping: scored) { $0.amounts.group }
        let order = try await groupOrder(group, keys: Set(groups.keys), connection: connection, logger: logger)
        var lines: [RankingLine] = []
        for key in order {
            let members = groups[key] ?? []
            let totals = members.compactMap(\.hundredths).sorted(by: >)
            var groupLines = members.map { member -> RankingLine in
                // 1 + the number in the group with a strictly higher total.
                let rank = member.hundredths.map { total in 1 + Self.countAbove(total, in: totals) }
                return RankingLine(
                    employeeNo: member.amounts.employeeNo, name: member.amounts.name, unitCode: member.amounts.unitCode,
                    unitName: member.amounts.unitName, group: key, scores: member.scores, exactTotal: member.total,
                    total: member.total.map { $0.decimalText(places: 2) }, rank: rank, groupSize: totals.count)
            }
            groupLines.sort { a, b in
                switch (a.rank, b.rank) {
                case (let x?, let y?) where x != y: return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return a.employeeNo < b.employeeNo
                }
            }
            lines += groupLines
        }
        return lines
    }

    /// How many of `totals` (sorted from high to low) are strictly above `total`: a binary search, since
    /// a city ranks 50,000 staff in one group.
    static func countAbove(_ total: Int, in totals: [Int]) -> Int {
        var low = 0
        var high = totals.count
        while low < high {
            let middle = (low + high) / 2
            if totals[middle] > total { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Groups in a reader's order: grades by the tenant's ladder, job tracks as reference §2 lists them,
    /// unit codes by code; `-` (no group) last.
    static func groupOrder(_ group: RankingGroup, keys: Set<String>, connection: PostgresConnection, logger: Logger)
        async throws -> [String]
    {
        var ladder: [String] = []
        switch group {
        case .grade:
            for try await grades in try await connection.query("SELECT grades FROM tenants", logger: logger).decode(
                [String].self)
            {
                ladder = grades
            }
        case .jobTrack: ladder = JobTrack.allCases.map(\.rawValue)
        default: break
        }
        func position(_ key: String) -> (Int, String) {
            if key == "-" { return (Int.max, key) }
            return (ladder.firstIndex(of: key) ?? ladder.count, key)
        }
        return keys.sorted { position($0) < position($1) }
    }
}
