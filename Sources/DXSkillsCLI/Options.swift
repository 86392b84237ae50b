import ArgumentParser
import DXSkillsCore
import Foundation

/// `--format table|csv|json|xlsx` (xlsx: the report commands, with `-o FILE`).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, xlsx
}

extension SheetDateStyle: ExpressibleByArgument {}

/// `-o FILE` and `--date-style` of the report commands' Excel files (reference §10).
struct SheetOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: .catalog(.sheetOptionsFile))
    var file: String?

    @Option(name: .customLong("date-style"), help: .catalog(.sheetOptionsDateStyle))
    var dateStyle: SheetDateStyle = .iso
}

/// `--lang ja|en`, by default from LC_ALL, LC_MESSAGES or LANG (`Terminal.language`).
extension Language: ExpressibleByArgument {
    static var fromEnvironment: Language { Terminal.current.language }
}

/// Output flags shared by every client command.
struct OutputOptions: ParsableArguments {
    @Option(help: .catalog(.outputOptionsFormat))
    var format: OutputFormat = .table

    @Option(help: .catalog(.outputOptionsLang))
    var lang: Language?

    var language: Language { lang ?? .fromEnvironment }
}

/// `--as-of D`: any date form the imports accept (2025-04-01, 2025/4/1, R7.4.1, 令和7年4月1日).
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: .catalog(.asOfOptionAsOf))
    var asOf: String?

    func validate() throws {
        if let asOf, DateParser.parse(asOf) == nil {
            throw ValidationError(Message(.cliNotADate, ["option": "--as-of", "value": "\(asOf)"]))
        }
    }

    var iso: String? { asOf.flatMap { DateParser.parse($0)?.description } }
}

/// The database the `serve`, `db` and `admin` commands use.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: .catalog(.databaseOptionsDatabaseURL))
    var databaseURL: String?

    func url() throws -> DatabaseURL {
        guard let text = databaseURL ?? Terminal.current.environment["DATABASE_URL"], !text.isEmpty else {
            throw CLIError(.usage, Message(.cliNoDatabaseURL))
        }
        do { return try DatabaseURL(text) } catch { throw CLIError(error) }
    }
}
