import DXSkillsCore
import Foundation

/// One file of the bad-input corpus, `Tests/Fixtures/bad-csv/<kind>/NN_what.csv`, and what its
/// `NN_what.expected` beside it says every face must report: all the problems, in order.
public struct BadInputCase: Sendable, CustomStringConvertible {
    public struct Expected: Codable, Sendable {
        public let what: String
        /// `--encoding` / `?encoding=` to send with the file.
        public let encoding: String?
        /// `--fiscal-year` / `?fiscal_year=` (ratings).
        public let fiscal_year: Int?
        public let errors: [CSVIssue]
        /// How many problems the report leaves unlisted.
        public let more: Int?

        public init(what: String, encoding: String?, fiscal_year: Int?, errors: [CSVIssue], more: Int?) {
            (self.what, self.encoding, self.fiscal_year, self.errors, self.more) = (what, encoding, fiscal_year, errors, more)
        }
    }

    /// The folder: an import KIND, or `transfers`.
    public let kind: String
    /// `NN_what`.
    public let name: String
    public let path: String
    public let bytes: [UInt8]
    public let expected: Expected

    public var description: String { "\(kind)/\(name) (\(expected.what))" }

    /// Where the API takes the file: the import, or the transfers' write path.
    public var uri: String {
        var query: [String] = []
        if let encoding = expected.encoding { query.append("encoding=\(encoding)") }
        if let year = expected.fiscal_year { query.append("fiscal_year=\(year)") }
        let path = kind == "transfers" ? "/api/v1/transfers/apply" : "/api/v1/imports/\(kind)"
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// The same through the CLI.
    public var arguments: [String] {
        var arguments = kind == "transfers" ? ["transfers", "apply", path] : ["import", kind, path]
        if let encoding = expected.encoding { arguments += ["--encoding", encoding] }
        if let year = expected.fiscal_year { arguments += ["--fiscal-year", String(year)] }
        return arguments
    }

    /// The lines the CLI prints for the problems (see `reportingErrors`).
    public var cliLines: [String] {
        expected.errors.map { issue in
            var text = "\(path):\(issue.line): error:"
            if let column = issue.column { text += " \(column)" }
            if let value = issue.value { text += " \"\(value)\"" }
            return text + (issue.column == nil && issue.value == nil ? " " : ": ") + issue.reason
        }
    }
}

public enum BadInputCorpus {
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bad-csv")

    /// The folders the corpus must have: every import KIND, and transfers.
    public static let kinds = ImportKind.allCases.map(\.rawValue) + ["transfers"]

    /// Every file, in folder and name order.
    public static func cases() throws -> [BadInputCase] {
        let manager = FileManager.default
        var result: [BadInputCase] = []
        for kind in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
            let directory = folder.appendingPathComponent(kind)
            for file in try manager.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".csv") {
                let name = String(file.dropLast(4))
                let path = directory.appendingPathComponent(file).path
                let expected = try JSONDecoder().decode(
                    BadInputCase.Expected.self,
                    from: Data(contentsOf: directory.appendingPathComponent(name + ".expected")))
                result.append(
                    BadInputCase(
                        kind: kind, name: name, path: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))),
                        expected: expected))
            }
        }
        return result
    }

    /// The tenant every file is checked against: `SkillFixture`, FY2025's evaluation criteria and
    /// the career template ICT-STD, so that each kind's references have something to resolve to.
    public static func create(_ database: Database) async throws {
        try await SkillFixture.create(database)
        let criteria = try JSONDecoder().decode(CriteriaDocument.self, from: Data(RankingFixture.criteria.utf8))
        let template = CareerTemplateDocument(
            code: "ICT-STD", name: "標準",
            stages: [.init(name: "基礎期", years: 3, placement: "it", requires: [.init(cert: "FE")])])
        try await database.transaction(Fixture.context()) { connection in
            try await EvaluationCriteria.set(
                criteria, connection: connection, context: Fixture.context(), logger: database.logger)
            _ = try await CareerTemplates.set(
                template, connection: connection, context: Fixture.context(), logger: database.logger)
        }
    }

    /// The row count of every tenant table (audit log included), by table: what "nothing was
    /// written" is checked against, file by file.
    public static func tableCounts(_ database: Database) async throws -> [String: Int] {
        let rows = try await database.strings(
            Fixture.context(),
            """
            SELECT c.table_name || '=' || (xpath('/row/n/text()',
                     query_to_xml(format('SELECT count(*) AS n FROM %I', c.table_name), false, true, '')))[1]::text
            FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.column_name = 'tenant_id' AND c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name
            """)
        var counts: [String: Int] = [:]
        for row in rows {
            let parts = row.split(separator: "=")
            counts[String(parts[0])] = Int(parts[1])
        }
        return counts
    }
}
