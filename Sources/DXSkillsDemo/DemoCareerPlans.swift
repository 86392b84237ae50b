import DXSkillsCore
import Foundation

/// Career path templates and plans for the demo city's information-track staff (情報職), so that
/// `make run` shows plans on track, behind and without a plan. Deterministic for a seed.
public struct DemoCareerPlans: Sendable {
    public let templates: [CareerTemplateDocument]
    public let plansCSV: String

    static let templatesJSON = [
        """
        {"code": "ICT-STD", "name": "情報職標準キャリアパス", "stages": [
          {"name": "基礎期", "years": 3, "placement": "it", "requires": [{"skill": "L-SEC", "level": 2}, {"cert": "FE"}]},
          {"name": "業務経験期", "years": 3, "placement": "business", "requires": [{"course": "BPR-201"}]},
          {"name": "専門深化期", "years": 4, "placement": "it", "requires": [{"skill": "P-SE", "level": 3}, {"cert": "AP"}]}]}
        """,
        """
        {"code": "ICT-SEC", "name": "情報セキュリティ専門コース", "stages": [
          {"name": "基礎期", "years": 2, "placement": "it", "requires": [{"cert": "SG"}, {"course": "SEC-101"}]},
          {"name": "外部派遣期", "years": 2, "placement": "external", "requires": [{"skill": "P-CS", "level": 3}]},
          {"name": "専門期", "years": 3, "placement": "it", "requires": [{"cert": "SC"}]}]}
        """,
    ]

    /// Most serving information-track staff follow a template (from the day they were hired, or a
    /// 1 April between FY2018 and FY2024 for staff hired earlier); about one in eight has none yet.
    public init(city: DemoCity, seed: UInt64 = 1) {
        var random = DemoRandom(seed: seed &+ 0xCA_2EE2)
        templates = Self.templatesJSON.map { try! JSONDecoder().decode(CareerTemplateDocument.self, from: Data($0.utf8)) }
        var csv = "employee_no,template,start_on\n"
        for person in DemoSkills.staff(in: city) where person.track == "information" && person.retired == nil {
            guard random.chance(0.875) else { continue }
            let template = random.chance(0.25) ? "ICT-SEC" : "ICT-STD"
            // Plans were introduced from FY2018: older staff started one then, newer ones when hired.
            let start = max(person.hired, Day.april1(2018 + random.below(7)))
            csv += DemoCSV.line([person.number, template, start.description])
        }
        plansCSV = csv
    }

    /// Stores the templates and imports the plans, as `career-template set` and `import career-plans` do.
    public func load(into database: Database, context: TenantContext) async throws -> ImportSummary {
        try await database.transaction(context) { connection in
            for template in templates {
                _ = try await CareerTemplates.set(template, connection: connection, context: context, logger: database.logger)
            }
        }
        return try await Importer.run(
            .careerPlans, bytes: Array(plansCSV.utf8), options: .init(), database: database, context: context)
    }
}
