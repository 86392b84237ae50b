import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCLI

extension CLITests {
    @Test("claims: submit with a file, the manager's queue as JSON, approve, 409 exits 65, confirm, evidence -o")
    func claimsFlow() async throws {
        try await withService { url, tokens in
            // setup: staff1 is E003 in S2; manager1 holds B1.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x01, 0x02]
            let evidence = folder.appendingPathComponent("修了証.png").path
            _ = FileManager.default.createFile(atPath: evidence, contents: Data(png))
            let html = folder.appendingPathComponent("cert.pdf").path
            _ = FileManager.default.createFile(atPath: html, contents: Data("<html></html>".utf8))
            // act
            let refused = await Self.run(
                ["claims", "submit", "training", "--course", "DX-101", "--completed-on", "2025-06-01", "--evidence", html],
                url: url, token: tokens["staff1"])
            let submitted = await Self.run(
                [
                    "claims", "submit", "training", "--course", "DX-101", "--completed-on", "2025-06-01", "--evidence",
                    evidence, "--format", "json",
                ], url: url, token: tokens["staff1"])
            let id = try #require((try submitted.json() as? [String: Any])?["id"] as? Int)
            let queue = await Self.run(["claims", "list", "--format", "json"], url: url, token: tokens["manager1"])
            let approved = await Self.run(["claims", "approve", "\(id)"], url: url, token: tokens["manager1"])
            let again = await Self.run(["claims", "approve", "\(id)"], url: url, token: tokens["manager1"])
            let confirmed = await Self.run(["claims", "confirm", "\(id)", "--format", "json"], url: url, token: tokens["hr1"])
            let copy = folder.appendingPathComponent("copy").path
            let downloaded = await Self.run(["claims", "evidence", "\(id)", "1", "-o", copy], url: url, token: tokens["staff1"])
            let missing = await Self.run(["claims", "show", "999"], url: url, token: tokens["staff1"])
            // assert
            #expect(refused.code == 65 && refused.errors.contains("evidence[1] cert.pdf: not a PDF, PNG or JPEG"))
            #expect(submitted.code == 0, "\(submitted.errors)")
            let rows = try #require(try queue.json() as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows.first?["id"] as? Int == id)
            #expect(rows.first?["employee_no"] as? String == "E003")
            #expect(rows.first?["kind"] as? String == "training")
            #expect(rows.first?["state"] as? String == "submitted")
            #expect(rows.first?["submitted_on"] as? String == Day.today().description)
            #expect(approved.code == 0, "\(approved.errors)")
            #expect(again.code == 65)
            #expect(again.errors.contains("claim \(id) is approved: it cannot be approved"))
            #expect((try confirmed.json() as? [String: Any])?["state"] as? String == "confirmed")
            #expect(downloaded.code == 0, "\(downloaded.errors)")
            #expect(FileManager.default.contents(atPath: copy).map(Array.init) == png)
            #expect(missing.code == 66)
        }
    }

    @Test("claims: return with a reason, edit and submit again; the history keeps the return")
    func claimsReturnAndEdit() async throws {
        try await withService { url, tokens in
            // setup
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let pdf = folder.appendingPathComponent("合格証.pdf").path
            _ = FileManager.default.createFile(atPath: pdf, contents: Data("%PDF-1.4\n".utf8))
            let submitted = await Self.run(
                [
                    "claims", "submit", "certification", "--cert", "SG", "--acquired-on", "2025-06-01", "--evidence", pdf,
                    "--format", "json",
                ], url: url, token: tokens["staff1"])
            let id = try #require((try submitted.json() as? [String: Any])?["id"] as? Int)
            // act
            let returned = await Self.run(
                ["claims", "return", "\(id)", "--reason", "日付が違います"], url: url, token: tokens["manager1"])
            let mixed = await Self.run(
                ["claims", "edit", "\(id)", "--cert", "SG", "--course", "DX-101"], url: url, token: tokens["staff1"])
            let edited = await Self.run(
                ["claims", "edit", "\(id)", "--cert", "SG", "--acquired-on", "2025-06-02", "--format", "json"], url: url,
                token: tokens["staff1"])
            // assert
            #expect(returned.code == 0, "\(returned.errors)")
            #expect(mixed.code == 64)
            let claim = try #require(try edited.json() as? [String: Any])
            #expect(claim["state"] as? String == "submitted")
            #expect(claim["acquired_on"] as? String == "2025-06-02")
            #expect((claim["evidence"] as? [[String: Any]])?.map { $0["media_type"] as? String } == ["application/pdf"])
            let history = try #require(claim["history"] as? [[String: Any]])
            #expect(history.map { $0["to"] as? String } == ["submitted", "returned", "submitted"])
            #expect(history.map { $0["reason"] as? String } == [nil, "日付が違います", nil])
        }
    }
}
