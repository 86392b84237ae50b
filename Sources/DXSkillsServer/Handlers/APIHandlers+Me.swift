import DXSkillsAPI
import DXSkillsCore
import OpenAPIRuntime

extension APIHandlers {
    func getMyPage(_ input: Operations.GetMyPage.Input) async throws -> Operations.GetMyPage.Output {
        let asOf = try Self.day(input.query.asOf)
        let page = try await withCaller { principal, connection in
            try await MyPage.load(principal: principal, asOf: asOf, connection: connection, logger: logger)
        }
        return .ok(.init(body: .json(Self.myPage(page))))
    }

    func discloseEvaluation(_ input: Operations.DiscloseEvaluation.Input) async throws
        -> Operations.DiscloseEvaluation.Output
    {
        let disclosure = try await withCaller { principal, connection in
            try await EvaluationDisclosure.disclose(
                fiscalYear: input.path.fiscalYear, principal: principal, connection: connection, logger: logger)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        fiscalYear: disclosure.fiscalYear, disclosedAt: disclosure.disclosedAt,
                        disclosedBy: disclosure.disclosedBy, outcome: .init(rawValue: disclosure.outcome.rawValue)!))))
    }

    func setSelfAssessment(_ input: Operations.SetSelfAssessment.Input) async throws
        -> Operations.SetSelfAssessment.Output
    {
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        let day: Day
        if let on = body.on {
            guard let parsed = Day(iso: on) else {
                throw DXSkillsError.badParameter(Message(.parameterDate, ["name": "on", "value": "\(on)"]))
            }
            day = parsed
        } else {
            day = Day.today()
        }
        let outcome = try await withCaller { principal, connection in
            try await SelfAssessments.set(
                skill: input.path.skill, level: body.level, on: day, principal: principal, connection: connection,
                logger: logger)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        skillCode: input.path.skill, level: body.level, on: day.description,
                        outcome: .init(rawValue: outcome.rawValue)!))))
    }

    func endorseSelfAssessment(_ input: Operations.EndorseSelfAssessment.Input) async throws
        -> Operations.EndorseSelfAssessment.Output
    {
        let written = try await withCaller { principal, connection in
            try await SelfAssessments.endorse(
                employeeNo: input.path.employeeNo, skill: input.path.skill, principal: principal, connection: connection,
                logger: logger)
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        employeeNo: input.path.employeeNo, skillCode: input.path.skill, level: written.level,
                        assessedOn: written.assessedOn.description, assessor: written.assessor))))
    }

    static func myPage(_ page: MyPage) -> Components.Schemas.MyPage {
        // The skills are the page's own, with their validity and self-assessments: not twice.
        var staff = staffRecord(page.staff)
        staff.skills = nil
        staff.selfAssessments = nil
        return .init(
            asOf: page.asOf.description, staff: staff,
            skills: page.skills.map { skill in
                .init(
                    skillCode: skill.skillCode, skillName: skill.skillName, level: skill.level,
                    evidence: skill.evidence.map {
                        .init(
                            source: .init(rawValue: $0.source.rawValue)!, reference: $0.reference, on: $0.on.description,
                            level: $0.level, validUntil: $0.validUntil?.description)
                    },
                    selfAssessment: skill.selfAssessment.map { .init(level: $0.level, on: $0.on.description) })
            },
            training: page.training.map {
                .init(
                    courseCode: $0.courseCode, courseTitle: $0.courseTitle, completedOn: $0.completedOn.description,
                    status: $0.status, score: $0.score, hours: $0.hours)
            },
            certifications: page.certifications.map {
                .init(
                    certCode: $0.certCode, certName: $0.certName, acquiredOn: $0.acquiredOn.description,
                    expiresOn: $0.expiresOn?.description, valid: $0.valid, expiringSoon: $0.expiringSoon)
            },
            designations: page.designations.map {
                .init(
                    role: $0.role, unitCode: $0.unitCode, unitName: $0.unitName, termStart: $0.termStart.description,
                    termEnd: $0.termEnd.description, workingGroup: $0.workingGroup)
            },
            plans: page.plans.map(plan),
            evaluations: page.evaluations.map { year in
                .init(
                    fiscalYear: year.fiscalYear, disclosedOn: year.disclosedOn.description,
                    ratings: year.ratings.map { .init(item: $0.item, stage1: $0.stage1, stage2: $0.stage2, final: $0.final) })
            })
    }
}

extension APIHandlers {
    func exportMyData(_ input: Operations.ExportMyData.Input) async throws -> Operations.ExportMyData.Output {
        let (zip, name) = try await withCaller { principal, connection in
            let zip = try await OwnDataExport.archive(principal: principal, connection: connection, logger: logger)
            return (zip, OwnDataExport.fileName(principal))
        }
        return .ok(
            .init(headers: .init(contentDisposition: Self.attachment(name)), body: .applicationZip(HTTPBody([UInt8](zip)))))
    }
}
