/// The organization and staff list of the sample city as of one 1 April, as the CSV files of reference §3.1.
public struct DemoSnapshot: Sendable {
    public let effectiveOn: Day
    public let unitsCSV: String
    public let staffCSV: String
}

/// A deterministic sample city (みなと市) with five years of history: hires, transfers, promotions,
/// retirements and one reorganization (組織改正) on 2024-04-01.
public struct DemoCity: Sendable {
    public let tenantCode = "139999"
    public let tenantName = "みなと市"
    private let history: [DemoSnapshot]
    private let demoUsers: [(name: String, role: String, unitCode: String?, employeeNo: String?)]

    /// About `staff` people (at least 10) on the last 1 April; the same staff count and seed give the same city.
    public init(staff: Int = 300, seed: UInt64 = 1) {
        var simulation = DemoSimulation(target: max(staff, 10), seed: seed)
        history = simulation.run()
        demoUsers = simulation.users()
    }

    /// Snapshots to import in order: the organization and staff list as of each 1 April, 2021 … 2026.
    public func snapshots() -> [DemoSnapshot] { history }

    /// Suggested demo users: (name, role, unitCode?, employeeNo?) — admin1 (admin), hr1 (hr), a manager scoped to a 部,
    /// an evaluator scoped to a 局, and a staff user who is a real employee present in the last snapshot.
    public func users() -> [(name: String, role: String, unitCode: String?, employeeNo: String?)] { demoUsers }
}

/// SplitMix64: small, fast and the same on every platform, unlike the standard library's generators.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n (n > 0); the modulo bias is far below anything a demo can show.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / 9_007_199_254_740_992 < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Fisher–Yates with our own generator, so the order never depends on the standard library's algorithm.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, below(i + 1)) }
    }
}

/// RFC 4180 CSV text.
enum DemoCSV {
    /// A field as written in a CSV line: quoted only when it holds a comma, quote or line break.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }

    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}

/// Dates inside the simulation are plain `yyyymmdd` integers: cheap to compare and to print.
enum DemoDate {
    static func iso(_ date: Int) -> String {
        let (year, month, day) = (date / 10000, date / 100 % 100, date % 100)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    static func april1(_ year: Int) -> Int { year * 10000 + 401 }
    static func march31(_ year: Int) -> Int { year * 10000 + 331 }
    static func year(_ date: Int) -> Int { date / 10000 }
    /// The fiscal year (年度) a date falls in.
    static func fiscalYear(_ date: Int) -> Int { date % 10000 >= 401 ? date / 10000 : date / 10000 - 1 }
}

/// Runs the city year by year and writes a snapshot every 1 April.
struct DemoSimulation {
    enum Track: String { case general, information, technical, other }
    enum Employment: String {
        case regular
        case fixedTerm = "fixed_term"
        case fiscalYear = "fiscal_year"
    }

    struct Unit {
        let code: String
        let name: String
        let kind: String
        let parent: Int?
        let validFrom: Int
        var validTo: Int?
        let it: Bool
        let technical: Bool
        let isLeaf: Bool
        var successor: Int?

        func isValid(on date: Int) -> Bool { validFrom <= date && (validTo.map { date <= $0 } ?? true) }
    }

    /// A head's post: 局長 of a 局, 部長 of a 部, 課長 of a 課 or 室.
    struct Position {
        var unit: Int
        let grade: Int
        var holder: Int?
    }

    struct Person {
        var number = 0
        let surname: Int
        let givenName: Int
        let female: Bool
        let track: Track
        let employment: Employment
        /// Age in fiscal year f is f − birthYear.
        let birthYear: Int
        let hiredOn: Int
        /// The fiscal year the grade ladder counts from (hire year, less credit for earlier careers, plus a personal pace).
        let seniorityBase: Int
        var retiredOn: Int? = nil
        /// The first snapshot date on which `retiredOn` is on record (a 定年 is known a year ahead, a resignation only after).
        var retirementKnownOn = 0
        var unit = -1
        var assignedFrom = 0
        var grade: Int? = nil
        var position: Int? = nil
        /// The 1 April on which a rule (reorganization, promotion, rotation) last moved this person.
        var movedOn = 0

