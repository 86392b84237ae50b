import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation

struct CareerTemplateCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "career-template", abstract: .catalog(.careerTemplateAbstract),
            subcommands: [Set.self, List.self])
    }

    struct Set: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.careerTemplateSetAbstract)
            )
        }
        @Argument(help: .catalog(.jsonDocument)) var file: String

        func run() async throws {
            try await reportingErrors(file: file) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CLIError(.usage, Message(.cliCannotRead, ["file": "\(file)"]))
                }
                let document: CareerTemplateDocument
                do {
                    document = try JSONDecoder().decode(CareerTemplateDocument.self, from: data)
                } catch {
                    throw CLIError(.invalid, Message(.cliNotTemplate, ["file": "\(file)", "error": "\(error)"]))
                }
                let client = try makeClient(try Credentials.load())
                let stored = try await callAPI {
                    try await client.setCareerTemplate(
                        body: .json(
                            .init(
                                code: document.code, name: document.name,
                                stages: document.stages?.map { stage in
                                    .init(
                                        name: stage.name, years: stage.years, placement: stage.placement,
                                        requires: stage.requires?.map {
                                            .init(skill: $0.skill, level: $0.level, cert: $0.cert, course: $0.course)
                                        })
                                }))
                    ).ok.body.json
                }
                print("career path template \(stored.code): \(stored.outcome.rawValue)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.careerTemplateListAbstract)) }
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let templates = try await callAPI { try await client.listCareerTemplates().ok.body.json }
                if output.format == .json {
                    // The stored documents, exactly in the shape `career-template set` reads.
                    let documents = templates.map { template in
                        CareerTemplateDocument(
                            code: template.code, name: template.name,
                            stages: template.stages.map { stage in
                                .init(
                                    name: stage.name, years: Double(stage.years), placement: stage.placement.rawValue,
                                    requires: stage.requires.map {
                                        .init(skill: $0.skill, level: $0.level.map(Double.init), cert: $0.cert, course: $0.course)
                                    })
                            })
                    }
                    printJSON(documents)
                    return
                }
                let words = Words(output.language)
                try emit(
                    Listing(
                        headers: [words.careerPath, words.name, words.stage, words.years, words.placementHeader, words.requires],
                        rows: templates.flatMap { template in
                            template.stages.map { stage in
                                [
                                    template.code, template.name, stage.name, String(stage.years),
                                    words.placement(stage.placement.rawValue),
                                    stage.requires.map { r in
                                        r.skill.map { "\($0):\(r.level ?? 0)" } ?? r.cert ?? r.course ?? ""
                                    }.joined(separator: " "),
                                ]
                            }
                        },
                        numericColumns: [3], json: [String]()),
                    output)
            }
        }
    }
}

extension Words {
    var years: String { ja ? "年数" : "years" }
    var requires: String { ja ? "要件" : "requires" }
}
