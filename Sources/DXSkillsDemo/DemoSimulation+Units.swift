import DXSkillsCore

extension DemoSimulation {
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
        let start = Day.april1(2019)
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
                    units[unit].validTo = Day.march31(DemoOrganization.reorganizedOn.year)
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

    mutating func leaves(on date: Day) -> LeafLists {
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
    mutating func placement(_ track: Track, on date: Day, balanced: Bool = false) -> Int {
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

    mutating func countOccupancy(on date: Day) {
        occupancy = Array(repeating: 0, count: units.count)
        for p in current where people[p].isEmployed(on: date) && people[p].unit >= 0 { occupancy[people[p].unit] += 1 }
    }
}
