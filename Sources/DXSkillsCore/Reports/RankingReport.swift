import Foundation
import PostgresNIO

/// How rankings are grouped (reference §4.8): none, grade, job track, or the nearest unit of a kind.
public enum RankingGroup: Sendable, Equatable, CustomStringConvertible {
    case none, grade, jobTrack
    case unitKind(String)

    /// `none`, `grade`, `job_track`, or any other text as a unit kind (局, 部, 課).
    public init(_ text: String) {
        switch text {
        case "none", "": self = .none
        case "grade": self = .grade
        case "job_track": self = .jobTrack
        default: self = .unitKind(text)
        }
    }

    public var description: String {
        switch self {
        case .none: return "none"
        case .grade: return "grade"
        case .jobTrack: return "job_track"
        case .unitKind(let kind): return kind
        }
    }

    var kind: String? {
        if case .unitKind(let kind) = self { return kind }
        return nil
    }
}

/// One staff member's evaluation: item scores, and the total and rank unless incomplete.
public struct RankingLine: Sendable, Equatable {
    public let employeeNo: String
    public let name: String
    public let unitCode: String
    public let unitName: String
    /// The group key: unit code, grade or job track; `-` for none.
    public let group: String
    /// Score per item code, in the criteria's order; nil for a missing rating.
    public let scores: [(code: String, score: Fraction?)]
    /// The exact total; nil when incomplete.
    public let exactTotal: Fraction?
    /// The total rounded half away from zero to 2 decimals, e.g. `83.33`; nil when incomplete.
    public let total: String?
    public let rank: Int?
    /// Ranked staff in the group (percentile = (rank − 1) / (groupSize − 1), 0 when 1).
    public let groupSize: Int

    public var incomplete: Bool { total == nil }

    /// (rank − 1) / (n − 1), 0 when n = 1; nil when incomplete.
    public var percentile: Fraction? {
        guard let rank else { return nil }
        return groupSize <= 1 ? .zero : Fraction(rank - 1, over: groupSize - 1)
    }

    public static func == (a: RankingLine, b: RankingLine) -> Bool {
        a.employeeNo == b.employeeNo && a.group == b.group && a.exactTotal == b.exactTotal && a.rank == b.rank
            && a.groupSize == b.groupSize && a.scores.map(\.code) == b.scores.map(\.code)
            && a.scores.map(\.score) == b.scores.map(\.score)
    }
}

/// A ranking with the criteria it was computed from.
public struct Ranking: Sendable {
    public let fiscalYear: Int
    public let asOf: Day
    public let group: RankingGroup
    public let unit: String?
    public let criteria: CriteriaDocument
    public let lines: [RankingLine]
}

/// reference §4.8 evaluation and ranking. Raw amounts come from one set-based query; scores and totals
/// are exact fractions, rounded once at the end.
public enum RankingReport {
    /// The day rankings of a fiscal year are computed on by default: min(today, FY end).
    public static func defaultDay(fiscalYear: Int, today: Day = .today()) -> Day {
        min(today, Day.fiscalYearEnd(fiscalYear))
    }

    /// Rankings for the caller's scope (or `unit` within it); every read is written to the audit log.
    public static func run(
        principal: Principal, fiscalYear: Int, group: RankingGroup, unit: String?, asOf: Day?, purpose: String = "json",
        connection: PostgresConnection, logger: Logger
    ) async throws -> Ranking {
        try principal.require(.admin, .hr, .evaluator, to: "read rankings")
        guard (1989...2200).contains(fiscalYear) else {
            throw DXSkillsError.badParameter("fiscal_year must be a year such as 2025, got \(fiscalYear)")
        }
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        let criteria = try await EvaluationCriteria.document(fiscalYear: fiscalYear, connection: connection, logger: logger)
        if let kind = group.kind,
            try await connection.query("SELECT 1 FROM units WHERE kind = \(kind) LIMIT 1", logger: logger).collect().isEmpty
        {
            throw DXSkillsError.notFound(
                "units of kind \(kind) to group by (use none, grade, job_track or a unit kind such as 局, 部 or 課)")
        }
        let day = asOf ?? defaultDay(fiscalYear: fiscalYear)
        let scoring = Scoring(criteria)
        let raws = try await amounts(
            scoring: scoring, root: root, group: group, asOf: day, connection: connection, logger: logger)
        let lines = try await rank(raws, scoring: scoring, group: group, connection: connection, logger: logger)
        try await audit(
            fiscalYear: fiscalYear, group: group, root: root, asOf: day, purpose: purpose, rows: lines.count,
            connection: connection, logger: logger)
        return Ranking(fiscalYear: fiscalYear, asOf: day, group: group, unit: root, criteria: criteria, lines: lines)
    }

