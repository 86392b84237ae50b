import DXSkillsCore

extension DemoSimulation {
    /// Fills empty head posts top down: 局長 from 部長, 部長 from 課長, 課長 from the senior staff.
    mutating func fillVacancies(on date: Day, initial: Bool) {
        for grade in [6, 5, 4] {
            let vacant = positions.indices.filter { positions[$0].grade == grade && positions[$0].holder == nil }
            guard !vacant.isEmpty else { continue }
            var pools: [[Int]] = []
            for lower in stride(from: grade - 1, through: 4, by: -1) {
                pools.append(
                    positions.filter { $0.grade == lower }.compactMap(\.holder).sorted {
                        (people[$0].birthYear, $0) < (people[$1].birthYear, $1)
                    })
            }
            pools.append(
                current.filter {
                    let person = people[$0]
                    return person.isEmployed(on: date) && person.employment == .regular && person.track != .other
                        && person.position == nil && person.hiredOn < date
                }.sorted {
                    (-(people[$0].grade ?? 0), people[$0].birthYear, $0) < (-(people[$1].grade ?? 0), people[$1].birthYear, $1)
                })
            var cursors = Array(repeating: 0, count: pools.count)
            for post in vacant {
                guard let p = take(from: &pools, cursors: &cursors) else { break }
                if let old = people[p].position { positions[old].holder = nil }
                positions[post].holder = p
                people[p].position = post
                people[p].grade = grade
                if initial {
                    if people[p].unit >= 0 { occupancy[people[p].unit] -= 1 }
                    people[p].unit = positions[post].unit
                    people[p].assignedFrom = initialAssignment(people[p], unit: positions[post].unit)
                    occupancy[positions[post].unit] += 1
                } else {
                    move(p, to: positions[post].unit, on: date)
                }
            }
        }
    }

    /// The first available candidate, drawn from the three most senior so that seniority is not the whole story.
    mutating func take(from pools: inout [[Int]], cursors: inout [Int]) -> Int? {
        for i in pools.indices where cursors[i] < pools[i].count {
            let j = cursors[i] + random.below(min(3, pools[i].count - cursors[i]))
            pools[i].swapAt(cursors[i], j)
            cursors[i] += 1
            return pools[i][cursors[i] - 1]
        }
        return nil
    }

    /// Some 部長 and 課長 with two or more years in post swap posts.
    mutating func rotateHeads(on date: Day) {
        for grade in [5, 4] {
            let movers = positions.indices.filter { i in
                guard positions[i].grade == grade, let p = positions[i].holder, people[p].movedOn != date else { return false }
                return date.year - people[p].assignedFrom.year >= 2 && random.chance(0.3)
            }
            let holders = movers.map { positions[$0].holder! }
            var posts = movers
            random.shuffle(&posts)
            for (p, post) in zip(holders, posts) {
                positions[post].holder = p
                people[p].position = post
                move(p, to: positions[post].unit, on: date)
            }
        }
    }

    /// The April personnel changes (定期人事異動) of regular staff: the longer in a unit, the likelier a move.
    mutating func transfer(on date: Day) {
        for p in current {
            let person = people[p]
            guard person.isEmployed(on: date), person.employment == .regular, person.position == nil, person.movedOn != date
            else { continue }
            let years = date.year - person.assignedFrom.year
            let chance = years <= 1 ? 0.03 : years == 2 ? 0.15 : years == 3 ? 0.4 : 0.6
            guard random.chance(chance) else { continue }
            var unit = person.unit
            for _ in 0..<3 where unit == person.unit { unit = placement(person.track, on: date) }
            move(p, to: unit, on: date)
        }
    }
}
