import DXSkillsTestSupport
import Testing

@testable import DXSkillsCore

/// Headcount (reference §4.2) on the fixture; the numbers are worked out by hand in each test.
@Suite("Headcount")
struct HeadcountReportTests {
    func headcount(
        _ db: TestDatabase, on day: String, unit: String? = nil, as principal: Principal = Fixture.principal(.hr)
    ) async throws -> [String: Int] {
        let lines = try await db.app.transaction(Fixture.context()) { connection in
            try await HeadcountReport.run(
                principal: principal, unit: unit, asOf: Day(iso: day)!, connection: connection, logger: db.app.logger)
        }
        return Dictionary(uniqueKeysWithValues: lines.map { ($0.unitCode, $0.headcount) })
    }

    @Test("rolled up the tree; 会計年度任用, the retired and the not yet hired are not counted")
    func onFirstApril() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            // S1: E001 (E004 is fiscal_year) = 1; S2: E002, E003 = 2; B1: E007 + 1 + 2 = 4; K1 = 4.
            // S3: E005 retired 2025-03-31, E006 hired 2025-05-01 = 0; K2 = 0; S4 ended in 2024, not listed.
            #expect(try await headcount(db, on: "2025-04-01") == ["K1": 4, "B1": 4, "S1": 1, "S2": 2, "K2": 0, "S3": 0])
        }
    }

    @Test("the retirement day itself still counts (intervals are inclusive)")
    func onRetirementDay() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            #expect(try await headcount(db, on: "2025-03-31", unit: "K2") == ["K2": 1, "S3": 1])
            #expect(try await headcount(db, on: "2025-05-01", unit: "K2") == ["K2": 1, "S3": 1])
        }
    }

    @Test("a tenant that counts 会計年度任用 counts E004")
    func countingFiscalYearStaff() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Administration.updateTenant(
                code: Fixture.tenant, countedEmploymentTypes: [.regular, .fixedTerm, .fiscalYear], grades: nil,
                database: db.owner)
            #expect(try await headcount(db, on: "2025-04-01", unit: "K1") == ["K1": 5, "B1": 5, "S1": 2, "S2": 2])
        }
    }

    @Test("the units listed are those valid on the day")
    func unitValidity() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            #expect(try await headcount(db, on: "2024-03-31", unit: "K2") == ["K2": 1, "S3": 1, "S4": 0])
        }
    }

    @Test("a manager sees its subtree by default, and a unit outside it is not found")
    func managerScope() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let manager = Fixture.principal(.manager, unit: "B1")
            #expect(try await headcount(db, on: "2025-04-01", as: manager) == ["B1": 4, "S1": 1, "S2": 2])
            #expect(try await headcount(db, on: "2025-04-01", unit: "S2", as: manager) == ["S2": 2])
            await #expect(throws: DXSkillsError.notFound("unit K2")) {
                try await headcount(db, on: "2025-04-01", unit: "K2", as: manager)
            }
            await #expect(throws: DXSkillsError.notFound("unit K1")) {
                try await headcount(db, on: "2025-04-01", unit: "K1", as: manager)
            }
        }
    }
}