        func isEmployed(on date: Int) -> Bool { retiredOn.map { $0 >= date } ?? true }
    }

    struct LeafLists {
        var all: [Int] = []
        var it: [Int] = []
        var technical: [Int] = []
    }

    static let grades = ["主事", "主任", "係長", "課長補佐", "課長", "部長", "局長"]
    static let firstYear = 2021
    static let lastYear = 2026
    static let unitsHeader = ["code", "name", "kind", "parent_code", "valid_from", "valid_to", "it_department"]
    static let staffHeader = [
        "employee_no", "name", "kana", "job_track", "employment_type", "grade", "unit_code", "assigned_from", "hired_on",
        "retired_on",
    ]

    let target: Int
    var random: DemoRandom
    var units: [Unit] = []
    var positions: [Position] = []
    var people: [Person] = []
    /// Indices of people who may still appear in a snapshot, in employee-number order.
    var current: [Int] = []
    var nextNumber = 100_001
    var leafCache: [Int: LeafLists] = [:]
    var balancedDeck: [Int] = []
    /// People per unit, kept roughly current so that placements even out the 課.
    var occupancy: [Int] = []
    var landmarks: [String: Int] = [:]

    init(target: Int, seed: UInt64) {
        self.target = target
        random = DemoRandom(seed: seed)
    }

    mutating func run() -> [DemoSnapshot] {
        buildOrganization()
        populate()
        var snapshots: [DemoSnapshot] = []
        var previous: Int?
        for year in Self.firstYear...Self.lastYear {
            let date = DemoDate.april1(year)
            if year > Self.firstYear { advance(to: year) }
            announceMandatoryRetirements(fiscalYear: year)
            snapshots.append(render(on: date, previous: previous))
            previous = date
        }
        return snapshots
    }

    // MARK: Organization

    /// Keeps about one 課 per 11 staff: the most important central offices first, then ward offices.
    mutating func buildOrganization() {
        struct Slot {
            let bureau: Int
            let division: Int
            let section: Int
            let essential: Bool
        }
        let plans = DemoOrganization.bureaus
        let leafTarget = max(1, (target + 5) / 11)
        var slots: [[Slot]] = []
        for (b, plan) in plans.enumerated() {
            var list: [Slot] = []
            for (d, division) in plan.divisions.enumerated() {
                if division.sections.isEmpty { list.append(Slot(bureau: b, division: d, section: -1, essential: false)) }
                for (s, section) in division.sections.enumerated() {
                    list.append(Slot(bureau: b, division: d, section: s, essential: section.essential))
                }
            }
            slots.append(list)
        }
        let lastEssential = slots.lastIndex(where: { $0.contains(where: \.essential) }) ?? 0
        var bureauCount = min(plans.count, max(lastEssential + 1, (leafTarget + 2) / 5))
        while bureauCount < plans.count && slots[..<bureauCount].map(\.count).reduce(0, +) < leafTarget { bureauCount += 1 }
        let candidates = slots[..<bureauCount].flatMap { $0 }
        var chosen = Set(candidates.filter(\.essential).map { [$0.bureau, $0.division, $0.section] })
        let rest = candidates.filter { !$0.essential }.sorted {
            (max($0.section, 0), $0.division, $0.bureau) < (max($1.section, 0), $1.division, $1.bureau)
        }
        for slot in rest where chosen.count < leafTarget { chosen.insert([slot.bureau, slot.division, slot.section]) }
        let wardCapacity = DemoOrganization.ward(0).divisions.map(\.sections.count).reduce(0, +)
        let wardCount = leafTarget > candidates.count ? (leafTarget - candidates.count + wardCapacity - 1) / wardCapacity : 0

        for (b, plan) in plans.enumerated() where b < bureauCount {
            addBureau(plan, number: 10 + b) { d, s in chosen.contains([b, d, s]) }
        }
        for w in 0..<wardCount {
            addBureau(DemoOrganization.ward(w), number: 10 + plans.count + w) { _, _ in true }
        }
    }

