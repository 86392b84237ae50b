import ArgumentParser
import DXSkillsCore
import DXSkillsDemo
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load a sample city (みなと市, 139999) with a few years of history; does nothing if it is loaded.",
        discussion: "The data goes through the same importers as `dxskills import`, one snapshot per 1 April.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "About how many staff.") var staff = 300
    @Option(help: "Seed: the same seed gives the same city.") var seed: UInt64 = 1
    @Option(help: "The tenant's 6-digit code (several demo cities can share a deployment).") var tenant = "139999"
    @Option(help: "The tenant's name.") var name = "みなと市"

    func validate() throws {
        guard (10...200_000).contains(staff) else { throw ValidationError("--staff must be between 10 and 200000") }
        guard tenant.count == 6, tenant.allSatisfy(\.isASCII), tenant.allSatisfy(\.isNumber) else {
            throw ValidationError("--tenant must be a 6-digit local government code such as 139999")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let city = DemoCity(staff: staff, seed: seed)
            try await withDatabase(try database.url()) { database in
                try await Administration.createTenant(code: tenant, name: name, database: database)
                let context = TenantContext(tenant: tenant, actor: "demo")
                let loaded = try await database.transaction(context) { connection in
                    try await !connection.query("SELECT 1 FROM units LIMIT 1", logger: database.logger).collect().isEmpty
                }
                if loaded {
                    print("demo tenant \(tenant) \(name) is already loaded")
                    return
                }
                for snapshot in city.snapshots() {
                    let units = try await Importer.run(
                        .units, bytes: Array(snapshot.unitsCSV.utf8), options: .init(), database: database, context: context)
                    let staff = try await Importer.run(
                        .staff, bytes: Array(snapshot.staffCSV.utf8), options: .init(), database: database, context: context)
                    note(
                        "\(snapshot.effectiveOn): units +\(units.inserted)/~\(units.updated), staff +\(staff.inserted)/~\(staff.updated), \(staff.transfers) transfers"
                    )
                }
                let skills = DemoSkills(city: city, seed: seed)
                for (kind, csv) in [
                    (ImportKind.courses, skills.coursesCSV), (.training, skills.trainingCSV),
                    (.certifications, skills.certificationsCSV), (.assessments, skills.assessmentsCSV),
                    (.designations, skills.designationsCSV),
                ] {
                    let summary = try await Importer.run(
                        kind, bytes: Array(csv.utf8), options: .init(), database: database, context: context)
                    note("\(kind.rawValue): +\(summary.inserted)")
                }
                let evaluation = DemoEvaluation(city: city, seed: seed)
                try await database.transaction(context) { connection in
                    for document in evaluation.criteria {
                        try await EvaluationCriteria.set(
                            document, connection: connection, context: context, logger: database.logger)
                    }
                }
                let ratings = try await Importer.run(
                    .ratings, bytes: Array(evaluation.ratingsCSV.utf8), options: .init(), database: database, context: context)
                note(
                    "criteria: FY\(evaluation.criteria.map { String($0.fiscalYear) }.joined(separator: ", FY")); ratings: +\(ratings.inserted)"
                )
                let plans = try await DemoCareerPlans(city: city, seed: seed).load(into: database, context: context)
                note("career-plans: +\(plans.inserted)")
                for user in city.users() {
                    try await Administration.addUser(
                        tenant: tenant, name: user.name, role: user.role, unitCode: user.unitCode,
                        employeeNo: user.employeeNo, database: database)
                    try await Administration.setPasswordIfUnset(
                        tenant: tenant, name: user.name, password: DemoCity.password(of: user.name), database: database)
                }
                let claims = try await DemoClaims(tenant: tenant, users: city.users()).load(into: database)
                note(
                    "claims: "
                        + ClaimState.allCases.compactMap { state in claims.claims[state].map { "\(state.rawValue) \($0)" } }
                        .joined(separator: ", ") + "; self-assessments: +\(claims.selfAssessments)")
                print(
                    "loaded demo tenant \(tenant) \(name): users \(city.users().map(\.name).joined(separator: ", "))"
                )
                for user in city.users() {
                    note(
                        "demo user \(user.name) (\(user.role.rawValue)\(user.unitCode.map { " of \($0)" } ?? "")): "
                            + "password \(DemoCity.password(of: user.name))")
                }
            }
        }
    }
}
