import DXSkillsCore

extension DemoSimulation {
    // MARK: Output

    /// Units that exist by `date` (an end date shows once it has passed) and everyone employed on `date`
    /// or retired since the `previous` snapshot, so that the importer learns of every retirement.
    func render(on date: Day, previous: Day?) -> DemoSnapshot {
        var unitsCSV = DemoCSV.line(Self.unitsHeader)
        for unit in units where unit.validFrom <= date {
            let validTo = unit.validTo.flatMap { $0 < date ? $0.description : nil } ?? ""
            unitsCSV += DemoCSV.line([
                unit.code, unit.name, unit.kind, unit.parent.map { units[$0].code } ?? "", unit.validFrom.description,
                validTo, unit.it ? "true" : "false",
            ])
        }
        var staffCSV = DemoCSV.line(Self.staffHeader)
        staffCSV.reserveCapacity(current.count * 110)
        let since = previous ?? date
        for p in current {
            let person = people[p]
            guard person.hiredOn <= date, person.retiredOn.map({ $0 >= since }) ?? true else { continue }
            let surname = DemoNames.surnames[person.surname]
            let given = (person.female ? DemoNames.femaleGivenNames : DemoNames.maleGivenNames)[person.givenName]
            let retiredOn = person.retiredOn.flatMap { person.retirementKnownOn <= date ? $0.description : nil } ?? ""
            staffCSV += DemoCSV.line([
                String(person.number), surname.kanji + "　" + given.kanji, surname.kana + "　" + given.kana,
                person.track.rawValue, person.employment.rawValue, person.grade.map { Self.grades[$0] } ?? "",
                units[person.unit].code, person.assignedFrom.description, person.hiredOn.description, retiredOn,
            ])
        }
        return DemoSnapshot(effectiveOn: date, unitsCSV: unitsCSV, staffCSV: staffCSV)
    }

    /// The demo's logins, tied to real posts and people of the last snapshot.
    func users() -> [(name: String, role: Role, unitCode: String?, employeeNo: String?)] {
        let last = Day.april1(Self.lastYear)
        func head(of unit: Int?) -> String? {
            guard let unit, let p = positions.first(where: { $0.unit == unit })?.holder else { return nil }
            return String(people[p].number)
        }
        let division = landmarks["総務局デジタル推進部"]
        let bureau = landmarks["総務局"]
        let section = landmarks["情報政策課"]
        let employed = current.filter { people[$0].retiredOn == nil && people[$0].hiredOn <= last }
        let staff =
            employed.first {
                people[$0].unit == section && people[$0].track == .information && people[$0].position == nil
            } ?? employed.first { people[$0].employment == .regular && people[$0].position == nil } ?? employed.first
        return [
            ("admin1", .admin, nil, nil),
            ("hr1", .hr, nil, nil),
            ("manager1", .manager, division.map { units[$0].code }, head(of: division)),
            ("evaluator1", .evaluator, bureau.map { units[$0].code }, head(of: bureau)),
            ("staff1", .staff, nil, staff.map { String(people[$0].number) }),
        ]
    }
}
