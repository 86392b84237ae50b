import PostgresNIO

/// A row of a file with the line it came from.
typealias Lined<Row> = (line: Int, row: Row)

/// One kind of import, row by row. Every kind goes the same way (`run`): read each record's cells,
/// every problem collected with its line (`Cells/`); review the rows together; keep the first row
/// of each key, dropping an identical repeat and refusing a different one; check the rows kept; then,
/// with no problem anywhere in the file, write them all as one set (`Writes/`). A kind says only what
/// it checks and where its rows go: its file in `Kinds/` holds its rules.
protocol RowImport {
    /// What rows are checked against, read once per import: the stored codes, spans of service, ….
    associatedtype Known = Void
    /// One valid row; a repeat of its key must be equal to it.
    associatedtype Row: Equatable

    /// The columns of the file (reference §3.1).
    static var columns: [CSVColumn] { get }
    static func known(_ input: ImportInput) async throws -> Known
    /// One record's row, or nil when a cell is wrong (each problem noted in `cells`).
    static func row(_ cells: inout CellReader, _ known: inout Known) async throws -> Row?
    /// Checks of all rows together, before repeats are sorted out: the rows that pass.
    static func review(_ rows: [Lined<Row>], _ known: Known, _ input: ImportInput, issues: inout [CSVIssue])
        async throws -> [Lined<Row>]
    /// The natural key: a row given twice is the same row.
    static func key(_ row: Row) -> [String]
    /// How a key given again with other values is named in its issue.
    static func describe(_ row: Row) -> String
    /// Checks of the rows kept, against each other and what is stored.
    static func check(_ rows: [Lined<Row>], _ input: ImportInput, issues: inout [CSVIssue]) async throws
    /// Writes valid rows, counting them in the summary.
    static func write(_ rows: [Lined<Row>], _ input: ImportInput, summary: inout ImportSummary) async throws
}

extension RowImport {
    /// The import in its transaction: all rows are written, or none and every problem is thrown.
    static func run(_ table: CSVTable, _ input: ImportInput, summary: inout ImportSummary) async throws {
        var known = try await known(input)
        var (rows, issues) = try await read(table, &known)
        rows = try await review(rows, known, input, issues: &issues)
        rows = dropRepeats(rows, issues: &issues)
        try await check(rows, input, issues: &issues)
        try requireNoIssues(issues)
        ImportProgress.writing(table.records.count)
        try await write(rows, input, summary: &summary)
    }

    /// The rows of a kind that needs nothing stored to check its cells (units, staff): checked before
    /// the transaction begins, so a wrong file is refused without waiting for the database.
    static func checkedRows(_ table: CSVTable) async throws -> [Lined<Row>] where Known == Void {
        var known: Void = ()
        var (rows, issues) = try await read(table, &known)
        rows = dropRepeats(rows, issues: &issues)
        try requireNoIssues(issues)
        return rows
    }

    private static func read(_ table: CSVTable, _ known: inout Known) async throws -> ([Lined<Row>], [CSVIssue]) {
        var rows: [Lined<Row>] = []
        var issues: [CSVIssue] = []
        let total = table.records.count
        for (index, record) in table.records.enumerated() {
            if index % 1_000 == 0 { ImportProgress.checking(index, of: total) }
            var cells = CellReader(record)
            let row = try await row(&cells, &known)
            issues += cells.issues
            guard cells.issues.isEmpty, let row else { continue }
            rows.append((record.line, row))
        }
        return (rows, issues)
    }

    private static func dropRepeats(_ rows: [Lined<Row>], issues: inout [CSVIssue]) -> [Lined<Row>] {
        var duplicates = DuplicateCheck<[String], Row>()
        return rows.filter { duplicates.admit(key($0.row), $0.row, line: $0.line, describe: describe($0.row), issues: &issues) }
    }

    static func review(_ rows: [Lined<Row>], _ known: Known, _ input: ImportInput, issues: inout [CSVIssue])
        async throws -> [Lined<Row>]
    { rows }

    static func describe(_ row: Row) -> String { key(row).joined(separator: " ") }

    static func check(_ rows: [Lined<Row>], _ input: ImportInput, issues: inout [CSVIssue]) async throws {}
}

extension RowImport where Known == Void {
    static func known(_ input: ImportInput) async throws {}
}

/// A kind whose rows go into one table by `SetUpsert`: a row's cells are its key cells, then its values.
protocol SetImport: RowImport {
    static var target: SetUpsert { get }
    /// The row as text cells, in the order of the target's key and value columns ("" is NULL).
    static func cells(_ row: Row) -> [String]
}

extension SetImport {
    static func key(_ row: Row) -> [String] { Array(cells(row).prefix(target.key.count)) }

    static func write(_ rows: [Lined<Row>], _ input: ImportInput, summary: inout ImportSummary) async throws {
        try await upsert(rows, input, summary: &summary)
    }

    /// The rows into the target, as one set.
    static func upsert(_ rows: [Lined<Row>], _ input: ImportInput, summary: inout ImportSummary) async throws {
        try await target.run(
            rows.map { cells($0.row) }, summary: &summary, connection: input.connection, context: input.context,
            logger: input.logger)
    }
}

extension SetImport where Row == [String] {
    static func cells(_ row: [String]) -> [String] { row }
}

/// What an import is given in its transaction.
struct ImportInput {
    let options: ImportOptions
    /// The caller's scope, else the one the import was run with.
    let scope: Scope
    let caller: Principal?
    let connection: PostgresConnection
    let context: TenantContext
    let logger: Logger

    /// The caller's employee number: nobody records evidence about themselves.
    var own: String? { caller?.employeeNo }

    /// The codes a query returns, for reference checks.
    func codes(_ query: PostgresQuery) async throws -> Set<String> {
        try await DXSkillsCore.codes(query, connection: connection, logger: logger)
    }
}

/// Row problems found, or nothing: an import is all or nothing.
func requireNoIssues(_ issues: [CSVIssue], unlisted: Int = 0) throws {
    guard issues.isEmpty else { throw DXSkillsError.invalidRows(issues.sorted { $0.line < $1.line }, unlisted: unlisted) }
}
