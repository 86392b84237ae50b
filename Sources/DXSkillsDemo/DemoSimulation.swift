import DXSkillsCore

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
        let validFrom: Day
        var validTo: Day?
        let it: Bool
        let technical: Bool
        let isLeaf: Bool
        var successor: Int?

        func isValid(on date: Day) -> Bool { validFrom <= date && (validTo.map { date <= $0 } ?? true) }
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
        let hiredOn: Day
        /// The fiscal year the grade ladder counts from (hire year, less credit for earlier careers, plus a personal pace).
        let seniorityBase: Int
        var retiredOn: Day? = nil
        /// The first snapshot date on which `retiredOn` is on record (a 定年 is known a year ahead, a resignation only after).
        var retirementKnownOn = Day.unset
        var unit = -1
        var assignedFrom = Day.unset
        var grade: Int? = nil
        var position: Int? = nil
        /// The 1 April on which a rule (reorganization, promotion, rotation) last moved this person.
        var movedOn = Day.unset

        func isEmployed(on date: Day) -> Bool { retiredOn.map { $0 >= date } ?? true }
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
    var leafCache: [Day: LeafLists] = [:]
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
        var previous: Day?
        for year in Self.firstYear...Self.lastYear {
            let date = Day.april1(year)
            if year > Self.firstYear { advance(to: year) }
            announceMandatoryRetirements(fiscalYear: year)
            snapshots.append(render(on: date, previous: previous))
            previous = date
        }
        return snapshots
    }
}
