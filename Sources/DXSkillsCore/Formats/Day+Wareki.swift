extension Day {
    /// The day in 和暦 as written on Japanese paper: 令和8年4月1日, 令和元年5月1日, 平成31年4月30日.
    /// Days before 昭和 are written in the Western calendar.
    public var wareki: String {
        guard let era = DateParser.eras.first(where: { $0.first <= self }), let name = era.letters.last else {
            return "\(year)年\(month)月\(day)日"
        }
        let number = year - era.first.year + 1
        return "\(name)\(number == 1 ? "元" : String(number))年\(month)月\(day)日"
    }
}
