import DXSkillsCore
import Foundation
import Testing

extension CLITests {
    @Test("import roles, then roles --format json lists the grants of the day with every key, null for none")
    func importRolesAndListRoles() async throws {
        try await withService { url, tokens in
            // setup: an April file, E001 moved from S1 to S3 (the grants of hr1, manager1 and staff1
            // begin today, after the day listed).
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("roles-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(
                """
                職員番号,権限,所属コード,開始日,終了日
                E001,所属長,S1,2024-04-01,
                E007,人事,,2024-04-01,

                """.utf8
            ).write(to: file)
            let first = await Self.run(["import", "roles", file.path], url: url, token: tokens["hr1"])
            try Data("employee_no,role,unit_code,valid_from\nE001,manager,S3,2025-04-01\n".utf8).write(to: file)

            // act
            let moved = await Self.run(["import", "roles", file.path, "--lang", "en"], url: url, token: tokens["hr1"])
            let listed = await Self.run(["roles", "--as-of", "2025-04-01", "--format", "json"], url: url, token: tokens["hr1"])
            let before = await Self.run(
                ["roles", "--as-of", "R7.3.31", "--unit", "K1", "--format", "csv"], url: url, token: tokens["hr1"])
            let manager = await Self.run(["roles"], url: url, token: tokens["manager1"])

            // assert
            #expect(first.code == 0, "\(first.errors)")
            #expect(moved.code == 0, "\(moved.errors)")
            #expect(
                moved.output == "roles: 1 rows — 1 inserted, 0 updated, 0 unchanged, 1 earlier grants ended (encoding utf8)\n")
            #expect(
                listed.output == """
                    [
                      {"user": "E007", "employee_no": "E007", "name": "渡辺　七海", "role": "hr", "unit_code": null, "unit_name": null, "valid_from": "2024-04-01", "valid_to": null},
                      {"user": "E001", "employee_no": "E001", "name": "髙橋　一郎", "role": "manager", "unit_code": "S3", "unit_name": "市民課", "valid_from": "2025-04-01", "valid_to": null}
                    ]

                    """)
            // The day before, under K1 only E001's old 課 (S1) shows; hr grants have no unit. CSV lines end in CRLF.
            #expect(
                before.output
                    == "user,employee no,name,role,unit,unit name,from,to\r\nE001,E001,髙橋　一郎,manager,S1,人事課,2024-04-01,2025-03-31\r\n"
            )
            #expect(manager.code == 77)
            #expect(manager.output.isEmpty)
        }
    }
}
