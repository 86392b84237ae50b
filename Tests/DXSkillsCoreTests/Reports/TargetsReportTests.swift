import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCore

/// Targets (reference §4.6) on SkillFixture plus the leader designations.
@Suite("Targets")
struct TargetsReportTests {
    static let document = TargetsFixture.targets

    @Test("each target type per unit kind and tenant-wide; a ratio at headcount 0 is null and unmet")
    func report() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            try await Fixture.load(.designations, LeaderCoverageTests.designations, into: db.owner)
            let document = try JSONDecoder().decode(TargetDocument.self, from: Data(Self.document.utf8))
            try await db.app.transaction(Fixture.context()) { connection in
                try await Targets.set(document, connection: connection, context: Fixture.context(), logger: db.app.logger)
            }
            let results = try await db.app.transaction(Fixture.context()) { connection in
                try await TargetsReport.run(
                    principal: Fixture.principal(.hr), fiscalYear: 2025, asOf: Day(iso: "2025-04-01")!, connection: connection,
                    logger: db.app.logger)
            }
            // 0: S1 has E001, S2 has E002, S3's E005 retired. 1: tenant 1/4. 2: K1 1/4, K2 no headcount.
            // 3: E001 and E003 reach L-DATA 1. 4: B1 has E001 (DX-101) and E007 (SG) of 4.
            // 5: only E003 reaches P-DS 3 (E007's assessment is level 2), in S2: no section has 2.
            let lines = results.map {
                "\($0.targetIndex) \($0.unitCode ?? "-") \($0.actual.map { "\($0)" } ?? "null")/\($0.goal) \($0.met)"
            }
            // The goal is the target's min, or its min_ratio for a ratio; met is actual ≥ goal.
            #expect(
                lines == [
                    "0 S1 1.0/1.0 true", "0 S2 1.0/1.0 true", "0 S3 0.0/1.0 false", "1 - 0.25/0.2 true",
                    "2 K1 0.25/0.5 false", "2 K2 null/0.5 false", "3 - 2.0/2.0 true", "4 B1 0.5/0.5 true",
                    "5 S1 0.0/2.0 false", "5 S2 1.0/2.0 false", "5 S3 0.0/2.0 false",
                ])
            #expect(results.count(where: \.met) == 5)
        }
    }

    @Test("a bad document is refused with every problem named")
    func validation() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let document = TargetDocument(
                fiscalYear: 2025,
                targets: [
                    .init(type: "completion_ratio", course: "NOPE"),
                    .init(type: "skill_ratio", minRatio: 1.5, skill: "L-SEC", level: 2),
                    .init(type: "headcount"),
                ])
            await #expect {
                try await db.app.transaction(Fixture.context()) { connection in
                    try await Targets.set(
                        document, connection: connection, context: Fixture.context(), logger: db.app.logger)
                }
            } throws: { error in
                let text = "\(error)"
                return text.contains("targets[0].course: unknown course NOPE") && text.contains("targets[0].min_ratio: required")
                    && text.contains("targets[1].min_ratio") && text.contains("targets[2].type: unknown type headcount")
            }
        }
    }
}
