import DXSkillsAPI
import DXSkillsCore

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

    static func myPage(_ page: MyPage) -> Components.Schemas.MyPage {
        // The skills are the page's own, with their validity and self-assessments: not twice.
        var staff = staffRecord(page.staff)
        staff.skills = nil
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
