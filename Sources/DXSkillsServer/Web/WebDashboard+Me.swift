import DXSkillsCore
import Hummingbird

extension WebDashboard {
    /// マイページ: the caller's own record (reference §7.1); posting the form records a self-assessment (§7.2).
    func myPage(_ request: Request, post: Bool) async throws -> Response {
        let caller = try await caller(request)
        let language = caller.language
        var notice: String?
        if post {
            guard caller.principal.employeeNo != nil else {
                throw DXSkillsError.notFound(Message(.objUnlinkedUser, ["user": "\(caller.principal.userName)"]))
            }
            let form = try await form(request, caller: caller)
            guard let skill = form["skill"], let level = form["level"].flatMap({ Int($0) }) else {
                throw DXSkillsError.badParameter(Message(.skillAndLevelRequired))
            }
            var day = Day.today()
            if let text = form["on"], !text.isEmpty {
                guard let parsed = Day(iso: text) else {
                    throw DXSkillsError.badParameter(Message(.parameterDate, ["name": "on", "value": "\(text)"]))
                }
                day = parsed
            }
            let outcome = try await withCaller(caller) { principal, connection in
                try await SelfAssessments.set(
                    skill: skill, level: level, on: day, principal: principal, connection: connection, logger: database.logger)
            }
            notice = "\(language.text(outcome.rawValue)): \(skill) \(level) (\(day))"
        }
        let asOf = try Self.day(request)
        let (page, skills, (claims, names)) = try await withCaller(caller) { principal, connection in
            let page = try await MyPage.load(principal: principal, asOf: asOf, connection: connection, logger: database.logger)
            let skills = try await connection.query(
                "SELECT code, name FROM skills WHERE framework LIKE 'DSS%' ORDER BY code", logger: database.logger
            ).decode((String, String).self).collect()
            return (page, skills, try await ownClaims(principal, connection: connection))
        }
        let staff = page.staff
        let until = language == .ja ? "〜" : " until "
        return self.page(
            "me", title: "me", request: request, caller: caller,
            content: MyPageView(
                asOf: asOf.description, name: staff.name, employeeNo: staff.employeeNo,
                unit: staff.unitName.map { "\($0) (\(staff.unitCode ?? ""))" } ?? "-", grade: staff.grade ?? "",
                assignments: staff.assignments.map {
                    MyAssignmentRow(
                        from: $0.from.description, to: $0.to?.description ?? "", unit: "\($0.unitName) (\($0.unitCode))")
                },
                skills: page.skills.map { skill in
                    MySkillRow(
                        code: skill.skillCode, name: skill.skillName, level: skill.level,
                        evidence: skill.evidence.map {
                            "\($0.reference) \($0.on)" + ($0.validUntil.map { until + $0.description } ?? "")
                        }
                        .joined(separator: ", "),
                        selfAssessment: skill.selfAssessment.map { "\($0.level) (\($0.on))" } ?? "")
                },
                training: page.training.map {
                    MyTrainingRow(
                        completedOn: $0.completedOn.description, course: "\($0.courseTitle) (\($0.courseCode))",
                        status: $0.status,
                        hours: String($0.hours))
                },
                certifications: page.certifications.map {
                    MyCertificationRow(
                        code: $0.certCode, name: $0.certName, acquiredOn: $0.acquiredOn.description,
                        expiresOn: $0.expiresOn?.description ?? "-", expiringSoon: $0.expiringSoon, expired: !$0.valid)
                },
                designations: page.designations.map {
                    MyDesignationRow(
                        role: language.text($0.role), unit: "\($0.unitName) (\($0.unitCode))",
                        term: "\($0.termStart)〜\($0.termEnd)")
                },
                plans: page.plans.map { plan in
                    MyPlanRow(
                        template: plan.templateName ?? plan.template ?? "-",
                        status: language.text("plan_" + plan.status.rawValue),
                        unmet: plan.stages.flatMap { stage in
                            stage.unmet.map { item in
                                "\(stage.name): "
                                    + (item.skill.map { "\($0) ≥ \(item.level ?? 0)" } ?? item.cert ?? item.course ?? "")
                            }
                        }.joined(separator: ", "))
                },
                evaluations: page.evaluations.flatMap { year in
                    year.ratings.map { MyRatingRow(fiscalYear: year.fiscalYear, item: $0.item, rating: $0.final) }
                },
                skillOptions: skills.map { WebOption(value: $0.0, label: "\($0.1) (\($0.0))", selected: false) },
                levelOptions: (0...4).map { WebOption(value: String($0), label: String($0), selected: false) },
                claims: claims.map { claim in
                    MyClaimRow(
                        id: claim.id, href: "/claims/\(claim.id)",
                        state: language.text("claim_state_" + claim.state.rawValue), stateCode: claim.state.rawValue,
                        what: names.what(claim, language: language), day: claim.details.day.description,
                        returnReason: claim.returnReason ?? "")
                },
                today: Day.today().description, notice: notice))
    }
}
