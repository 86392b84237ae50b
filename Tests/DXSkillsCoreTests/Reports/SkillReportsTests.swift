import DXSkillsTestSupport
import Testing

@testable import DXSkillsCore

/// Level, coverage, completion and expiring certifications on `SkillFixture`.
@Suite("Skill reports")
struct SkillReportsTests {
    func coverage(
        _ db: TestDatabase, skill: String, level: Int, on day: String, unit: String? = nil, kind: String? = nil
    ) async throws -> [String: [Int]] {
        let lines = try await db.app.transaction(Fixture.context()) { connection in
            try await CoverageReport.run(
                principal: Fixture.principal(.hr), unit: unit, kind: kind, skill: skill, level: level, asOf: Day(iso: day)!,
                connection: connection, logger: db.app.logger)
        }
        return Dictionary(uniqueKeysWithValues: lines.map { ($0.unitCode, [$0.headcount, $0.count]) })
    }

    @Test("coverage per unit and rolled up; a failing score grants nothing; later training does not count yet")
    func coverageOfData() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            // L-DATA ≥ 1 on 2025-04-01: E001 (DX-101) and E003 (DS-201, passed); E002 failed DS-201;
            // E007 completed DX-101 on 2025-04-02; E004 is 会計年度任用.
            #expect(
                try await coverage(db, skill: "L-DATA", level: 1, on: "2025-04-01")
                    == ["K1": [4, 2], "B1": [4, 2], "S1": [1, 1], "S2": [2, 1], "K2": [0, 0], "S3": [0, 0]])
            // L-DATA ≥ 2: only E003.
            #expect(
                try await coverage(db, skill: "L-DATA", level: 2, on: "2025-04-01", unit: "B1") == [
                    "B1": [4, 1], "S1": [1, 0], "S2": [2, 1],
                ])
        }
    }

    @Test("a certification is valid on its last day and not the day after; an assessment counts from its date")
    func validityAndAssessment() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            // SC acquired 2022-04-01, valid 3 years: last day 2025-03-31.
            #expect(try await coverage(db, skill: "P-CS", level: 4, on: "2025-03-31", unit: "S2") == ["S2": [2, 1]])
            #expect(try await coverage(db, skill: "P-CS", level: 4, on: "2025-04-01", unit: "S2") == ["S2": [2, 0]])
            // P-DS ≥ 2: E003 by training; E007 by assessment from 2025-04-01.
            #expect(try await coverage(db, skill: "P-DS", level: 2, on: "2025-03-31", unit: "B1", kind: "部") == ["B1": [4, 1]])
            #expect(try await coverage(db, skill: "P-DS", level: 2, on: "2025-04-01", unit: "B1", kind: "部") == ["B1": [4, 2]])
        }
    }

    @Test("the ratio is null at headcount 0")
    func ratioAtZero() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let lines = try await db.app.transaction(Fixture.context()) { connection in
                try await CoverageReport.run(
                    principal: Fixture.principal(.hr), unit: "K2", kind: nil, skill: "L-SEC", level: 1,
                    asOf: Day(iso: "2025-04-01")!, connection: connection, logger: db.app.logger)
            }
            #expect(lines.map(\.ratio.value) == [nil, nil])
        }
    }

    @Test("completion per unit, and within a fiscal year")
    func completion() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            func completion(on day: String, fiscalYear: Int? = nil) async throws -> [String: [Int]] {
                let lines = try await db.app.transaction(Fixture.context()) { connection in
                    try await CompletionReport.run(
                        principal: Fixture.principal(.hr), course: "DX-101", unit: "B1", kind: nil, fiscalYear: fiscalYear,
                        asOf: Day(iso: day)!, connection: connection, logger: db.app.logger)
                }
                return Dictionary(uniqueKeysWithValues: lines.map { ($0.unitCode, [$0.headcount, $0.count]) })
            }
            // E001 on 2025-03-15; E007 on 2025-04-02; E004 is not counted.
            #expect(try await completion(on: "2025-04-01") == ["B1": [4, 1], "S1": [1, 1], "S2": [2, 0]])
            #expect(try await completion(on: "2025-04-01", fiscalYear: 2025) == ["B1": [4, 0], "S1": [1, 0], "S2": [2, 0]])
            #expect(try await completion(on: "2025-04-30", fiscalYear: 2025) == ["B1": [4, 1], "S1": [1, 0], "S2": [2, 0]])
            #expect(try await completion(on: "2025-04-30", fiscalYear: 2024) == ["B1": [4, 1], "S1": [1, 1], "S2": [2, 0]])
        }
    }

    @Test("expiring certifications: the window is inclusive at both ends")
    func expiring() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            func expiring(within days: Int) async throws -> [String] {
                try await db.app.transaction(Fixture.context()) { connection in
                    try await ExpiringCertificationsReport.run(
                        principal: Fixture.principal(.hr), within: days, asOf: Day(iso: "2025-03-01")!, connection: connection,
                        logger: db.app.logger)
                }.map { "\($0.employeeNo) \($0.certCode) \($0.expiresOn)" }
            }
            #expect(try await expiring(within: 30) == ["E002 SC 2025-03-31"])
            #expect(try await expiring(within: 29) == [])
        }
    }

    @Test("staff show lists each skill's level with its evidence")
    func staffSkills() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let record = try await db.app.transaction(Fixture.context()) { connection in
                try await StaffDirectory.show(
                    principal: Fixture.principal(.hr), employeeNo: "E007", asOf: Day(iso: "2025-04-02")!,
                    connection: connection, logger: db.app.logger)
            }
            // DX-101 (L-DATA 1, L-SEC 1) on 04-02, SG (L-SEC 2), assessment P-DS 2.
            #expect(record.skills.map { "\($0.skillCode):\($0.level)" } == ["L-DATA:1", "L-SEC:2", "P-DS:2"])
            #expect(record.skills[1].evidence.map(\.source) == [.certification, .training])
        }
    }
}

@Suite("Explicit certificate expiry")
struct ExplicitExpiryTests {
    @Test("a given expires_on is the last valid day, for Level and for the expiring report")
    func givenExpiry() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.load(
                .certifications, "employee_no,cert_code,acquired_on,expires_on\nE001,IP,2020-04-01,2025-06-30\n", into: db.owner)
            func levels(_ day: String) async throws -> [String] {
                try await db.app.strings(
                    Fixture.context(),
                    "SELECT skill_code || ':' || level FROM skill_levels(\(day)::date) WHERE employee_no = 'E001' ORDER BY 1")
            }
            // IP grants L-TECH 2 and L-SEC 1.
            #expect(try await levels("2025-06-30") == ["L-SEC:1", "L-TECH:2"])
            #expect(try await levels("2025-07-01") == [])
            let expiring = try await db.app.transaction(Fixture.context()) { connection in
                try await ExpiringCertificationsReport.run(
                    principal: Fixture.principal(.hr), within: 0, asOf: Day(iso: "2025-06-30")!, connection: connection,
                    logger: db.app.logger)
            }
            #expect(expiring.map(\.expiresOn) == [Day(iso: "2025-06-30")!])
        }
    }
}
