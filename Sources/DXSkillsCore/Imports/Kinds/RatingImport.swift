import Foundation
import PostgresNIO

/// 評語: S=5, A=4, B=3, C=2, D=1 (reference §4.8).
public enum Rating: String, Sendable, CaseIterable {
    case s = "S"
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"

    public var value: Int {
        switch self {
        case .s: return 5
        case .a: return 4
        case .b: return 3
        case .c: return 2
        case .d: return 1
        }
    }

    /// Full-width letters and lower case are accepted: `Ａ`, `a`.
    public init?(label: String) {
        self.init(rawValue: label.trimmingCharacters(in: .whitespaces).precomposedStringWithCompatibilityMapping.uppercased())
    }
}

/// `import ratings`: 一次評価・二次評価 per fiscal year, keyed by employee, item and stage.
///
/// The fiscal year of a row is its optional `fiscal_year` column, else `--fiscal-year`, else the latest
/// year whose criteria have every rating item the file names. Rules (reference §1, §4.8): the item is a
/// `rating` item of that year's criteria; nobody rates themselves; stage 2 comes from a different
/// evaluator than stage 1 (checked against the stored ratings too). An evaluator (the role) rates only
/// staff assigned in its subtree during the fiscal year, enters ratings under its own employee number,
/// and never replaces another evaluator's rating; HR enters sheets on behalf of any evaluator.
enum RatingImport: SetImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "item", aliases: ["評価項目"], required: true),
        CSVColumn(name: "stage", aliases: ["段階"], required: true),
        CSVColumn(name: "rating", aliases: ["評語"], required: true),
        CSVColumn(name: "evaluator", aliases: ["評価者"], required: true),
        CSVColumn(name: "fiscal_year", aliases: ["年度"], required: false),
    ]

    static let target = SetUpsert(
        table: "ratings",
        key: [
            .init(name: "fiscal_year", type: "integer"), .init(name: "employee_no", type: "text"),
            .init(name: "item", type: "text"), .init(name: "stage", type: "smallint"),
        ],
        values: [.init(name: "rating", type: "text"), .init(name: "evaluator", type: "text")])

    struct Row: Equatable {
        /// As given; after `review`, the year the row is for.
        var fiscalYear: Int?
        let employee: String
        let item: String
        let stage: Int
        let rating: Rating
        let evaluator: String
    }

    struct Key: Hashable {
        let fiscalYear: Int
        let employee: String
        let item: String
    }

    struct Known {
        let staff: Set<String>
        let criteria: [Int: CriteriaDocument]
        let caller: Principal?
    }

    static func known(_ input: ImportInput) async throws -> Known {
        Known(
            staff: try await input.codes("SELECT employee_no FROM staff"),
            criteria: try await EvaluationCriteria.all(connection: input.connection, logger: input.logger),
            caller: input.caller)
    }

    static func row(_ cells: inout CellReader, _ known: inout Known) -> Row? {
        let employee = cells.required("employee_no")
        let item = cells.required("item")
        let stage = cells.parsed("stage", required: true, stageNumber, else: Message(.unknownStage))
        let rating = cells.parsed("rating", required: true, Rating.init(label:), else: Message(.unknownRating))
        let evaluator = cells.required("evaluator")
        let year = cells.parsed(
            "fiscal_year", required: false, fiscalYear, else: Message(.notAFiscalYear))
        if let employee, !known.staff.contains(employee) { cells.fail("employee_no", employee, .unknownEmployee) }
        if let evaluator, !known.staff.contains(evaluator) { cells.fail("evaluator", evaluator, .unknownEmployee) }
        if let employee, let evaluator, employee == evaluator {
            cells.fail("evaluator", evaluator, .selfRating)
        }
        // HR entering sheets on behalf of evaluators does not enter its own.
        let caller = known.caller
        cells.refuseOwnEvidence(employee, own: caller?.employeeNo)
        if caller?.role == .evaluator, let own = caller?.employeeNo, let evaluator, evaluator != own {
            cells.fail("evaluator", evaluator, .ownRatingsOnly, ["own": "\(own)"])
        }
        guard cells.issues.isEmpty, let employee, let item, let stage, let rating, let evaluator else { return nil }
        return Row(fiscalYear: year, employee: employee, item: item, stage: stage, rating: rating, evaluator: evaluator)
    }

    /// Each row's fiscal year and its criteria's rating items; an evaluator's rows in its subtree.
    static func review(_ parsed: [Lined<Row>], _ known: Known, _ input: ImportInput, issues: inout [CSVIssue])
        async throws -> [Lined<Row>]
    {
        let criteria = known.criteria
        // The year of rows without one: given, or the latest whose criteria rate every item named.
        var defaultYear = input.options.fiscalYear
        if defaultYear == nil, parsed.contains(where: { $0.row.fiscalYear == nil }) {
            // Else the one rating the most of them: the other rows are then named as not its items.
            let items = Set(parsed.filter { $0.row.fiscalYear == nil }.map(\.row.item))
            let covered = { (year: Int) in items.intersection(criteria[year]!.ratingItems).count }
            defaultYear = criteria.keys.sorted(by: >).max { covered($0) < covered($1) }.flatMap { covered($0) > 0 ? $0 : nil }
        }
        var rows: [Lined<Row>] = []
        for (line, row) in parsed {
            guard let year = row.fiscalYear ?? defaultYear else {
                issues.append(
                    CSVIssue(
                        line: line, column: "item", value: row.item,
                        .ratingItemWithoutYear, ["item": "\(row.item)"]))
                continue
            }
            guard let document = criteria[year] else {
                issues.append(
                    CSVIssue(
                        line: line, column: "item", value: row.item,
                        .noCriteriaForYear, ["year": "\(year)"]))
                continue
            }
            guard document.ratingItems.contains(row.item) else {
                let known: MessageValue =
                    document.ratingItems.isEmpty ? .key(.noRatingItems) : .text(document.ratingItems.joined(separator: ", "))
                issues.append(
                    CSVIssue(
                        line: line, column: "item", value: row.item,
                        .notRatingItem, ["year": "\(year)", "items": known]))
                continue
            }
            var resolved = row
            resolved.fiscalYear = year
            rows.append((line, resolved))
        }
        if case .subtree(let root) = input.caller?.scope ?? .tenant {
            let years = Set(rows.compactMap(\.row.fiscalYear))
            var inScope: [Int: Set<String>] = [:]
            for year in years {
                // Assigned in the subtree at any time of the fiscal year: anyone else reads as unknown.
                inScope[year] = try await input.codes(
                    """
                    SELECT DISTINCT a.employee_no FROM assignments a JOIN unit_subtree(\(root)) t ON t.code = a.unit_code
                    WHERE a.is_primary AND a.valid_from <= \(Day.fiscalYearEnd(year))::date
                      AND (a.valid_to IS NULL OR a.valid_to >= \(Day.fiscalYearStart(year))::date)
                    """)
            }
            rows.removeAll { line, row in
                guard !inScope[row.fiscalYear!]!.contains(row.employee) else { return false }
                issues.append(CSVIssue(line: line, column: "employee_no", value: row.employee, .unknownEmployee))
                return true
            }
        }
        return rows
    }

    static func cells(_ row: Row) -> [String] {
        [String(row.fiscalYear!), row.employee, row.item, String(row.stage), row.rating.rawValue, row.evaluator]
    }

    static func describe(_ row: Row) -> String { "\(row.employee) \(row.item) stage \(row.stage)" }

    /// Stage 2 from a different evaluator than stage 1, in the file and the stored ratings together;
    /// an evaluator (the role) never replaces a rating another evaluator entered.
    static func check(_ rows: [Lined<Row>], _ input: ImportInput, issues: inout [CSVIssue]) async throws {
        guard !rows.isEmpty else { return }
        var stored: [Key: [Int: String]] = [:]
        for try await (year, employee, item, stage, evaluator) in try await input.connection.query(
            """
            SELECT fiscal_year, employee_no, item, stage::integer, evaluator FROM ratings
            WHERE fiscal_year = ANY(\(Array(Set(rows.map { $0.row.fiscalYear! })))::integer[])
              AND employee_no = ANY(\(Array(Set(rows.map(\.row.employee))))::text[])
            """, logger: input.logger
        ).decode((Int, String, String, Int, String).self) {
            stored[Key(fiscalYear: year, employee: employee, item: item), default: [:]][stage] = evaluator
        }
        var merged = stored
        var lines: [Key: [Int: Int]] = [:]
        for (line, row) in rows {
            let key = Key(fiscalYear: row.fiscalYear!, employee: row.employee, item: row.item)
            if input.caller?.role == .evaluator, let previous = stored[key]?[row.stage], previous != row.evaluator {
                issues.append(
                    CSVIssue(
                        line: line, column: "evaluator", value: row.evaluator,
                        .stageOwned,
                        [
                            "stage": "\(row.stage)", "employee": "\(row.employee)", "item": "\(row.item)",
                            "previous": "\(previous)",
                        ]))
            }
            merged[key, default: [:]][row.stage] = row.evaluator
            lines[key, default: [:]][row.stage] = line
        }
        for (key, stages) in lines {
            guard let first = merged[key]?[1], let second = merged[key]?[2], first == second else { continue }
            issues.append(
                CSVIssue(
                    line: stages[2] ?? stages[1]!, column: "evaluator", value: first,
                    .stageSameEvaluator, ["first": "\(first)", "employee": "\(key.employee)", "item": "\(key.item)"]))
        }
    }

    static func stageNumber(_ text: String) -> Int? {
        switch text.trimmingCharacters(in: .whitespaces).precomposedStringWithCompatibilityMapping {
        case "1", "一次", "一次評価": return 1
        case "2", "二次", "二次評価": return 2
        default: return nil
        }
    }

    static func fiscalYear(_ text: String) -> Int? {
        var digits = text.trimmingCharacters(in: .whitespaces).precomposedStringWithCompatibilityMapping
        if digits.hasSuffix("年度") { digits.removeLast(2) }
        guard let year = Int(digits), FiscalYear(year) != nil else { return nil }
        return year
    }
}
