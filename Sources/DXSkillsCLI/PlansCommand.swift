import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation

struct PlansCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "plans", abstract: .catalog(.plansAbstract),
            subcommands: [List.self, Show.self], defaultSubcommand: List.self)
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.plansListAbstract))
        }
        @Option(help: .catalog(.plansListStatus)) var status: PlanStatus?
        @Option(help: .catalog(.plansListUnit)) var unit: String?
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions
        @OptionGroup var sheet: SheetOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let plans = try await callAPI {
                    try await client.listPlans(
                        query: .init(status: status.map { .init($0) }, unit: unit, asOf: asOf.iso)
                    ).ok.body.json
                }
                let words = Words(output.language)
                try emit(
                    Listing(
                        headers: [
                            words.employeeNo, words.name, words.unitCode, words.careerPath, words.planStatus, words.nextStage,
                            words.dueOn, words.warnings,
                        ],
                        rows: plans.map { plan in
                            let next = plan.stages.first { $0.status != .met }
                            return [
                                plan.employeeNo, plan.name, plan.unitCode ?? "", plan.template ?? "",
                                words.planStatus(plan.status.rawValue), next?.name ?? "", next?.dueOn ?? "",
                                plan.warnings.map { words.warning($0) }.joined(separator: "; "),
                            ]
                        },
                        json: plans.map(PlanJSON.init), sheet: ReportSheets.plans(plans, words)),
                    output, sheet: SheetOutput(asOf: asOf.iso, sheet))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.plansShowAbstract))
        }
        @Argument(help: .catalog(.employeeNo)) var employeeNo: String
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let plans = try await callAPI {
                    try await client.getPlan(path: .init(employeeNo: employeeNo), query: .init(asOf: asOf.iso)).ok.body.json
                }
                if output.format == .json {
                    printJSON(plans.map(PlanJSON.init))
                    return
                }
                let words = Words(output.language)
                let headers = [words.stage, words.placementHeader, words.dueOn, words.stageStatusHeader, words.unmet]
                func rows(_ plan: Components.Schemas.CareerPlan) -> [[String]] {
                    plan.stages.map { stage in
                        [
                            stage.name, words.placement(stage.placement.rawValue), stage.dueOn,
                            words.stageStatus(stage.status.rawValue),
                            stage.unmet.map { words.requirement($0) }.joined(separator: "; "),
                        ]
                    }
                }
                if output.format == .csv {
                    writeCSV(
                        headers: [words.employeeNo, words.careerPath] + headers,
                        rows: plans.flatMap { plan in rows(plan).map { [plan.employeeNo, plan.template ?? ""] + $0 } })
                    return
                }
                for (index, plan) in plans.enumerated() {
                    if index > 0 { print() }
                    let details: [[String]] = [
                        [words.employeeNo, plan.employeeNo], [words.name, plan.name],
                        [words.unitName, plan.unitName.map { "\($0) (\(plan.unitCode ?? ""))" } ?? ""],
                        [words.careerPath, plan.template.map { "\(plan.templateName ?? "") (\($0))" } ?? ""],
                        [words.startOn, plan.startOn ?? ""], [words.planStatus, words.planStatus(plan.status.rawValue)],
                    ]
                    print(TextTable(headers: [words.item, words.value], rows: details).render(), terminator: "")
                    if !plan.stages.isEmpty {
                        print(TextTable(headers: headers, rows: rows(plan)).render(), terminator: "")
                    }
                    for warning in plan.warnings { print("\(words.warnings): \(words.warning(warning))") }
                }
            }
        }
    }
}

/// docs/reference.md §5.2 `plans`: employee_no, status, stages (name, due_on, status) and warnings, with more fields.
struct PlanJSON: Encodable {
    struct Stage: Encodable {
        let name: String
        let placement: String
        let due_on: String
        let status: String
        let unmet: [Requirement]
    }
    struct Requirement: Encodable {
        let skill: String?
        let level: Int?
        let reached: Int?
        let cert: String?
        let lapsed_on: String?
        let course: String?
    }
    struct Warning: Encodable {
        let reason: String
        let stage: String
        let placement: String
        let unit_code: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .reason)
            try container.encode(stage, forKey: .stage)
            try container.encode(placement, forKey: .placement)
            try container.encode(unit_code, forKey: .unit_code)
        }
        enum CodingKeys: String, CodingKey { case reason, stage, placement, unit_code }
    }
    let employee_no: String
    let name: String
    let unit_code: String?
    let template: String?
    let template_name: String?
    let start_on: String?
    let status: String
    let stages: [Stage]
    let warnings: [Warning]

    init(_ plan: Components.Schemas.CareerPlan) {
        employee_no = plan.employeeNo
        name = plan.name
        unit_code = plan.unitCode
        template = plan.template
        template_name = plan.templateName
        start_on = plan.startOn
        status = plan.status.rawValue
        stages = plan.stages.map { stage in
            Stage(
                name: stage.name, placement: stage.placement.rawValue, due_on: stage.dueOn, status: stage.status.rawValue,
                unmet: stage.unmet.map {
                    Requirement(
                        skill: $0.skill, level: $0.level, reached: $0.reached, cert: $0.cert, lapsed_on: $0.lapsedOn,
                        course: $0.course)
                })
        }
        warnings = plan.warnings.map {
            Warning(reason: $0.reason.rawValue, stage: $0.stage, placement: $0.placement.rawValue, unit_code: $0.unitCode)
        }
    }

    // Absent plan fields are written as null (a script reads the same keys for every entry).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(employee_no, forKey: .employee_no)
        try container.encode(name, forKey: .name)
        try container.encode(unit_code, forKey: .unit_code)
        try container.encode(template, forKey: .template)
        try container.encode(template_name, forKey: .template_name)
        try container.encode(start_on, forKey: .start_on)
        try container.encode(status, forKey: .status)
        try container.encode(stages, forKey: .stages)
        try container.encode(warnings, forKey: .warnings)
    }
    enum CodingKeys: String, CodingKey {
        case employee_no, name, unit_code, template, template_name, start_on, status, stages, warnings
    }
}

extension Words {
    private func say(_ japanese: String, _ english: String) -> String { ja ? japanese : english }

    var stage: String { say("段階", "stage") }
    var placementHeader: String { say("配置", "placement") }
    var stageStatusHeader: String { say("達成状況", "status") }
    var unmet: String { say("未達の要件", "unmet requirements") }
    var startOn: String { say("開始日", "start on") }

    func stageStatus(_ raw: String) -> String {
        guard ja else { return raw }
        switch raw {
        case "met": return "達成"
        case "behind": return "未達(期限超過)"
        default: return "取組中"
        }
    }

    func requirement(_ r: Components.Schemas.CareerPlan.StagesPayloadPayload.UnmetPayloadPayload) -> String {
        if let skill = r.skill {
            return say(
                "\(skill) レベル\(r.level ?? 0)以上(現在\(r.reached ?? 0))", "\(skill) ≥ \(r.level ?? 0) (reached \(r.reached ?? 0))")
        }
        if let cert = r.cert {
            guard let lapsed = r.lapsedOn else { return say("資格 \(cert)", "certification \(cert)") }
            return say("資格 \(cert)(\(lapsed)で失効)", "certification \(cert) (lapsed after \(lapsed))")
        }
        return say("研修 \(r.course ?? "")", "course \(r.course ?? "")")
    }
}
