import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation

struct CoverageCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "coverage", abstract: .catalog(.coverageAbstract)
        )
    }
    @Option(help: .catalog(.rootUnit)) var unit: String?
    @Option(help: .catalog(.coverageKind)) var kind: String?
    @Option(help: .catalog(.coverageSkill)) var skill: String?
    @Option(help: .catalog(.coverageLevel)) var level = 1
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: OutputOptions
    @OptionGroup var sheet: SheetOptions

    func validate() throws {
        guard SkillLevel.range.contains(level) else {
            throw ValidationError(Message(.cliRange, ["option": "--level", "min": "1", "max": "4"]))
        }
    }

    func run() async throws {
        try await reportingErrors {
            let client = try makeClient(try Credentials.load())
            let lines = try await callAPI {
                try await client.getCoverage(
                    query: .init(unit: unit, asOf: asOf.iso, kind: kind, skill: skill, level: level)
                ).ok.body.json
            }
            if output.format == .json {
                FlatJSON.printArray(
                    lines.map {
                        [
                            ("unit_code", .string($0.unitCode)), ("skill_code", .string($0.skillCode)), ("level", .int($0.level)),
                            ("headcount", .int($0.headcount)), ("count", .int($0.count)),
                            ("ratio", .ratio(Ratio($0.count, of: $0.headcount))),
                        ]
                    })
                return
            }
            let words = Words(output.language)
            try emit(
                Listing(
                    headers: [
                        words.unitCode, words.unitName, words.skill, words.level, words.headcount, words.count, words.ratio,
                    ],
                    rows: lines.map {
                        [
                            $0.unitCode, $0.unitName, $0.skillCode, String($0.level), String($0.headcount), String($0.count),
                            Ratio($0.count, of: $0.headcount).percentText,
                        ]
                    },
                    numericColumns: [3, 4, 5, 6], json: [String](), sheet: ReportSheets.coverage(lines, words)),
                output, sheet: SheetOutput(asOf: asOf.iso, sheet))
        }
    }
}

struct CompletionCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "completion", abstract: .catalog(.completionAbstract))
    }
    @Option(help: .catalog(.completionCourse)) var course: String
    @Option(help: .catalog(.rootUnit)) var unit: String?
    @Option(help: .catalog(.completionKind)) var kind: String?
    @Option(name: .customLong("fiscal-year"), help: .catalog(.completionFiscalYear)) var fiscalYear: Int?
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: OutputOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        try await reportingErrors {
            let client = try makeClient(try Credentials.load())
            let lines = try await callAPI {
                try await client.getCompletion(
                    query: .init(course: course, unit: unit, asOf: asOf.iso, kind: kind, fiscalYear: fiscalYear)
                ).ok.body.json
            }
            if output.format == .json {
                FlatJSON.printArray(
                    lines.map {
                        [
                            ("unit_code", .string($0.unitCode)), ("course_code", .string($0.courseCode)),
                            ("headcount", .int($0.headcount)), ("count", .int($0.count)),
                            ("ratio", .ratio(Ratio($0.count, of: $0.headcount))),
                        ]
                    })
                return
            }
            let words = Words(output.language)
            try emit(
                Listing(
                    headers: [words.unitCode, words.unitName, words.headcount, words.completed, words.ratio],
                    rows: lines.map {
                        [
                            $0.unitCode, $0.unitName, String($0.headcount), String($0.count),
                            Ratio($0.count, of: $0.headcount).percentText,
                        ]
                    },
                    numericColumns: [2, 3, 4], json: [String](), sheet: ReportSheets.completion(lines, words)),
                output, sheet: SheetOutput(asOf: asOf.iso, sheet))
        }
    }
}

struct CertsCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "certs", abstract: .catalog(.certsAbstract), subcommands: [Expiring.self])
    }

    struct Expiring: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.certsExpiringAbstract))
        }
        @Option(help: .catalog(.certsExpiringWithin)) var within = 90
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions
        @OptionGroup var sheet: SheetOptions

        func validate() throws {
            guard (0...3650).contains(within) else {
                throw ValidationError(Message(.cliRange, ["option": "--within", "min": "0", "max": "3650"]))
            }
        }

        struct Row: Encodable {
            let employee_no: String
            let cert_code: String
            let expires_on: String
        }

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let holdings = try await callAPI {
                    try await client.getExpiringCertifications(query: .init(asOf: asOf.iso, within: within)).ok.body.json
                }
                let words = Words(output.language)
                try emit(
                    Listing(
                        headers: [words.employeeNo, words.name, words.certification, words.expiresOn],
                        rows: holdings.map { [$0.employeeNo, $0.name, "\($0.certName) (\($0.certCode))", $0.expiresOn] },
                        json: holdings.map { Row(employee_no: $0.employeeNo, cert_code: $0.certCode, expires_on: $0.expiresOn) },
                        sheet: ReportSheets.expiring(holdings, words)),
                    output, sheet: SheetOutput(asOf: asOf.iso, sheet))
            }
        }
    }
}
