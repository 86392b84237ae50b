/// A fiscal year (年度) n: from n-04-01 to (n+1)-03-31. dxskills accepts 1989 (平成元年度) to 2200.
public struct FiscalYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The years a document, a rating or a report may name.
    public static let accepted = 1989...2200

    public let year: Int

    /// The fiscal year `year`, or nil outside `accepted`.
    public init?(_ year: Int) {
        guard Self.accepted.contains(year) else { return nil }
        self.year = year
    }

    /// The fiscal year a day falls in.
    public init(containing day: Day) { year = day.fiscalYear }

    public var start: Day { Day.fiscalYearStart(year) }
    public var end: Day { Day.fiscalYearEnd(year) }
    public var description: String { String(year) }

    public static func < (a: FiscalYear, b: FiscalYear) -> Bool { a.year < b.year }
}
