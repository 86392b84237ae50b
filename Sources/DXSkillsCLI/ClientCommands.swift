import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation

struct HeadcountCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "headcount",
            abstract: .catalog(.headcountAbstract))
    }
    @Option(help: .catalog(.rootUnit)) var unit: String?
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: OutputOptions
    @OptionGroup var sheet: SheetOptions

    struct Line: Encodable {
        let unit_code: String
        let headcount: Int
    }

    func run() async throws {
        try await reportingErrors {
            let client = try makeClient(try Credentials.load())
            let lines = try await callAPI {
                try await client.getHeadcount(query: .init(unit: unit, asOf: asOf.iso)).ok.body.json
            }
            let words = Words(output.language)
            try emit(
                Listing(
                    headers: [words.unitCode, words.unitName, words.kind, words.headcount],
                    rows: lines.map { [$0.unitCode, indent($0.depth) + $0.unitName, $0.kind, String($0.headcount)] },
                    numericColumns: [3],
                    json: lines.map { Line(unit_code: $0.unitCode, headcount: $0.headcount) },
                    sheet: ReportSheets.headcount(lines, words)),
                output, sheet: SheetOutput(asOf: asOf.iso, sheet))
        }
    }
}

struct UnitsCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "units", abstract: .catalog(.unitsAbstract), subcommands: [Tree.self])
    }

    struct Tree: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.unitsTreeAbstract)) }
        @Option(help: .catalog(.rootUnit)) var unit: String?
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions

        struct Node: Encodable {
            let code: String
            let name: String
            let kind: String
            let parent_code: String?
            let valid_from: String
            let valid_to: String?
            let it_department: Bool
            let depth: Int
        }

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let nodes = try await callAPI {
                    try await client.listUnits(query: .init(unit: unit, asOf: asOf.iso)).ok.body.json
                }
                let words = Words(output.language)
                try emit(
                    Listing(
                        headers: [
                            words.unitCode, words.unitName, words.kind, words.itDepartment, words.validFrom, words.validTo,
                        ],
                        rows: nodes.map {
                            [
                                $0.code, indent($0.depth) + $0.name, $0.kind, $0.itDepartment ? "○" : "", $0.validFrom,
                                $0.validTo ?? "",
                            ]
                        },
                        json: nodes.map {
                            Node(
                                code: $0.code, name: $0.name, kind: $0.kind, parent_code: $0.parentCode, valid_from: $0.validFrom,
                                valid_to: $0.validTo, it_department: $0.itDepartment, depth: $0.depth)
                        }),
                    output)
            }
        }
    }
}

struct StaffCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "staff", abstract: .catalog(.staffAbstract), subcommands: [List.self, Show.self])
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.staffListAbstract)) }
        @Option(help: .catalog(.rootUnit)) var unit: String?
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions
        @OptionGroup var sheet: SheetOptions

        struct Row: Encodable {
            let employee_no: String
            let name: String
            let kana: String?
            let unit_code: String
            let unit_name: String
            let grade: String?
            let job_track: String
            let employment_type: String
        }

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let staff = try await callAPI {
                    try await client.listStaff(query: .init(unit: unit, asOf: asOf.iso)).ok.body.json
                }
                let words = Words(output.language)
                try emit(
                    Listing(
                        headers: [
                            words.employeeNo, words.name, words.unitName, words.grade, words.jobTrack, words.employmentType,
                        ],
                        rows: staff.map {
                            [
                                $0.employeeNo, $0.name, $0.unitName, $0.grade ?? "", words.jobTrack($0.jobTrack),
                                words.employmentType($0.employmentType),
                            ]
                        },
                        json: staff.map {
                            Row(
                                employee_no: $0.employeeNo, name: $0.name, kana: $0.kana, unit_code: $0.unitCode,
                                unit_name: $0.unitName, grade: $0.grade, job_track: $0.jobTrack,
                                employment_type: $0.employmentType)
                        }, sheet: ReportSheets.staff(staff, words)),
                    output, sheet: SheetOutput(asOf: asOf.iso, sheet))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.staffShowAbstract)) }
        @Argument(help: .catalog(.employeeNo)) var employeeNo: String
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions

        struct Record: Encodable {
            struct Assignment: Encodable {
                let unit_code: String
                let unit_name: String
                let from: String
                let to: String?
            }
            let employee_no: String
            let name: String
            let kana: String?
            let job_track: String
            let employment_type: String
            let grade: String?
            let hired_on: String
            let retired_on: String?
            let unit_code: String?
            let unit_name: String?
            let assignments: [Assignment]
            let skills: [Skill]
            let self_assessments: [SelfAssessment]

            struct SelfAssessment: Encodable {
                let skill_code: String
                let level: Int
                let on: String
            }

            struct Skill: Encodable {
                struct Evidence: Encodable {
                    let source: String
                    let reference: String
                    let on: String
                    let level: Int
                }
                let skill_code: String
                let skill_name: String
                let level: Int
                let evidence: [Evidence]
            }
        }

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let record = try await callAPI {
                    try await client.getStaff(path: .init(employeeNo: employeeNo), query: .init(asOf: asOf.iso)).ok.body.json
                }
                let words = Words(output.language)
                let json = Record(
                    employee_no: record.employeeNo, name: record.name, kana: record.kana, job_track: record.jobTrack,
                    employment_type: record.employmentType, grade: record.grade, hired_on: record.hiredOn,
                    retired_on: record.retiredOn, unit_code: record.unitCode, unit_name: record.unitName,
                    assignments: record.assignments.map {
                        .init(unit_code: $0.unitCode, unit_name: $0.unitName, from: $0.from, to: $0.to)
                    },
                    skills: (record.skills ?? []).map { skill in
                        .init(
                            skill_code: skill.skillCode, skill_name: skill.skillName, level: skill.level,
                            evidence: skill.evidence.map {
                                .init(source: $0.source.rawValue, reference: $0.reference, on: $0.on, level: $0.level)
                            })
                    },
                    self_assessments: (record.selfAssessments ?? []).map {
                        .init(skill_code: $0.skillCode, level: $0.level, on: $0.on)
                    })
                if output.format == .json {
                    printJSON(json)
                    return
                }
                let details: [[String]] = [
                    [words.employeeNo, record.employeeNo], [words.name, record.name], [words.kana, record.kana ?? ""],
                    [words.unitName, record.unitName.map { "\($0) (\(record.unitCode ?? ""))" } ?? ""],
                    [words.grade, record.grade ?? ""], [words.jobTrack, words.jobTrack(record.jobTrack)],
                    [words.employmentType, words.employmentType(record.employmentType)], [words.hiredOn, record.hiredOn],
                    [words.retiredOn, record.retiredOn ?? ""],
                ]
                let history = record.assignments.map { [$0.from, $0.to ?? "", $0.unitCode, $0.unitName] }
                if output.format == .csv {
                    writeCSV(headers: [words.from, words.to, words.unitCode, words.unitName], rows: history)
                    return
                }
                print(TextTable(headers: [words.item, words.value], rows: details).render())
                print(words.history)
                print(
                    TextTable(headers: [words.from, words.to, words.unitCode, words.unitName], rows: history).render(),
                    terminator: "")
            }
        }
    }
}

func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }
