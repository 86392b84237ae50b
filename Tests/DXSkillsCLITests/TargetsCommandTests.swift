import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCLI

/// `targets set` and `targets report` on `TargetsFixture`: the tenant-wide
/// attainment under the table counts the met lines of all of them.
@Suite("CLI targets", .serialized)
struct TargetsCommandTests {
    @Test("targets report: per target and unit, the goal, and the attainment of the whole tenant (5 of 11 met)")
    func attainment() async throws {
        try await CLITests().withService { url, tokens, db in
            try await Fixture.load(.designations, TargetsFixture.designations, into: db.owner)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("targets-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: file) }
            try TargetsFixture.targets.write(to: file, atomically: true, encoding: .utf8)
            let set = await CLITests.run(["targets", "set", file.path], url: url, token: tokens["hr1"])
            #expect(set.code == 0, "\(set.errors)")
            let report = ["targets", "report", "--fiscal-year", "2025", "--as-of", "2025-04-01"]
            let english = await CLITests.run(report + ["--lang", "en"], url: url, token: tokens["hr1"])
            #expect(english.code == 0, "\(english.errors)")
            #expect(english.output.split(separator: "\n").last == "5 of 11 met", "\(english.output)")
            let japanese = await CLITests.run(report + ["--lang", "ja"], url: url, token: tokens["hr1"])
            #expect(japanese.output.split(separator: "\n").last == "達成 5 / 11", "\(japanese.output)")
            let json = await CLITests.run(report + ["--format", "json"], url: url, token: tokens["hr1"])
            let rows = try #require(try json.json() as? [[String: Any]])
            #expect(rows.count == 11)
            #expect(rows.count(where: { $0["met"] as? Bool == true }) == 5)
            // The tenant-wide lines have no unit; their goals are the targets' min and min_ratio.
            let tenantWide = rows.filter { $0["unit_code"] is NSNull }
            #expect(tenantWide.map { "\($0["target_index"]!) \($0["goal"]!) \($0["met"]!)" } == ["1 0.2 1", "3 2 1"])
        }
    }
}
