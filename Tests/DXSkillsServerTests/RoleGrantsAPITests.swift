import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DXSkillsServer

/// `POST /api/v1/imports/roles` and `GET /api/v1/roles` on the API fixture (APITests.setUp: admin1,
/// hr1, manager1 of B1, evaluator1 of K2, staff1 linked to E003, each granted from today).
@Suite("Role grants API")
struct RoleGrantsAPITests {
    static let header = "employee_no,user,role,unit_code,valid_from,valid_to\n"

    static func post(_ csv: String, token: String, client: any TestClientProtocol) async throws -> (HTTPResponse.Status, Any) {
        try await client.execute(
            uri: "/api/v1/imports/roles", method: .post,
            headers: APITests.bearer(token).merging([.contentType: "text/csv"]), body: ByteBuffer(string: csv)
        ) { response in (response.status, try APITests.json(response.body)) }
    }

    static func grantCount(_ db: TestDatabase) async throws -> Int {
        try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM role_grants")
    }

    @Test("a bad roles file is 422 with every problem and writes nothing; a manager is refused 403, audited")
    func importRefused() async throws {
        try await withTestDatabase { db in
            // setup
            let tokens = try await APITests().setUp(db)
            let before = try await Self.grantCount(db)
            let csv = Self.header + "E999,,manager,S1,2025-04-01,\nE001,,manager,S1,2025-04-01,\nE002,,hr,S2,2025-04-01,\n"

            try await withTestApp(db) { client in
                // act
                let (status, body) = try await Self.post(csv, token: tokens["hr1"], client: client)
                let (refused, _) = try await Self.post(csv, token: tokens["manager1"], client: client)

                // assert: lines 2 and 4 are wrong, line 3 is fine, and it is not written either.
                #expect(status == .unprocessableContent)
                let errors = (body as? [String: Any])?["errors"] as? [[String: Any]] ?? []
                #expect(
                    errors.map { "\($0["line"] as? Int ?? 0) \($0["column"] as? String ?? "-") \($0["reason"] as? String ?? "")" }
                        == [
                            "2 employee_no unknown employee",
                            "4 unit_code an hr grant has no unit: leave unit_code empty (only manager and evaluator grants have one)",
                        ])
                #expect(refused == .forbidden)
            }
            #expect(try await Self.grantCount(db) == before)
            #expect(
                try await RefusalAuditTests.refusals(db) == [
                    "POST /api/v1/imports/roles 403 manager1 not allowed: role manager may not import roles"
                ])
        }
    }

    @Test("GET /roles: the grants valid on the day, by role, unit and user, exact; --unit keeps a subtree's; 403 for a manager")
    func listing() async throws {
        try await withTestDatabase { db in
            // setup: hr1 imports four grants and admin1 makes hr1 admin for FY2025. The fixture's
            // own grants begin today, after 2025-06-01, so they are not listed.
            let tokens = try await APITests().setUp(db)
            let byHR =
                Self.header + "E001,,manager,S1,2025-04-01,\nE002,,evaluator,S2,2025-04-01,2026-03-31\n"
                + "E007,,hr,,2025-04-01,\nE003,,staff,,2025-04-01,\nE004,,evaluator,K2,2025-07-01,\n"
            let byAdmin = Self.header + ",hr1,admin,,2025-04-01,2026-03-31\n"

            try await withTestApp(db) { client in
                let (imported, _) = try await Self.post(byHR, token: tokens["hr1"], client: client)
                let (promoted, _) = try await Self.post(byAdmin, token: tokens["admin1"], client: client)
                #expect([imported, promoted] == [.ok, .ok])

                // act
                func list(_ query: String, as user: String) async throws -> (HTTPResponse.Status, Any) {
                    try await client.execute(uri: "/api/v1/roles?\(query)", method: .get, headers: APITests.bearer(tokens[user]))
                    {
                        ($0.status, try APITests.json($0.body))
                    }
                }
                let (status, all) = try await list("as_of=2025-06-01", as: "hr1")
                let (_, b1) = try await list("as_of=2025-06-01&unit=B1", as: "admin1")
                let (_, k2) = try await list("as_of=2025-06-01&unit=K2", as: "hr1")
                let (refused, _) = try await list("as_of=2025-06-01", as: "manager1")
                let (unknown, _) = try await list("unit=S9", as: "hr1")

                // assert: admin, hr, manager, evaluator, staff; E004's evaluator grant begins in July.
                #expect(status == .ok)
                let lines = try #require(all as? [[String: Any]])
                let expected: [[String: Any]] = [
                    ["user": "hr1", "role": "admin", "valid_from": "2025-04-01", "valid_to": "2026-03-31"],
                    ["user": "E007", "employee_no": "E007", "name": "渡辺　七海", "role": "hr", "valid_from": "2025-04-01"],
                    [
                        "user": "E001", "employee_no": "E001", "name": "髙橋　一郎", "role": "manager", "unit_code": "S1",
                        "unit_name": "人事課", "valid_from": "2025-04-01",
                    ],
                    [
                        "user": "E002", "employee_no": "E002", "name": "山﨑　花子", "role": "evaluator", "unit_code": "S2",
                        "unit_name": "情報政策課", "valid_from": "2025-04-01", "valid_to": "2026-03-31",
                    ],
                    ["user": "E003", "employee_no": "E003", "name": "佐藤　三郎", "role": "staff", "valid_from": "2025-04-01"],
                ]
                #expect(lines.count == expected.count)
                for (line, want) in zip(lines, expected) {
                    // Exactly the fields with a value: the API leaves out a field without one.
                    #expect(Set(line.keys) == Set(want.keys), "\(line)")
                    for key in want.keys { #expect("\(line[key] ?? "-")" == "\(want[key]!)", "\(key) of \(line)") }
                }
                #expect((b1 as? [[String: Any]])?.map { $0["user"] as? String } == ["E001", "E002"])
                #expect((k2 as? [[String: Any]])?.isEmpty == true)
                #expect(refused == .forbidden)
                #expect(unknown == .notFound)
            }
            #expect(
                try await RefusalAuditTests.refusals(db).first?.hasPrefix(
                    "GET /api/v1/roles 403 manager1 not allowed: role manager may not list role grants") == true)
        }
    }
}
