import ArgumentParser
import DXSkillsCore
import Foundation
import Testing

@testable import DXSkillsCLI

/// The commands' help in Japanese and English (HelpCatalog.swift): every text in both languages,
/// and every command's help rendered in the terminal's language.
@Suite("CLI help in Japanese and English")
struct HelpCatalogTests {
    /// Hiragana, katakana, kanji or full-width punctuation.
    static func hasJapanese(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            (0x3000...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) || (0xFF01...0xFF5E).contains($0.value)
        }
    }

    /// The text with every run of white space as one space: the help wraps lines at spaces.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Runs `body` with a terminal whose environment is `environment` (LANG, DXSKILLS_LANG).
    static func with<T>(_ environment: [String: String], _ body: () throws -> T) rethrows -> T {
        let terminal = Terminal(standardOutput: { _ in }, standardError: { _ in }, environment: environment)
        return try Terminal.$current.withValue(terminal, operation: body)
    }

    /// DXSkillsCommand and every command below it, with its path (`admin tenant set`).
    static func commands(
        _ command: any ParsableCommand.Type = DXSkillsCommand.self, path: [String] = []
    ) -> [(path: String, type: any ParsableCommand.Type)] {
        [(path.joined(separator: " "), command)]
            + command.configuration.subcommands.flatMap { commands($0, path: path + [$0._commandName]) }
    }

    @Test("every key has an English and a Japanese text, and the Japanese one is written in Japanese")
    func everyKeyInBothLanguages() {
        for key in HelpKey.allCases {
            let entry = HelpCatalog.entries[key]
            #expect(entry != nil, "no entry for \(key)")
            guard let entry else { continue }
            #expect(!entry.en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(key) has no English text")
            #expect(!entry.ja.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(key) has no Japanese text")
            #expect(Self.hasJapanese(entry.ja), "\(key)'s Japanese text has no Japanese in it: \(entry.ja)")
            #expect(entry.en != entry.ja, "\(key): the same text in both languages")
        }
    }

    @Test("the language of the help: DXSKILLS_LANG (--lang) first, then LC_ALL, LC_MESSAGES, LANG")
    func languageOfHelp() {
        let cases: [([String: String], Language)] = [
            (["LANG": "ja_JP.UTF-8"], .ja), (["LANG": "C"], .en), ([:], .en),
            (["LANG": "C", "LC_MESSAGES": "ja_JP.UTF-8"], .ja), (["LANG": "ja_JP.UTF-8", "LC_ALL": "C"], .en),
            (["LANG": "C", "DXSKILLS_LANG": "ja"], .ja), (["LANG": "ja_JP.UTF-8", "DXSKILLS_LANG": "en"], .en),
        ]
        for (environment, language) in cases {
            let abstract = Self.with(environment) { DXSkillsCommand.configuration.abstract }
            #expect(abstract == HelpCatalog.entries[.rootAbstract]?.text(language), "\(environment)")
        }
    }

    @Test("every command's help: in Japanese with LANG=ja_JP.UTF-8, in English with LANG=C")
    func everyCommandInBothLanguages() throws {
        let english = HelpCatalog.entries.values.map { Self.flat($0.en) }
        let japanese = HelpCatalog.entries.values.map { Self.flat($0.ja) }
        let commands = Self.commands()
        #expect(commands.count > 60, "only \(commands.count) commands found")
        for (path, command) in commands {
            let name = path.isEmpty ? "dxskills" : "dxskills \(path)"
            // Japanese
            let (jaAbstract, jaDiscussion, jaHelp) = Self.with(["LANG": "ja_JP.UTF-8"]) {
                (
                    command.configuration.abstract, command.configuration.discussion,
                    DXSkillsCommand.helpMessage(for: command, columns: 100)
                )
            }
            #expect(Self.hasJapanese(jaAbstract), "\(name): the abstract is not in Japanese: \(jaAbstract)")
            #expect(Self.flat(jaHelp).contains(Self.flat(jaAbstract)), "\(name): the help lacks its abstract")
            if !jaDiscussion.isEmpty {
                #expect(Self.hasJapanese(jaDiscussion), "\(name): the discussion is not in Japanese")
            }
            for text in english where Self.flat(jaHelp).contains(text) {
                Issue.record("\(name): English help text in the Japanese help: \(text)")
            }
            // English
            let (enAbstract, enHelp) = Self.with(["LANG": "C"]) {
                (command.configuration.abstract, DXSkillsCommand.helpMessage(for: command, columns: 100))
            }
            #expect(enAbstract != jaAbstract, "\(name): the same abstract in both languages")
            let fromCatalog = english.contains(Self.flat(enAbstract))
            #expect(fromCatalog, "\(name): the English abstract is not the catalog's: \(enAbstract)")
            #expect(Self.flat(enHelp).contains(Self.flat(enAbstract)), "\(name): the English help lacks its abstract")
            for text in japanese where Self.flat(enHelp).contains(text) {
                Issue.record("\(name): Japanese help text in the English help: \(text)")
            }
        }
    }

    /// Every option, flag and argument of every command (`--experimental-dump-help`, as the man pages
    /// are made from it) has its help in the language asked for; ArgumentParser's own --help and
    /// --version stay English.
    @Test("every option, flag and argument: its help in Japanese with LANG=ja_JP.UTF-8")
    func everyArgumentInJapanese() throws {
        let dump = try Self.with(["LANG": "ja_JP.UTF-8"]) { () throws -> [String: Any] in
            do {
                _ = try DXSkillsCommand.parseAsRoot(["--experimental-dump-help"])
            } catch {
                let text = DXSkillsCommand.fullMessage(for: error)
                return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            }
            Issue.record("--experimental-dump-help did not stop the parse")
            return [:]
        }
        let english = Set(HelpCatalog.entries.values.map { Self.flat($0.en) })
        var checked = 0
        func walk(_ command: [String: Any], _ path: String) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                if names.contains("help") || names.contains("version") || names.contains("experimental-dump-help") { continue }
                let abstract = argument["abstract"] as? String ?? ""
                let label = "\(path) \(names.first ?? argument["valueName"] as? String ?? "?")"
                let isEnglish = english.contains(Self.flat(abstract))
                #expect(Self.hasJapanese(abstract), "\(label): its help is not in Japanese: \(abstract)")
                #expect(!isEnglish, "\(label): its help is the English one")
                checked += 1
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] where sub["commandName"] as? String != "help" {
                walk(sub, "\(path) \(sub["commandName"] as? String ?? "?")")
            }
        }
        let root = try #require(dump["command"] as? [String: Any])
        walk(root, "dxskills")
        #expect(checked > 140, "only \(checked) options, flags and arguments found")
    }

    @Test("a {name} in a catalog text is filled in: import's kinds")
    func placeholders() {
        let discussion = Self.with(["LANG": "C"]) { ImportCommand.configuration.discussion }
        #expect(discussion.hasPrefix("KIND: \(ImportKind.allCases.map(\.rawValue).joined(separator: " ")).\n"))
        #expect(!discussion.contains("{"))
    }
}
