import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets

extension APIHandlers {
    func listStaff(_ input: Operations.ListStaff.Input) async throws -> Operations.ListStaff.Output {
        let asOf = try Self.day(input.query.asOf)
        let staff = try await withCaller { principal, connection in
            try await StaffDirectory.list(
                principal: principal, unit: input.query.unit, asOf: asOf, connection: connection, logger: logger)
        }
        let document: [Components.Schemas.StaffSummary] =
            staff.map {
                .init(
                    employeeNo: $0.employeeNo, name: $0.name, kana: $0.kana, unitCode: $0.unitCode,
                    unitName: $0.unitName, grade: $0.grade, jobTrack: $0.jobTrack, employmentType: $0.employmentType)
            }
        if let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        {
            let file = try sheet.file(ReportSheets.staff(document, sheet.words), asOf: asOf)
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }

    func getStaff(_ input: Operations.GetStaff.Input) async throws -> Operations.GetStaff.Output {
        let asOf = try Self.day(input.query.asOf)
        let record = try await withCaller { principal, connection in
            try await StaffDirectory.show(
                principal: principal, employeeNo: input.path.employeeNo, asOf: asOf, connection: connection, logger: logger)
        }
        return .ok(.init(body: .json(Self.staffRecord(record))))
    }

    static func staffRecord(_ record: StaffRecord) -> Components.Schemas.StaffRecord {
        .init(
            employeeNo: record.employeeNo, name: record.name, kana: record.kana, jobTrack: record.jobTrack,
            employmentType: record.employmentType, grade: record.grade, hiredOn: record.hiredOn.description,
            retiredOn: record.retiredOn?.description, unitCode: record.unitCode, unitName: record.unitName,
            assignments: record.assignments.map {
                .init(unitCode: $0.unitCode, unitName: $0.unitName, from: $0.from.description, to: $0.to?.description)
            },
            skills: record.skills.map { skill in
                .init(
                    skillCode: skill.skillCode, skillName: skill.skillName, level: skill.level,
                    evidence: skill.evidence.map {
                        .init(source: .init($0.source), reference: $0.reference, on: $0.on.description, level: $0.level)
                    })
            },
            selfAssessments: record.selfAssessments.map {
                .init(skillCode: $0.skillCode, level: $0.level, on: $0.on.description)
            })
    }
}
