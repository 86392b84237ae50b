import DXSkillsCore

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
    private let demoUsers: [(name: String, role: Role, unitCode: String?, employeeNo: String?)]

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
    public func users() -> [(name: String, role: Role, unitCode: String?, employeeNo: String?)] { demoUsers }

    /// The demo password of a demo user, for signing in to the dashboard: known to everyone, so it
    /// exists in the demo tenant only.
    public static func password(of user: String) -> String { "\(user)-minato-demo" }
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
