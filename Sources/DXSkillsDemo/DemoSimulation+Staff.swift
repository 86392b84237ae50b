import DXSkillsCore

extension DemoSimulation {
    // MARK: People

    mutating func randomName() -> (surname: Int, given: Int, female: Bool) {
        let female = random.chance(0.45)
        let given = random.below(female ? DemoNames.femaleGivenNames.count : DemoNames.maleGivenNames.count)
        return (random.below(DemoNames.surnames.count), given, female)
    }

    mutating func randomTrack(_ employment: Employment) -> Track {
        let r = Double(random.next() >> 11) / 9_007_199_254_740_992
        switch employment {
        case .regular: return r < 0.05 ? .information : r < 0.21 ? .technical : r < 0.25 ? .other : .general
        case .fixedTerm: return r < 0.5 ? .information : r < 0.7 ? .technical : .general
        case .fiscalYear: return r < 0.6 ? .other : .general
        }
    }

    /// A day in fiscal year `fiscalYear` after 1 April: usually the 1st of a month, otherwise any day up to the 28th.
    mutating func midYearDate(_ fiscalYear: Int) -> Day {
        let step = random.int(1...11)  // May … March
        let month = (3 + step) % 12 + 1
        let year = month >= 4 ? fiscalYear : fiscalYear + 1
        return Day(year: year, month: month, day: random.chance(0.7) ? 1 : random.int(2...28))!
    }

    mutating func makePerson(
        _ employment: Employment, track: Track? = nil, age: Int, hiredOn: Day, credit: Int = 0, grade: Int? = nil
    ) -> Person {
        let name = randomName()
        let hireYear = hiredOn.fiscalYear
        var person = Person(
            surname: name.surname, givenName: name.given, female: name.female, track: track ?? randomTrack(employment),
            employment: employment, birthYear: hireYear - age, hiredOn: hiredOn,
            seniorityBase: hireYear - credit + random.int(0...8))
        person.grade = grade
        return person
    }

    /// The staff on 1 April 2021, hired from the 1980s on.
    mutating func populate() {
        let first = Self.firstYear
        var hired: [Person] = []
        for _ in 0..<target {
            let r = Double(random.next() >> 11) / 9_007_199_254_740_992
            if r < 0.10 {
                // 会計年度任用 began in April 2020.
                let hiredOn =
                    random.chance(0.6) ? Day.april1(2020) : random.chance(0.5) ? Day.april1(first) : midYearDate(2020)
                hired.append(makePerson(.fiscalYear, age: random.int(25...66), hiredOn: hiredOn))
            } else if r < 0.12 {
                let year = random.int(2018...first)
                let term = year + 3 >= first + 1 && random.chance(0.5) ? 3 : 5
                var person = makePerson(
                    .fixedTerm, age: random.int(30...50), hiredOn: Day.april1(year), grade: random.int(1...2))
                person.retiredOn = Day.march31(year + term)
                person.retirementKnownOn = person.hiredOn
                hired.append(person)
            } else {
                let age = random.int(22...60)
                var hireAge = random.chance(0.6) ? 22 : random.chance(0.75) ? random.int(23...29) : random.int(30...45)
                hireAge = min(hireAge, age)
                let hireYear = first - age + hireAge
                let hiredOn = hireYear < first && random.chance(0.1) ? midYearDate(hireYear) : Day.april1(hireYear)
                hired.append(makePerson(.regular, age: hireAge, hiredOn: hiredOn, credit: (hireAge - 22) / 2))
            }
        }
        // Employee numbers follow the order of hiring, like a real 職員番号 register.
        let order = hired.indices.sorted {
            (hired[$0].hiredOn, hired[$0].birthYear, $0) < (hired[$1].hiredOn, hired[$1].birthYear, $1)
        }
        for i in order { admit(hired[i]) }
        let date = Day.april1(first)
        occupancy = Array(repeating: 0, count: units.count)
        updateGrades(fiscalYear: first)
        fillVacancies(on: date, initial: true)
        for p in current where people[p].unit < 0 {
            let unit = placement(people[p].track, on: date, balanced: true)
            people[p].unit = unit
            people[p].assignedFrom = initialAssignment(people[p], unit: unit)
            occupancy[unit] += 1
        }
    }

    /// When someone already in post on 1 April 2021 arrived there: a 1 April since the 2019 organization began, or their hiring.
    mutating func initialAssignment(_ person: Person, unit: Int) -> Day {
        let validFrom = units[unit].validFrom
        var choices = (2019...Self.firstYear).map(Day.april1).filter { $0 >= person.hiredOn && $0 >= validFrom }
        if person.hiredOn >= validFrom && !choices.contains(person.hiredOn) { choices.append(person.hiredOn) }
        return random.pick(choices)
    }

    @discardableResult
    mutating func admit(_ person: Person) -> Int {
        var person = person
        person.number = nextNumber
        nextNumber += 1
        people.append(person)
        current.append(people.count - 1)
        return people.count - 1
    }

    static func retirementAge(fiscalYear f: Int) -> Int {
        // The 定年 rises from 60 by one year every two fiscal years from FY2023 (地方公務員法改正).
        f <= 2022 ? 60 : f <= 2024 ? 61 : f <= 2026 ? 62 : f <= 2028 ? 63 : f <= 2030 ? 64 : 65
    }

    /// The fiscal year at whose end a regular employee born in `birthYear` reaches the 定年.
    static func mandatoryRetirementYear(birthYear: Int) -> Int {
        var f = birthYear + 60
        while f - birthYear < retirementAge(fiscalYear: f) { f += 1 }
        return f
    }

    mutating func updateGrades(fiscalYear f: Int) {
        for p in current where people[p].employment == .regular && people[p].position == nil {
            let years = f - people[p].seniorityBase
            people[p].grade = years < 5 ? 0 : years < 12 ? 1 : years < 21 ? 2 : 3
        }
    }
}
