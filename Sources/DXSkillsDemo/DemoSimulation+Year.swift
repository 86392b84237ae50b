import DXSkillsCore

extension DemoSimulation {
    // MARK: One year

    /// From the previous 1 April to 1 April of `year`.
    mutating func advance(to year: Int) {
        let date = Day.april1(year)
        let lastDay = Day.march31(year)
        current.removeAll { people[$0].retiredOn.map { $0 < Day.april1(year - 1) } ?? false }

        // Mid-career hires (中途採用) during the year.
        var midYear: [Person] = []
        for _ in 0..<Int(Double(target) * 0.006 + Double(random.below(100)) / 100) {
            let hiredOn = midYearDate(year - 1)
            let age = random.int(28...45)
            midYear.append(makePerson(.regular, age: age, hiredOn: hiredOn, credit: (age - 22) / 2))
        }
        midYear.sort { $0.hiredOn < $1.hiredOn }
        for person in midYear {
            let p = admit(person)
            people[p].unit = placement(person.track, on: person.hiredOn)
            people[p].assignedFrom = person.hiredOn
            occupancy[people[p].unit] += 1
        }
        updateGrades(fiscalYear: year - 1)

        // Resignations on 31 March, on record only from the next snapshot.
        for p in current where people[p].retiredOn == nil {
            let age = year - 1 - people[p].birthYear
            let leaves: Bool
            switch people[p].employment {
            case .regular: leaves = random.chance(age < 50 ? 0.01 : 0.025)
            case .fiscalYear: leaves = age >= 69 || random.chance(0.15)
            case .fixedTerm: leaves = false
            }
            if leaves {
                people[p].retiredOn = lastDay
                people[p].retirementKnownOn = date
            }
        }
        for i in positions.indices {
            if let holder = positions[i].holder, !people[holder].isEmployed(on: date) {
                positions[i].holder = nil
                people[holder].position = nil
            }
        }

        countOccupancy(on: date)
        reorganize(on: date)
        updateGrades(fiscalYear: year)
        fillVacancies(on: date, initial: false)
        rotateHeads(on: date)
        transfer(on: date)
        hire(on: date)
    }

    /// Everyone in a unit that has ended follows it to its successor, and so does its head's post.
    mutating func reorganize(on date: Day) {
        for i in positions.indices {
            let unit = units[positions[i].unit]
            if let next = unit.successor, !unit.isValid(on: date) { positions[i].unit = next }
        }
        for p in current where people[p].isEmployed(on: date) {
            let unit = units[people[p].unit]
            if let next = unit.successor, !unit.isValid(on: date) { move(p, to: next, on: date) }
        }
    }

    mutating func move(_ p: Int, to unit: Int, on date: Day) {
        people[p].movedOn = date
        guard people[p].unit != unit else { return }
        if people[p].unit >= 0 { occupancy[people[p].unit] -= 1 }
        occupancy[unit] += 1
        people[p].unit = unit
        people[p].assignedFrom = date
    }
    /// New hires on 1 April bring each employment type back to its share of the target headcount.
    mutating func hire(on date: Day) {
        let year = date.year
        var counts: [Employment: Int] = [:]
        for p in current where people[p].isEmployed(on: date) { counts[people[p].employment, default: 0] += 1 }
        let fiscalTarget = (target + 5) / 10
        let fixedTarget = (target + 25) / 50
        let plan: [(Employment, Int)] = [
            (.regular, target - fiscalTarget - fixedTarget - (counts[.regular] ?? 0)),
            (.fixedTerm, fixedTarget - (counts[.fixedTerm] ?? 0)),
            (.fiscalYear, fiscalTarget - (counts[.fiscalYear] ?? 0)),
        ]
        for (employment, count) in plan where count > 0 {
            for _ in 0..<count {
                var person: Person
                switch employment {
                case .regular:
                    let age = random.chance(0.6) ? 22 : random.chance(0.75) ? random.int(23...29) : random.int(30...40)
                    person = makePerson(.regular, age: age, hiredOn: date, credit: (age - 22) / 2, grade: 0)
                case .fixedTerm:
                    person = makePerson(.fixedTerm, age: random.int(30...50), hiredOn: date, grade: random.int(1...2))
                    person.retiredOn = Day.march31(year + (random.chance(0.5) ? 3 : 5))
                    person.retirementKnownOn = date
                case .fiscalYear:
                    person = makePerson(.fiscalYear, age: random.int(25...65), hiredOn: date)
                }
                let p = admit(person)
                people[p].unit = placement(person.track, on: date)
                people[p].assignedFrom = date
                occupancy[people[p].unit] += 1
            }
        }
    }

    /// A 定年 is known from the start of its fiscal year.
    mutating func announceMandatoryRetirements(fiscalYear f: Int) {
        for p in current where people[p].employment == .regular && people[p].retiredOn == nil {
            if Self.mandatoryRetirementYear(birthYear: people[p].birthYear) <= f {
                people[p].retiredOn = Day.march31(f + 1)
                people[p].retirementKnownOn = Day.april1(f)
            }
        }
    }
}
