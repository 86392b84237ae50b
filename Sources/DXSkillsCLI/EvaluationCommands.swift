import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation
import OpenAPIRuntime

struct CriteriaCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "criteria", abstract: .catalog(.criteriaAbstract),
            subcommands: [Set.self, Show.self, Disclose.self])
    }

    struct Set: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.criteriaSetAbstract)
            )
        }
        @Argument(help: .catalog(.jsonDocument)) var file: String

        func run() async throws {
            try await reportingErrors(file: file) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CLIError(.usage, Message(.cliCannotRead, ["file": "\(file)"]))
                }
                let document: CriteriaDocument
                do {
                    document = try JSONDecoder().decode(CriteriaDocument.self, from: data)
                } catch {
                    throw CLIError(.invalid, Message(.cliNotCriteria, ["file": "\(file)", "error": "\(error)"]))
                }
                let client = try makeClient(try Credentials.load())
                _ = try await callAPI {
                    try await client.setCriteria(
                        body: .json(
                            .init(
                                fiscalYear: document.fiscalYear,
                                items: document.items.map {
                                    .init(
                                        code: $0.code, _type: $0.type.rawValue, weight: $0.weight, cap: $0.cap, skills: $0.skills,
                                        name: $0.name)
                                }))
                    ).noContent
                }
                print("stored \(document.items.count) item(s) for fiscal year \(document.fiscalYear)")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.criteriaShowAbstract)) }
        @Option(name: .customLong("fiscal-year"), help: .catalog(.fiscalYear)) var fiscalYear: Int

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let document = try await callAPI {
                    try await client.getCriteria(path: .init(fiscalYear: fiscalYear)).ok.body.json
                }
                printJSON(
                    CriteriaDocument(
                        fiscalYear: document.fiscalYear,
                        items: document.items.map {
                            .init(
                                code: $0.code, type: .init(rawValue: $0._type), weight: $0.weight, cap: $0.cap, skills: $0.skills,
                                name: $0.name)
                        }))
            }
        }
    }

    struct Disclose: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.criteriaDiscloseAbstract),
                discussion: .catalog(.criteriaDiscloseDiscussion))
        }
        @Option(name: .customLong("fiscal-year"), help: .catalog(.fiscalYear)) var fiscalYear: Int

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let disclosure = try await callAPI {
                    try await client.discloseEvaluation(path: .init(fiscalYear: fiscalYear)).ok.body.json
                }
                let at = disclosure.disclosedAt.formatted(.iso8601)
                switch disclosure.outcome {
                case .disclosed: print("disclosed fiscal year \(fiscalYear)")
                case .unchanged:
                    print("fiscal year \(fiscalYear) was already disclosed at \(at) by \(disclosure.disclosedBy)")
                }
            }
        }
    }
}

