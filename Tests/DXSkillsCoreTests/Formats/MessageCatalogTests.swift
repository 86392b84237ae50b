import Foundation
import Testing

@testable import DXSkillsCore

@Suite("Message catalog")
struct MessageCatalogTests {
    static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test("every key has an English and a Japanese text, naming the same values")
    func everyKeyInBothLanguages() {
        for key in MessageKey.allCases {
            guard let entry = MessageCatalog.texts[key] else {
                Issue.record("\(key) has no texts")
                continue
            }
            #expect(!entry.en.isEmpty && !entry.ja.isEmpty, "\(key)")
            #expect(Self.placeholders(entry.en) == Self.placeholders(entry.ja), "\(key): \(entry.en) / \(entry.ja)")
            // A Japanese text is Japanese: not the English copied over (only a pass-through has no words).
            if ![.receivedText, .problemList, .fieldProblem].contains(key) {
                #expect(entry.ja.unicodeScalars.contains { $0.value >= 0x3000 }, "\(key) is not Japanese: \(entry.ja)")
                #expect(entry.en.unicodeScalars.allSatisfy { $0.value < 0x3000 } || entry.en != entry.ja, "\(key)")
            }
        }
        #expect(MessageCatalog.texts.count == MessageKey.allCases.count)
    }

    @Test("values fill the template in each language, nested messages in the same language")
    func rendering() {
        let message = Message(
            .unitNotValidOnDay, ["unit": "S101", "from": "2025-04-01", "to": .until(nil)])
        #expect(message.text(.en) == "unit S101 is valid from 2025-04-01 to (open), not on this day")
        #expect(message.text(.ja) == "所属 S101 の有効期間は 2025-04-01〜(終了日なし) で、この日を含みません")
        #expect(Message(.csvUnclosedQuote).text(.en) == "a quoted field is never closed")
    }

    @Test("a problem's place: line, column number and header, value")
    func issueText() {
        let issue = CSVIssue(line: 3, column: "employee_no", value: "10012X", .codeRule).at(column: 4, title: "職員番号")
        #expect(
            IssueText.line(issue, .ja)
                == "3行目 4列(職員番号) 「10012X」: コードに使えるのは半角英字 A–Z a–z、数字 0–9、_ と - だけです")
        #expect(
            IssueText.line(issue, .en)
                == "line 3, column 4 (職員番号), value \"10012X\": a code may contain only letters A–Z a–z, digits 0–9, _ and -")
        let whole = CSVIssue(line: 1, column: nil, value: nil, .csvNoRows)
        #expect(IssueText.line(whole, .ja) == "1行目: 見出し行の後にデータ行がありません。取り込む行がありません")
    }

    @Test("a request's error in each language; row problems listed one per line")
    func errorTexts() {
        let missing = DXSkillsError.notFound(Message(.objStaff, ["id": "E9"]))
        #expect(missing.text(.ja) == "見つかりません: 職員 E9")
        #expect(missing.description == "not found: staff E9")
        let refused = DXSkillsError.forbidden(Message(.forbidRole, ["role": "staff", "action": .key(.actReadRankings)]))
        #expect(refused.text(.ja) == "許可されていません: 役割 staff では順位表を見ることはできません")
        #expect(refused.description == "not allowed: role staff may not read rankings")
        // A document's problems, each naming its field, in either language.
        let document = DXSkillsError.invalid(problems: [
            .field("items[0].code", .docFieldRequired), .field("items[1].weight", .docPositiveNumber, ["value": "-1.0"]),
        ])
        #expect(document.description == "items[0].code: required; items[1].weight: must be a number > 0, got -1.0")
        #expect(
            document.text(.ja) == "items[0].code: 必須です。items[1].weight: 0 より大きい数を指定してください(-1.0 が指定されました)")
        #expect(DXSkillsError.unauthorized.text(.ja).hasPrefix("サインインしていません"))
        let rows = DXSkillsError.invalidRows([CSVIssue(line: 2, column: "unit_code", value: "X", .unknownUnit)], unlisted: 3)
        #expect(
            rows.text(.ja)
                == "入力に 4 件の問題があります。何も書き込んでいません\n2行目 列「unit_code」 「X」: 登録されていない所属コードです\n…ほか 3 件")
        #expect(
            rows.description
                == "4 problem(s) in the input; nothing was written\nline 2, column unit_code, value \"X\": unknown unit\n… and 3 more"
        )
    }

    @Test("Accept-Language and POSIX locales choose the language")
    func choosingLanguage() {
        #expect(Language.preferred(acceptLanguage: "ja,en-US;q=0.8") == .ja)
        #expect(Language.preferred(acceptLanguage: "en-US,ja;q=0.9") == .en)
        #expect(Language.preferred(acceptLanguage: "fr, ja;q=0.5, en;q=0.4") == .ja)
        #expect(Language.preferred(acceptLanguage: "ja;q=0, en") == .en)
        #expect(Language.preferred(acceptLanguage: "fr") == nil)
        #expect(Language.preferred(acceptLanguage: nil) == nil)
        #expect(Language.environment(["LANG": "ja_JP.UTF-8"]) == .ja)
        #expect(Language.environment(["LC_ALL": "C", "LANG": "ja_JP.UTF-8"]) == .en)
        #expect(Language.environment(["LC_MESSAGES": "ja_JP.eucJP", "LANG": "en_US.UTF-8"]) == .ja)
        #expect(Language.environment([:]) == .en)
    }
}