    /// What one staff member has done in the fiscal year, before scoring.
    struct Amounts {
        let employeeNo: String
        let name: String
        let unitCode: String
        let unitName: String
        let group: String
        let hours: Fraction
        let points: Fraction
        /// Level of each of `Scoring.skills`, in that order (0 without evidence).
        let levels: [Int]
        let leader: Bool
        /// The final rating of each of `Scoring.ratingItems`, in that order.
        let ratings: [Rating?]
    }

    static func amounts(
        scoring: Scoring, root: String?, group: RankingGroup, asOf day: Day, connection: PostgresConnection,
        logger: Logger
    ) async throws -> [Amounts] {
        let first = Day.fiscalYearStart(scoring.fiscalYear)
        let last = Day.fiscalYearEnd(scoring.fiscalYear)
        let asOf = day
        let groupColumn: String
        switch group {
        case .none: groupColumn = "'-'"
        case .grade: groupColumn = "coalesce(s.grade, '-')"
        case .jobTrack: groupColumn = "s.job_track"
        case .unitKind: groupColumn = "coalesce(k.code, '-')"
        }
        // One column per skill and per rated item (their codes are bound as $5 and $8, never spliced
        // in): aggregating straight into columns needs no per-skill grouping, sorting or arrays.
        let levelColumns = scoring.skills.indices.map {
            "max(e.level) FILTER (WHERE e.skill_code = ($5::text[])[\($0 + 1)]) AS l\($0)"
        }
        let ratingColumns = scoring.ratingItems.indices.map { i in
            "coalesce(max(r.rating) FILTER (WHERE r.item = ($8::text[])[\(i + 1)] AND r.stage = 2), "
                + "max(r.rating) FILTER (WHERE r.item = ($8::text[])[\(i + 1)] AND r.stage = 1)) AS r\(i)"
        }
        let selected =
            scoring.skills.indices.map { "coalesce(l.l\($0), 0)" } + scoring.ratingItems.indices.map { "f.r\($0)" }
        let query = PostgresQuery(
            unsafeSQL: """
                WITH RECURSIVE population AS (
                  SELECT p.employee_no, p.unit_code FROM headcount_population($1::date) p
                  WHERE $2::text IS NULL OR p.unit_code IN (SELECT code FROM unit_subtree($2::text))),
                up AS (
                  SELECT u.code AS start, u.code, u.parent_code, u.kind, 0 AS depth FROM units u
                  WHERE $6::text IS NOT NULL AND u.code IN (SELECT unit_code FROM population)
                  UNION ALL
                  SELECT up.start, p.code, p.parent_code, p.kind, up.depth + 1
                  FROM up JOIN units p ON p.code = up.parent_code WHERE up.kind <> $6::text),
                kinds AS (SELECT DISTINCT ON (start) start, code FROM up WHERE kind = $6::text ORDER BY start, depth),
                hours AS (
                  SELECT t.employee_no, sum(coalesce(t.hours, c.hours)) AS hours
                  FROM training_records t JOIN courses c ON c.code = t.course_code
                  WHERE t.status = 'completed' AND t.completed_on BETWEEN $3::date AND $1::date
                  GROUP BY t.employee_no),
                points AS (
                  SELECT v.employee_no, sum(c.points) AS points
                  FROM (SELECT DISTINCT employee_no, cert_code FROM cert_validity()
                        WHERE acquired_on <= $1::date AND (valid_until IS NULL OR $1::date <= valid_until)) v
                  JOIN certifications c ON c.code = v.cert_code
                  GROUP BY v.employee_no),
                levels AS (
                  SELECT e.employee_no\(levelColumns.map { ", " + $0 }.joined())
                  FROM skill_evidence($1::date) e WHERE e.skill_code = ANY($5::text[]) GROUP BY e.employee_no),
                leaders AS (
                  SELECT DISTINCT employee_no FROM designations
                  WHERE role IN ('leader', 'sub_leader') AND term_start <= $4::date AND term_end >= $3::date),
                finals AS (
                  SELECT r.employee_no\(ratingColumns.map { ", " + $0 }.joined())
                  FROM ratings r WHERE r.fiscal_year = $7::integer AND r.item = ANY($8::text[]) GROUP BY r.employee_no)
                SELECT p.employee_no, s.name, p.unit_code, u.name, \(groupColumn),
                       coalesce(h.hours, 0)::text, coalesce(pt.points, 0)::text, ld.employee_no IS NOT NULL
                       \(selected.map { ", " + $0 }.joined())
                FROM population p
                JOIN staff s ON s.employee_no = p.employee_no
                JOIN units u ON u.code = p.unit_code
                LEFT JOIN kinds k ON k.start = p.unit_code
                LEFT JOIN hours h ON h.employee_no = p.employee_no
                LEFT JOIN points pt ON pt.employee_no = p.employee_no
                LEFT JOIN levels l ON l.employee_no = p.employee_no
                LEFT JOIN leaders ld ON ld.employee_no = p.employee_no
                LEFT JOIN finals f ON f.employee_no = p.employee_no
                """,
            binds: {
                var binds = PostgresBindings()
                binds.append(asOf)
                binds.append(root)
                binds.append(first)
                binds.append(last)
                binds.append(scoring.skills)
                binds.append(group.kind)
                binds.append(scoring.fiscalYear)
                binds.append(scoring.ratingItems)
                return binds
            }())
        var result: [Amounts] = []
        let skillCount = scoring.skills.count
        for try await row in try await connection.query(query, logger: logger) {
            let cells = PostgresRandomAccessRow(row)
            var levels: [Int] = []
            levels.reserveCapacity(skillCount)
            for index in 0..<skillCount { levels.append(try cells[8 + index].decode(Int.self)) }
            var ratings: [Rating?] = []
            ratings.reserveCapacity(scoring.ratingItems.count)
            for index in scoring.ratingItems.indices {
                ratings.append(try cells[8 + skillCount + index].decode(String?.self).flatMap { Rating(rawValue: $0) })
            }
            result.append(
                Amounts(
                    employeeNo: try cells[0].decode(String.self), name: try cells[1].decode(String.self),
                    unitCode: try cells[2].decode(String.self), unitName: try cells[3].decode(String.self),
                    group: try cells[4].decode(String.self),
                    hours: Fraction(decimal: try cells[5].decode(String.self)) ?? .zero,
                    points: Fraction(decimal: try cells[6].decode(String.self)) ?? .zero,
                    levels: levels, leader: try cells[7].decode(Bool.self), ratings: ratings))
        }
        return result
    }

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
            for item in items where item.itemType == .skillAverage {
                for skill in item.skills ?? [] where !skills.contains(skill) { skills.append(skill) }
            }
            self.skills = skills
            let ratingItems = items.filter { $0.itemType == .rating }.map(\.code)
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
            switch item.itemType {
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
            case nil: score = .zero
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

    /// reference §1: every read of rankings is audited — who (the transaction's actor), when, which scope.
    static func audit(
        fiscalYear: Int, group: RankingGroup, root: String?, asOf: Day, purpose: String, rows: Int,
        connection: PostgresConnection, logger: Logger
    ) async throws {
        let key = #"{"fiscal_year": \#(fiscalYear)}"#
        let scope: [String: String?] = [
            "unit": root, "group": group.description, "as_of": asOf.description, "format": purpose, "rows": String(rows),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let after = String(decoding: try encoder.encode(scope), as: UTF8.self)
        // The service may not insert into audit_log: audit_read (sql/008) writes the row, with the
        // tenant, actor, request id and time of this transaction.
        try await connection.run(
            "SELECT audit_read('rankings', \(key)::jsonb, \(after)::jsonb)", logger: logger)
    }
}

extension Ranking {
    /// The ranking as CSV for Excel (reference §3.3). A Shift_JIS export that cannot hold a name fails
    /// with every such row named, unless `replaceUnmappable` (then 〓 and one warning per row).
    public func csv(encoding: CSVOutputEncoding, replaceUnmappable: Bool, english: Bool) throws -> CSVOutput {
        let header =
            (english
                ? ["employee_no", "name", "unit_code", "unit_name", "group", "total", "rank", "percentile", "status"]
                : ["職員番号", "氏名", "所属コード", "所属名", "グループ", "合計", "順位", "パーセンタイル", "状態"])
            + criteria.items.map(\.code)
        let rows = lines.map { line in
            [
                // No group is a blank cell here (`-` in JSON): Excel would show the escaped `'-`.
                line.employeeNo, line.name, line.unitCode, line.unitName, line.group == "-" ? "" : line.group, line.total ?? "",
                line.rank.map(String.init) ?? "", line.percentile?.decimalText(places: 6) ?? "",
                line.incomplete ? (english ? "incomplete" : "未完了") : "",
            ] + line.scores.map { $0.score?.decimalText(places: 2) ?? "" }
        }
        let numeric = Set([5, 6, 7] + (0..<criteria.items.count).map { 9 + $0 })
        switch CSVWriter.encode(
            header: header, rows: rows, numericColumns: numeric, encoding: encoding, replaceUnmappable: replaceUnmappable)
        {
        case .success(let output):
            let warnings = zip(output.warnings, output.replacedRows).map { warning, row in
                "\(warning) (\(lines[row - 1].employeeNo))"
            }
            return CSVOutput(bytes: output.bytes, warnings: warnings, replacedRows: output.replacedRows)
        case .failure(let error):
            let rows = error.rows.map { "row \($0.row) (\(lines[$0.row - 1].employeeNo)): \(String($0.characters))" }
            throw DXSkillsError.invalid(
                "Shift_JIS cannot hold \(rows.joined(separator: "; ")); export with --encoding utf8-bom, "
                    + "or --replace-unmappable to write 〓")
        }
    }
}
