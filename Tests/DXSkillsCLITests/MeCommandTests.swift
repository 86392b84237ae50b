import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCLI

/// `dxskills me`, `self-assessment set` and `criteria disclose` against a live service on SkillFixture.
@Suite("CLI self-service", .serialized)
struct MeCommandTests {
    @Test("me --format json prints E003's own page; self-assessment set shows beside Level; a user without staff is 66")
    func me() async throws {
        try await CLITests().withService { url, tokens in
            // setup: E003 passed DS-201 (score 80 ≥ 70) on 2025-02-01: P-DS 3 and L-DATA 2.
            let set = await CLITests.run(
                ["self-assessment", "set", "P-DS", "2", "--on", "R7.5.1"], url: url, token: tokens["staff1"])
            #expect(set.code == 0)
            #expect(set.output == "inserted: P-DS 2 on 2025-05-01\n")
            // act
            let me = await CLITests.run(["me", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["staff1"])
            // assert
            #expect(me.code == 0, "\(me.errors)")
            let page = try #require(try me.json() as? [String: Any])
            #expect((page["staff"] as? [String: Any])?["employee_no"] as? String == "E003")
            let skills = try #require(page["skills"] as? [[String: Any]])
            #expect(skills.map { $0["skill_code"] as? String } == ["L-DATA", "P-DS"])
            #expect(skills.map { $0["level"] as? Int } == [2, 3])
            #expect((skills[1]["self_assessment"] as? [String: Any])?["level"] as? Int == 2)
            #expect(page["evaluations"] as? [Any] != nil && (page["evaluations"] as? [Any])?.isEmpty == true)
            let table = await CLITests.run(["me", "--as-of", "2025-06-01", "--lang", "ja"], url: url, token: tokens["staff1"])
            #expect(table.code == 0)
            #expect(table.output.contains("佐藤　三郎 (E003)") && table.output.contains("自己診断"))
            // hr1 is linked to no staff member; bad levels never reach the service.
            #expect(await CLITests.run(["me"], url: url, token: tokens["hr1"]).code == 66)
            #expect(await CLITests.run(["self-assessment", "set", "P-DS", "5"], url: url, token: tokens["staff1"]).code == 64)
        }
    }

    @Test("me export -o writes the zip of the caller's own data; a folder that does not exist is 64 and writes nothing")
    func export() async throws {
        try await CLITests().withService { url, tokens in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("me-export-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("私のデータ.zip")
            // act
            let run = await CLITests.run(["me", "export", "-o", file.path], url: url, token: tokens["staff1"])
            // assert: a zip (local file headers name its entries in plain text) of E003's rows
            #expect(run.code == 0, "\(run.errors)")
            let zip = try Data(contentsOf: file)
            #expect(zip.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            for name in ["dxskills-me.json", "staff.csv", "training_records.csv", "audit_log.csv"] {
                #expect(zip.range(of: Data(name.utf8)) != nil, "\(name)")
            }
            #expect(run.errors.contains("wrote \(file.path) (\(zip.count) bytes)"))
            let missing = folder.appendingPathComponent("nowhere/me.zip")
            let bad = await CLITests.run(["me", "export", "-o", missing.path], url: url, token: tokens["staff1"])
            #expect(bad.code == 64)
            #expect(!FileManager.default.fileExists(atPath: missing.path))
        }
    }

    @Test("criteria disclose: hr only; a year without criteria is 66; again changes nothing")
    func disclose() async throws {
        try await CLITests().withService { url, tokens in
            let staff = await CLITests.run(["criteria", "disclose", "--fiscal-year", "2025"], url: url, token: tokens["staff1"])
            #expect(staff.code == 77)
            let missing = await CLITests.run(["criteria", "disclose", "--fiscal-year", "2025"], url: url, token: tokens["hr1"])
            #expect(missing.code == 66)
            #expect(missing.errors.contains("evaluation criteria for fiscal year 2025"))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("criteria-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(#"{"fiscal_year": 2025, "items": [{"code": "c", "type": "rating", "weight": 1}]}"#.utf8).write(to: file)
            #expect(await CLITests.run(["criteria", "set", file.path], url: url, token: tokens["hr1"]).code == 0)
            // act
            let first = await CLITests.run(["criteria", "disclose", "--fiscal-year", "2025"], url: url, token: tokens["hr1"])
            let again = await CLITests.run(["criteria", "disclose", "--fiscal-year", "2025"], url: url, token: tokens["hr1"])
            // assert
            #expect(first.output == "disclosed fiscal year 2025\n")
            #expect(again.code == 0 && again.output.hasPrefix("fiscal year 2025 was already disclosed at "))
            #expect(again.output.hasSuffix(" by hr1\n"))
        }
    }
}
