import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import PostgresNIO

/// Claims on top of `SkillFixture`. E003 (情報政策課 S2, hired 2022-04-01) claims; `mgr` manages
/// 総務部 B1 (so S1 and S2) and is E007; `mgr2` manages 総務局 K1; `far` manages 市民局 K2.
enum ClaimFixture {
    static let claimant = Fixture.principal(.staff, employeeNo: "E003")
    static let manager = Principal(tenant: Fixture.tenant, userName: "mgr", role: .manager, unitCode: "B1", employeeNo: "E007")
    static let secondManager = Principal(
        tenant: Fixture.tenant, userName: "mgr2", role: .manager, unitCode: "K1", employeeNo: nil)
    static let farManager = Principal(tenant: Fixture.tenant, userName: "far", role: .manager, unitCode: "K2", employeeNo: nil)
    static let hr = Principal(tenant: Fixture.tenant, userName: "hr1", role: .hr, unitCode: nil, employeeNo: nil)
    static let day = Day(iso: "2025-06-01")!

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
    static let pdf = Data("%PDF-1.7\n%âãÏÓ\n".utf8)
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])
    static let html = Data("<!DOCTYPE html><script>alert(1)</script>".utf8)

    static let dx101 = ClaimDetails.training(course: "DX-101", completedOn: day, hours: nil, title: nil, provider: nil)

    /// The skill fixture and the managers' users (hr acts without a user of its own here).
    static func create(_ db: TestDatabase, managers: Bool = true) async throws {
        try await SkillFixture.create(db.owner)
        guard managers else { return }
        for user in [manager, secondManager, farManager] {
            try await Administration.addUser(
                tenant: Fixture.tenant, name: user.userName, role: user.role, unitCode: user.unitCode,
                employeeNo: user.employeeNo, database: db.owner)
        }
    }

    static func run<Result: Sendable>(
        _ db: TestDatabase, as principal: Principal, _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await db.app.transaction(TenantContext(principal, requestID: nil)) { connection in try await body(connection) }
    }

    static func submit(
        _ db: TestDatabase, _ details: ClaimDetails = dx101, as principal: Principal = claimant,
        evidence: [EvidenceUpload] = [EvidenceUpload(fileName: "修了証.png", bytes: png)]
    ) async throws -> Claim {
        try await run(db, as: principal) { connection in
            try await Claims.submit(
                details, evidence: evidence, principal: principal, connection: connection, logger: db.app.logger)
        }
    }

    static func approve(_ db: TestDatabase, _ id: Int, as principal: Principal = manager) async throws -> Claim {
        try await run(db, as: principal) {
            try await Claims.approve(id, principal: principal, connection: $0, logger: db.app.logger)
        }
    }

    static func confirm(_ db: TestDatabase, _ id: Int, as principal: Principal = hr) async throws -> Claim {
        try await run(db, as: principal) {
            try await Claims.confirm(id, principal: principal, connection: $0, logger: db.app.logger)
        }
    }

    static func returnClaim(_ db: TestDatabase, _ id: Int, reason: String, as principal: Principal = manager) async throws
        -> Claim
    {
        try await run(db, as: principal) {
            try await Claims.returnClaim(id, reason: reason, principal: principal, connection: $0, logger: db.app.logger)
        }
    }

    /// The error a call throws (nil when it succeeds).
    static func error(_ body: () async throws -> Void) async -> DXSkillsError? {
        do {
            try await body()
            return nil
        } catch let error as DXSkillsError {
            return error
        } catch {
            return .unavailable("unexpected \(String(reflecting: error))")
        }
    }
}
