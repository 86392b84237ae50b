import DXSkillsTestSupport
import Testing

@testable import DXSkillsCore

@Suite("Staff list and record")
struct StaffDirectoryTests {
    func show(_ db: TestDatabase, _ employeeNo: String, as principal: Principal) async throws -> StaffRecord {
        try await db.app.transaction(Fixture.context()) { connection in
            try await StaffDirectory.show(
                principal: principal, employeeNo: employeeNo, asOf: Day(iso: "2025-04-01")!, connection: connection,
                logger: db.app.logger)
        }
    }

    @Test("the list holds active staff of the subtree, 会計年度任用 included, in unit order")
    func list() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let staff = try await db.app.transaction(Fixture.context()) { connection in
                try await StaffDirectory.list(
                    principal: Fixture.principal(.hr), unit: "B1", asOf: Day(iso: "2025-04-01")!, connection: connection,
                    logger: db.app.logger)
            }
            // B1 first (E007), then S1 (E001, E004), then S2 (E002, E003).
            #expect(staff.map(\.employeeNo) == ["E007", "E001", "E004", "E002", "E003"])
        }
    }

    @Test("a record outside a manager's subtree, or another staff's record, is not found")
    func scope() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let manager = Fixture.principal(.manager, unit: "B1")
            #expect(try await show(db, "E002", as: manager).unitCode == "S2")
            await #expect(throws: DXSkillsError.notFound("staff E005")) { try await show(db, "E005", as: manager) }
            let own = Fixture.principal(.staff, employeeNo: "E003")
            #expect(try await show(db, "E003", as: own).name == "佐藤　三郎")
            await #expect(throws: DXSkillsError.notFound("staff E002")) { try await show(db, "E002", as: own) }
            await #expect(throws: DXSkillsError.notFound("staff E999")) { try await show(db, "E999", as: Fixture.principal(.hr)) }
        }
    }

    @Test("another tenant's staff is not found, though the same number exists there")
    func otherTenant() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner, tenant: Fixture.otherTenant)
            try await Administration.createTenant(code: Fixture.tenant, name: "テスト市", database: db.owner)
            await #expect(throws: DXSkillsError.notFound("staff E001")) { try await show(db, "E001", as: Fixture.principal(.hr)) }
        }
    }
}
