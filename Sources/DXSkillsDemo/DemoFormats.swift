import DXSkillsCore

/// The demo's CSV lines: Core's RFC 4180 quoting, with LF line ends and no formula escaping, as the files always had.
enum DemoCSV {
    static func line(_ fields: [String]) -> String { CSVWriter.line(fields, lineEnding: "\n", escapingFormulas: false) }
}

extension Day {
    /// 1 April of `year`: the start of fiscal year `year` and the date of every snapshot.
    static func april1(_ year: Int) -> Day { fiscalYearStart(year) }
    /// 31 March of `year`: the last day of fiscal year `year - 1`.
    static func march31(_ year: Int) -> Day { fiscalYearEnd(year - 1) }
    /// 1970-01-01, before every date of the simulation: "not yet" for a date that is always set before it is read.
    static let unset = Day(ordinal: 0)
}
