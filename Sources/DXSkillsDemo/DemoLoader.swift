import DXSkillsCore

/// Everything `dxskills admin demo` loads, in order, through the same importers and workflows as
/// the service: the snapshots of each 1 April, the skills, the evaluation, the plans, the users,
/// the claims and the records that make every notification rule fire on DemoNotifications.day.
public struct DemoLoader: Sendable {
    let city: DemoCity
    let seed: UInt64
    let tenant: String
    let name: String

    public init(city: DemoCity, seed: UInt64 = 1, tenant: String = "139999", name: String = "みなと市") {
        self.city = city
        self.seed = seed
        self.tenant = tenant
        self.name = name
    }

    /// Loads the city; false, and nothing written, when the tenant already has units.
    public func load(into database: Database, note: (String) -> Void = { _ in }) async throws -> Bool {
        try await Administration.createTenant(code: tenant, name: name, database: database)
        let context = TenantContext(tenant: tenant, actor: "demo")
        let loaded = try await database.transaction(context) { connection in
            try await !connection.query("SELECT 1 FROM units LIMIT 1", logger: database.logger).collect().isEmpty
        }
        if loaded { return false }
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
                try await EvaluationCriteria.set(document, connection: connection, context: context, logger: database.logger)
            }
        }
        let ratings = try await Importer.run(
            .ratings, bytes: Array(evaluation.ratingsCSV.utf8), options: .init(), database: database, context: context)
        note(
            "criteria: FY\(evaluation.criteria.map { String($0.fiscalYear) }.joined(separator: ", FY")); ratings: +\(ratings.inserted)"
        )
        let plans = try await DemoCareerPlans(city: city, seed: seed).load(into: database, context: context)
        note("career-plans: +\(plans.inserted)")
        // The users hold their posts of the last snapshot, from its day: any later day has the same recipients.
        for user in city.users() {
            try await Administration.addUser(
                tenant: tenant, name: user.name, role: user.role, unitCode: user.unitCode, employeeNo: user.employeeNo,
                grantFrom: Day.april1(DemoSimulation.lastYear), database: database)
            try await Administration.setPasswordIfUnset(
                tenant: tenant, name: user.name, password: DemoCity.password(of: user.name), database: database)
        }
        let claims = try await DemoClaims(tenant: tenant, users: city.users()).load(into: database)
        note(
            "claims: "
                + ClaimState.allCases.compactMap { state in claims.claims[state].map { "\(state.rawValue) \($0)" } }
                .joined(separator: ", ") + "; self-assessments: +\(claims.selfAssessments)")
        let notices = try await DemoNotifications().load(into: database, context: context)
        note(
            "notifications: every rule fires on \(DemoNotifications.day) (dxskills notify run --dry-run --as-of \(DemoNotifications.day)); "
                + "certifications +\(notices.certifications), plans +\(notices.plans), "
                + "leader \(notices.transferred ?? "-") transferred on that day")
        return true
    }
}
