import Foundation

/// count / headcount (reference §4.4 coverage, §4.6 completion): computed and written here for the
/// API, the dashboard and the CLI alike. No ratio exists at headcount 0 (n/a, JSON null).
public struct Ratio: Sendable, Equatable {
    public let count: Int
    public let headcount: Int

    public init(_ count: Int, of headcount: Int) {
        self.count = count
        self.headcount = headcount
    }

    /// The ratio as a number; nil when the headcount is 0.
    public var value: Double? { headcount == 0 ? nil : Double(count) / Double(headcount) }

    /// The exact quotient rounded half up at the 6th decimal, e.g. `0.333333`; nil at headcount 0.
    public var decimalText: String? {
        guard headcount > 0 else { return nil }
        let scaled = (count * 2_000_000 + headcount) / (2 * headcount)
        let decimals = String(scaled % 1_000_000)
        return "\(scaled / 1_000_000)." + String(repeating: "0", count: 6 - decimals.count) + decimals
    }

    /// A percentage with one decimal for tables and CSV, e.g. `33.3%`; `n/a` at headcount 0.
    public var percentText: String {
        guard headcount > 0 else { return "n/a" }
        return String(format: "%.1f%%", Double(count) * 100 / Double(headcount))
    }
}
