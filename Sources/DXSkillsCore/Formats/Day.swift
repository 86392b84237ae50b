import Foundation

/// A calendar day (no time, no zone): every date of reference §4 is one of these, in Asia/Tokyo.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A real calendar day, or nil (2025-02-30 is not one).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.daysIn(month, of: year)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init?(_ description: String) { self.init(iso: description) }

    public var description: String {
        // Hot in imports and reports: written by hand rather than through String(format:).
        func digits(_ value: Int, _ count: Int) -> String {
            let text = String(value)
            return text.count >= count ? text : String(repeating: "0", count: count - text.count) + text
        }
        return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2)
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `ordinal` days after 1970-01-01.
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The same date `years` later; 29 February becomes 1 March in a year without one (reference §4.9).
    public func adding(years: Int) -> Day {
        Day(year: year + years, month: month, day: day) ?? Day(year: year + years, month: 3, day: 1)!
    }

    public func daysSince(_ other: Day) -> Int { ordinal - other.ordinal }

    /// FY n runs from n-04-01 to (n+1)-03-31.
    public var fiscalYear: Int { month >= 4 ? year : year - 1 }
    public static func fiscalYearStart(_ n: Int) -> Day { Day(year: n, month: 4, day: 1)! }
    public static func fiscalYearEnd(_ n: Int) -> Day { Day(year: n + 1, month: 3, day: 31)! }

    /// The day `today()` answers instead of the clock's, for the task and its child tasks: tests pin
    /// the day with `Day.$pinnedToday.withValue(day) { … }`.
    @TaskLocal public static var pinnedToday: Day?

    /// Today in a time zone (Asia/Tokyo unless given), or the pinned day.
    public static func today(in timeZone: TimeZone = TimeZone(identifier: "Asia/Tokyo")!) -> Day {
        if let pinnedToday { return pinnedToday }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
