import Testing

@testable import DXSkillsCore

@Suite("Days and date forms")
struct DateTests {
    @Test(
        "every accepted form reads as the same day",
        arguments: [
            "2025-04-01", "2025/4/1", "2025/04/01", "2025-4-1", " 2025-04-01 ", "R7.4.1", "r7.4.1", "R07.04.01",
            "令和7年4月1日", "令和７年４月１日", "２０２５／４／１",
        ])
    func acceptedForms(_ text: String) {
        #expect(DateParser.parse(text) == Day(year: 2025, month: 4, day: 1))
    }

    @Test("era boundaries and 元年")
    func eras() {
        #expect(DateParser.parse("令和元年5月1日") == Day(year: 2019, month: 5, day: 1))
        #expect(DateParser.parse("R元.5.1") == Day(year: 2019, month: 5, day: 1))
        #expect(DateParser.parse("H31.4.30") == Day(year: 2019, month: 4, day: 30))
        #expect(DateParser.parse("平成元年1月8日") == Day(year: 1989, month: 1, day: 8))
        #expect(DateParser.parse("S64.1.7") == Day(year: 1989, month: 1, day: 7))
        #expect(DateParser.parse("昭和60年4月1日") == Day(year: 1985, month: 4, day: 1))
    }

    @Test(
        "impossible days, days outside their era and junk are refused",
        arguments: [
            "2025-02-30", "2025/4/31", "2025-13-01", "R7.13.1", "R7.2.29", "R1.4.30", "H31.5.1", "H1.1.7", "2025-04-01x",
            "", "令和7年4月1", "R7.4", "2025/4/1/1", "R0.5.1", "abc", "20250401",
        ])
    func refused(_ text: String) {
        #expect(DateParser.parse(text) == nil)
    }

    @Test("ordinal arithmetic across months, leap days and years")
    func arithmetic() {
        let day = Day(iso: "2024-02-28")!
        #expect(day.adding(days: 1).description == "2024-02-29")
        #expect(day.adding(days: 2).description == "2024-03-01")
        #expect(Day(iso: "2025-04-01")!.adding(days: -1).description == "2025-03-31")
        #expect(Day(iso: "1970-01-01")!.ordinal == 0)
        #expect(Day(iso: "2025-04-01")!.daysSince(Day(iso: "2024-04-01")!) == 365)
        // 29 February plus a year is 1 March (reference §4.9).
        #expect(Day(iso: "2024-02-29")!.adding(years: 1).description == "2025-03-01")
        #expect(Day(iso: "2024-02-29")!.adding(years: 4).description == "2028-02-29")
    }

    @Test("fiscal years run April to March")
    func fiscalYears() {
        #expect(Day(iso: "2025-04-01")!.fiscalYear == 2025)
        #expect(Day(iso: "2026-03-31")!.fiscalYear == 2025)
        #expect(Day.fiscalYearStart(2025).description == "2025-04-01")
        #expect(Day.fiscalYearEnd(2025).description == "2026-03-31")
    }

    @Test("ISO text is exact")
    func iso() {
        #expect(Day(iso: "2025-4-1") == nil)
        #expect(Day(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(Day(iso: "2023-02-29") == nil)
    }

    @Test("和暦 text: 元年 for an era's first year, the era's first and last days, Western before 昭和")
    func wareki() {
        let cases = [
            ("2026-04-01", "令和8年4月1日"), ("2019-05-01", "令和元年5月1日"), ("2019-04-30", "平成31年4月30日"),
            ("1989-01-08", "平成元年1月8日"), ("1989-01-07", "昭和64年1月7日"), ("1926-12-25", "昭和元年12月25日"),
            ("1926-12-24", "1926年12月24日"),
        ]
        for (iso, expected) in cases {
            #expect(Day(iso: iso)!.wareki == expected, "\(iso)")
            // What is written reads back as the same day.
            if !expected.hasPrefix("1926年") { #expect(DateParser.parse(expected) == Day(iso: iso)) }
        }
    }
}