    private mutating func addBureau(_ plan: DemoBureauPlan, number k: Int, includes: (Int, Int) -> Bool) {
        let included = plan.divisions.indices.contains { d in
            plan.divisions[d].sections.isEmpty ? includes(d, -1) : plan.divisions[d].sections.indices.contains { includes(d, $0) }
        }
        guard included else { return }
        let start = DemoDate.april1(2019)
        let bureau = addUnit(
            Unit(
                code: "K\(k)", name: plan.name, kind: "局", parent: nil, validFrom: start, it: false, technical: plan.technical,
                isLeaf: false), grade: 6)
        landmarks[plan.name] = landmarks[plan.name] ?? bureau
        for (d, division) in plan.divisions.enumerated() {
            let code = "B\(k)\(10 + d)"
            if division.sections.isEmpty {
                guard includes(d, -1) else { continue }
                _ = addUnit(
                    Unit(
                        code: code, name: division.name, kind: division.kind, parent: bureau, validFrom: start, it: division.it,
                        technical: plan.technical, isLeaf: true), grade: 4)
                continue
            }
            let sections = division.sections.indices.filter { includes(d, $0) }
            guard !sections.isEmpty else { continue }
            let parent = addUnit(
                Unit(
                    code: code, name: division.name, kind: division.kind, parent: bureau, validFrom: start, it: division.it,
                    technical: plan.technical, isLeaf: false), grade: 5)
            landmarks[plan.name + division.name] = landmarks[plan.name + division.name] ?? parent
            for s in sections {
                let section = division.sections[s]
                let unit = addUnit(
                    Unit(
                        code: "S\(k)\(10 + d)\(10 + s)", name: section.name, kind: section.kind, parent: parent,
                        validFrom: section.validFrom, it: section.it, technical: plan.technical, isLeaf: true), grade: 4)
                landmarks[section.name] = landmarks[section.name] ?? unit
                if let successor = section.successor {
                    // The successor shares the predecessor's 課長 post: `reorganize` moves the post along.
                    units[unit].validTo = DemoDate.march31(DemoDate.year(DemoOrganization.reorganizedOn))
                    let next = addUnit(
                        Unit(
                            code: "S\(k)\(10 + d)\(10 + division.sections.count)", name: successor, kind: section.kind,
                            parent: parent, validFrom: DemoOrganization.reorganizedOn, it: section.it,
                            technical: plan.technical, isLeaf: true), grade: nil)
                    units[unit].successor = next
                    landmarks[successor] = landmarks[successor] ?? next
                }
            }
        }
    }

    private mutating func addUnit(_ unit: Unit, grade: Int?) -> Int {
        units.append(unit)
        if let grade { positions.append(Position(unit: units.count - 1, grade: grade)) }
        return units.count - 1
    }

    mutating func leaves(on date: Int) -> LeafLists {
        if let cached = leafCache[date] { return cached }
        var lists = LeafLists()
        for (i, unit) in units.enumerated() where unit.isLeaf && unit.isValid(on: date) {
            lists.all.append(i)
            if unit.it { lists.it.append(i) }
            if unit.technical { lists.technical.append(i) }
        }
        leafCache[date] = lists
        return lists
    }

    /// A unit for someone of this track: information staff lean to the IT department, technical staff to technical 局.
    mutating func placement(_ track: Track, on date: Int, balanced: Bool = false) -> Int {
        let lists = leaves(on: date)
        if track == .information, !lists.it.isEmpty, random.chance(0.5) { return lessCrowded(lists.it) }
        if track == .technical, !lists.technical.isEmpty, random.chance(0.7) { return lessCrowded(lists.technical) }
        guard balanced else { return lessCrowded(lists.all) }
        // Dealing from a shuffled deck keeps the first year's 課 close to the same size.
        if balancedDeck.isEmpty {
            balancedDeck = lists.all
            random.shuffle(&balancedDeck)
        }
        return balancedDeck.removeLast()
    }