struct RankingsCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "rankings",
            abstract: .catalog(.rankingsAbstract),
            discussion: .catalog(.rankingsDiscussion))
    }
    @Option(name: .customLong("fiscal-year"), help: .catalog(.fiscalYear)) var fiscalYear: Int
    @Option(help: .catalog(.rankingsGroup)) var group = RankingGroup.none
    @Option(help: .catalog(.rootUnit)) var unit: String?
    @Option(name: .customLong("as-of"), help: .catalog(.rankingsAsOf))
    var asOf: String?
    @Option(help: .catalog(.rankingsEncoding)) var encoding = CSVOutputEncoding.utf8BOM
    @Flag(name: .customLong("replace-unmappable"), help: .catalog(.rankingsReplaceUnmappable))
    var replaceUnmappable = false
    @Option(name: [.customShort("o"), .customLong("output")], help: .catalog(.rankingsOutputFile))
    var outputFile: String?
    @Option(name: .customLong("date-style"), help: .catalog(.rankingsDateStyle))
    var dateStyle: SheetDateStyle = .iso
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let asOf, DateParser.parse(asOf) == nil {
            throw ValidationError(Message(.cliNotADate, ["option": "--as-of", "value": "\(asOf)"]))
        }
    }

    var day: String? { asOf.flatMap { DateParser.parse($0)?.description } }

    /// The flags for names a Shift_JIS export cannot hold.
    func hint(_ error: CLIError) -> String? {
        encoding == .sjis && !replaceUnmappable
            && Language.allCases.contains {
                error.message.hasPrefix(MessageCatalog.template(.sjisCannotHold, $0).prefix { $0 != "{" })
            }
            ? "--encoding utf8-bom keeps every name; --replace-unmappable writes 〓 instead" : nil
    }

    func run() async throws {
        try await reportingErrors(hint: hint) {
            let client = try makeClient(try Credentials.load())
            let bytes: Data
            if output.format == .csv {
                let response = try await callAPI {
                    try await client.exportRankings(
                        query: .init(
                            fiscalYear: fiscalYear, group: group.description, unit: unit, asOf: day, encoding: .init(encoding),
                            replaceUnmappable: replaceUnmappable, lang: output.language == .en ? .en : .ja)
                    ).ok
                }
                for warning in (response.headers.dxSkillsWarnings ?? "").split(separator: "\n") {
                    note(Message(.cliWarning, ["text": "\(warning)"]))
                }
                // Rows received of the service's DXSkills-Rows on stderr as the file arrives (reference §10.4).
                bytes = Data(
                    try await ExportProgressDisplay.download(
                        try response.body.csv, file: outputFile ?? "stdout", rows: response.headers.dxSkillsRows, csv: true,
                        upTo: 1 << 30))
            } else {
                let ranking = try await callAPI {
                    try await client.getRankings(
                        query: .init(fiscalYear: fiscalYear, group: group.description, unit: unit, asOf: day)
                    ).ok
                        .body.json
                }
                if output.format == .xlsx {
                    // Built from the same read as JSON, which the service audits like an export.
                    try SheetOutput(asOf: ranking.asOf, file: outputFile, dateStyle: dateStyle)
                        .write(ReportSheets.rankings(ranking, Words(output.language)))
                    note(Message(.cliWrote, ["file": "\(outputFile ?? "")"]))
                    return
                }
                bytes = Data((output.format == .json ? json(ranking) : table(ranking)).utf8)
            }
            guard let outputFile else {
                writeStandardOutput(Array(bytes))
                return
            }
            do {
                // Written whole or not at all: a failed export leaves no half file behind.
                try bytes.write(to: URL(fileURLWithPath: outputFile), options: .atomic)
            } catch {
                throw CLIError(
                    .usage, Message(.cliCannotWriteBecause, ["file": "\(outputFile)", "error": "\(error.localizedDescription)"]))
            }
            note(Message(.cliWroteBytes, ["file": "\(outputFile)", "bytes": "\(bytes.count)"]))
        }
    }

    /// docs/reference.md §5.2: `[{"employee_no", "name", "group", "total", "rank", "percentile", "incomplete", "items"}]`.
    func json(_ ranking: Components.Schemas.Ranking) -> String {
        let lines = ranking.lines.map { line in
            let items = line.scores.map {
                "\(FlatJSON.string($0.code).text): \($0.score.map { FlatJSON.string($0).text } ?? "null")"
            }
            let fields: [(String, FlatJSON)] = [
                ("employee_no", .string(line.employeeNo)), ("name", .string(line.name)), ("group", .string(line.group)),
                ("total", line.total.map { .string($0) } ?? .null), ("rank", line.rank.map { .int($0) } ?? .null),
                ("percentile", line.percentile.map { .number($0) } ?? .null), ("incomplete", .bool(line.incomplete)),
            ]
            return "  {" + fields.map { "\(FlatJSON.string($0.0).text): \($0.1.text)" }.joined(separator: ", ")
                + ", \"items\": {" + items.joined(separator: ", ") + "}}"
        }
        return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    func table(_ ranking: Components.Schemas.Ranking) -> String {
        let words = Words(output.language)
        let headers =
            [words.employeeNo, words.name, words.group, words.total, words.rank, words.percentile, words.status]
            + ranking.items.map(\.label)
        let rows = ranking.lines.map { line in
            [
                line.employeeNo, line.name, line.group, line.total ?? "-", line.rank.map(String.init) ?? "-",
                line.percentile.flatMap { Double($0) }.map { String(format: "%.1f%%", $0 * 100) } ?? "-",
                line.incomplete ? words.incomplete : "",
            ] + line.scores.map { $0.score ?? "-" }
        }
        let ranked = ranking.lines.count { !$0.incomplete }
        return TextTable(headers: headers, rows: rows, rightAligned: Swift.Set([3, 4, 5] + (7..<headers.count))).render()
            + words.rankingFooter(
                fiscalYear: ranking.fiscalYear, asOf: ranking.asOf, ranked: ranked, incomplete: ranking.lines.count - ranked)
            + "\n"
    }
}
