import Foundation

/// Reads the date forms of reference §3.1: `2025-04-01`, `2025/4/1`, and 和暦 `R7.4.1` / `令和7年4月1日`
/// (also 平成 and 昭和, `元` for the first year, full-width digits).
public enum DateParser {
    struct Era {
        let letters: [String]
        let first: Day
        let last: Day?
    }

    static let eras = [
        Era(letters: ["R", "令和"], first: Day(year: 2019, month: 5, day: 1)!, last: nil),
        Era(letters: ["H", "平成"], first: Day(year: 1989, month: 1, day: 8)!, last: Day(year: 2019, month: 4, day: 30)!),
        Era(letters: ["S", "昭和"], first: Day(year: 1926, month: 12, day: 25)!, last: Day(year: 1989, month: 1, day: 7)!),
    ]

    public static func parse(_ text: String) -> Day? {
        // The common case of a million-row file, `2025-04-01`, without Unicode normalization.
        if text.utf8.count == 10, let day = Day(iso: text) { return day }
        let normalized = String(
            text.trimmingCharacters(in: .whitespaces).map { character -> Character in
                // Full-width digits and separators as typed in Japanese spreadsheets.
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                    (0xFF10...0xFF19).contains(scalar.value)
                {
                    return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
                }
                switch character {
                case "／": return "/"
                case "－": return "-"
                case "．": return "."
                default: return character
                }
            })
        guard !normalized.isEmpty else { return nil }
        for era in eras {
            for letter in era.letters {
                guard normalized.uppercased().hasPrefix(letter) else { continue }
                return japanese(String(normalized.dropFirst(letter.count)), era: era, kanji: letter.count > 1)
            }
        }
        return western(normalized)
    }

    private static func western(_ text: String) -> Day? {
        let separator: Character = text.contains("/") ? "/" : "-"
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            let y = digits(parts[0]), let m = digits(parts[1]), let d = digits(parts[2])
        else { return nil }
        return Day(year: y, month: m, day: d)
    }

    private static func japanese(_ rest: String, era: Era, kanji: Bool) -> Day? {
        let parts: [Substring]
        if kanji {
            guard rest.hasSuffix("日") else { return nil }
            parts = rest.dropLast().split(omittingEmptySubsequences: false) { $0 == "年" || $0 == "月" }
        } else {
            parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        }
        guard parts.count == 3, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count) else { return nil }
        let yearOfEra = parts[0] == "元" ? 1 : digits(parts[0])
        guard let yearOfEra, yearOfEra >= 1, let m = digits(parts[1]), let d = digits(parts[2]),
            let day = Day(year: era.first.year + yearOfEra - 1, month: m, day: d), day >= era.first,
            era.last.map({ day <= $0 }) ?? true
        else { return nil }
        return day
    }

    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}