    /// The emptier of two random units: enough to keep 課 sizes close without planning.
    mutating func lessCrowded(_ candidates: [Int]) -> Int {
        let a = random.pick(candidates)
        let b = random.pick(candidates)
        return occupancy[b] < occupancy[a] ? b : a
    }

    mutating func countOccupancy(on date: Int) {
        occupancy = Array(repeating: 0, count: units.count)
        for p in current where people[p].isEmployed(on: date) && people[p].unit >= 0 { occupancy[people[p].unit] += 1 }
    }

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
    mutating func midYearDate(_ fiscalYear: Int) -> Int {
        let step = random.int(1...11)  // May … March
        let month = (3 + step) % 12 + 1
        let year = month >= 4 ? fiscalYear : fiscalYear + 1
        return year * 10000 + month * 100 + (random.chance(0.7) ? 1 : random.int(2...28))
    }

    mutating func makePerson(
        _ employment: Employment, track: Track? = nil, age: Int, hiredOn: Int, credit: Int = 0, grade: Int? = nil
    ) -> Person {
        let name = randomName()
        let hireYear = DemoDate.fiscalYear(hiredOn)
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
                    random.chance(0.6) ? DemoDate.april1(2020) : random.chance(0.5) ? DemoDate.april1(first) : midYearDate(2020)
                hired.append(makePerson(.fiscalYear, age: random.int(25...66), hiredOn: hiredOn))
            } else if r < 0.12 {
                let year = random.int(2018...first)
                let term = year + 3 >= first + 1 && random.chance(0.5) ? 3 : 5
                var person = makePerson(
                    .fixedTerm, age: random.int(30...50), hiredOn: DemoDate.april1(year), grade: random.int(1...2))
                person.retiredOn = DemoDate.march31(year + term)
                person.retirementKnownOn = person.hiredOn
                hired.append(person)
            } else {
                let age = random.int(22...60)
                var hireAge = random.chance(0.6) ? 22 : random.chance(0.75) ? random.int(23...29) : random.int(30...45)
                hireAge = min(hireAge, age)
                let hireYear = first - age + hireAge
                let hiredOn = hireYear < first && random.chance(0.1) ? midYearDate(hireYear) : DemoDate.april1(hireYear)
                hired.append(makePerson(.regular, age: hireAge, hiredOn: hiredOn, credit: (hireAge - 22) / 2))
            }
        }
        // Employee numbers follow the order of hiring, like a real 職員番号 register.
        let order = hired.indices.sorted {
            (hired[$0].hiredOn, hired[$0].birthYear, $0) < (hired[$1].hiredOn, hired[$1].birthYear, $1)
        }
        for i in order { admit(hired[i]) }
        let date = DemoDate.april1(first)
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
    mutating func initialAssignment(_ person: Person, unit: Int) -> Int {
        let validFrom = units[unit].validFrom
        var choices = (2019...Self.firstYear).map(DemoDate.april1).filter { $0 >= person.hiredOn && $0 >= validFrom }
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

    // MARK: One year

    /// From the previous 1 April to 1 April of `year`.
    mutating func advance(to year: Int) {
        let date = DemoDate.april1(year)
        let lastDay = DemoDate.march31(year)
        current.removeAll { people[$0].retiredOn.map { $0 < DemoDate.april1(year - 1) } ?? false }

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
    mutating func reorganize(on date: Int) {
        for i in positions.indices {
            let unit = units[positions[i].unit]
            if let next = unit.successor, !unit.isValid(on: date) { positions[i].unit = next }
        }
        for p in current where people[p].isEmployed(on: date) {
            let unit = units[people[p].unit]
            if let next = unit.successor, !unit.isValid(on: date) { move(p, to: next, on: date) }
        }
    }

    mutating func move(_ p: Int, to unit: Int, on date: Int) {
        people[p].movedOn = date
        guard people[p].unit != unit else { return }
        if people[p].unit >= 0 { occupancy[people[p].unit] -= 1 }
        occupancy[unit] += 1
        people[p].unit = unit
        people[p].assignedFrom = date
    }

    /// Fills empty head posts top down: 局長 from 部長, 部長 from 課長, 課長 from the senior staff.
    mutating func fillVacancies(on date: Int, initial: Bool) {
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
    mutating func rotateHeads(on date: Int) {
        for grade in [5, 4] {
            let movers = positions.indices.filter { i in
                guard positions[i].grade == grade, let p = positions[i].holder, people[p].movedOn != date else { return false }
                return DemoDate.year(date) - DemoDate.year(people[p].assignedFrom) >= 2 && random.chance(0.3)
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
    mutating func transfer(on date: Int) {
        for p in current {
            let person = people[p]
            guard person.isEmployed(on: date), person.employment == .regular, person.position == nil, person.movedOn != date
            else { continue }
            let years = DemoDate.year(date) - DemoDate.year(person.assignedFrom)
            let chance = years <= 1 ? 0.03 : years == 2 ? 0.15 : years == 3 ? 0.4 : 0.6
            guard random.chance(chance) else { continue }
            var unit = person.unit
            for _ in 0..<3 where unit == person.unit { unit = placement(person.track, on: date) }
            move(p, to: unit, on: date)
        }
    }

    /// New hires on 1 April bring each employment type back to its share of the target headcount.
    mutating func hire(on date: Int) {
        let year = DemoDate.year(date)
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
                    person.retiredOn = DemoDate.march31(year + (random.chance(0.5) ? 3 : 5))
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
                people[p].retiredOn = DemoDate.march31(f + 1)
                people[p].retirementKnownOn = DemoDate.april1(f)
            }
        }
    }

    // MARK: Output

    /// Units that exist by `date` (an end date shows once it has passed) and everyone employed on `date`
    /// or retired since the `previous` snapshot, so that the importer learns of every retirement.
    func render(on date: Int, previous: Int?) -> DemoSnapshot {
        var unitsCSV = DemoCSV.line(Self.unitsHeader)
        for unit in units where unit.validFrom <= date {
            let validTo = unit.validTo.flatMap { $0 < date ? DemoDate.iso($0) : nil } ?? ""
            unitsCSV += DemoCSV.line([
                unit.code, unit.name, unit.kind, unit.parent.map { units[$0].code } ?? "", DemoDate.iso(unit.validFrom),
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
            let retiredOn = person.retiredOn.flatMap { person.retirementKnownOn <= date ? DemoDate.iso($0) : nil } ?? ""
            staffCSV += DemoCSV.line([
                String(person.number), surname.kanji + "　" + given.kanji, surname.kana + "　" + given.kana,
                person.track.rawValue, person.employment.rawValue, person.grade.map { Self.grades[$0] } ?? "",
                units[person.unit].code, DemoDate.iso(person.assignedFrom), DemoDate.iso(person.hiredOn), retiredOn,
            ])
        }
        return DemoSnapshot(effectiveOn: Day(iso: DemoDate.iso(date))!, unitsCSV: unitsCSV, staffCSV: staffCSV)
    }

    /// The demo's logins, tied to real posts and people of the last snapshot.
    func users() -> [(name: String, role: String, unitCode: String?, employeeNo: String?)] {
        let last = DemoDate.april1(Self.lastYear)
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
            ("admin1", "admin", nil, nil),
            ("hr1", "hr", nil, nil),
            ("manager1", "manager", division.map { units[$0].code }, head(of: division)),
            ("evaluator1", "evaluator", bureau.map { units[$0].code }, head(of: bureau)),
            ("staff1", "staff", nil, staff.map { String(people[$0].number) }),
        ]
    }
}
