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
        try principal.require(.admin, .hr, .evaluator, to: .actReadRankings)
        guard FiscalYear(fiscalYear) != nil else {
            throw DXSkillsError.badParameter(Message(.parameterYear, ["name": "fiscal_year", "value": "\(fiscalYear)"]))
        }
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        let criteria = try await EvaluationCriteria.document(fiscalYear: fiscalYear, connection: connection, logger: logger)
        if let kind = group.kind,
            try await connection.query("SELECT 1 FROM units WHERE kind = \(kind) LIMIT 1", logger: logger).collect().isEmpty
        {
            throw DXSkillsError.notFound(Message(.objUnitKind, ["kind": "\(kind)"]))
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
}
