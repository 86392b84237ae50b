import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCore

/// The rules of reference §8 on the fixture, answers worked out by hand.
///
/// Grants: E007 (部長, B1) manages B1; E003 (in S2) evaluates S3; E001 is hr. S2 has no grant of
/// its own, so its managers are B1's. E005 retired 2025-03-31: the staff import disabled its
/// user, so it receives nothing, though items may be about it.
@Suite("Notification rules")
struct NotificationRulesTests {
    static let roles = """
        employee_no,role,unit_code,valid_from,valid_to
        E007,manager,B1,2020-04-01,
        E003,evaluator,S3,2020-04-01,
        E001,hr,,2020-04-01,

        """

    /// On 2025-01-01: E002's SC ends in 90 days (2025-04-01), E003's SG in 89, E001's SG in 91,
    /// E007's SC in 30, E005's SG in 7.
    static let certifications = """
        employee_no,cert_code,acquired_on,expires_on
        E002,SC,2022-04-01,2025-04-01
        E003,SG,2024-01-01,2025-03-31
        E001,SG,2024-01-01,2025-04-02
        E007,SC,2023-01-01,2025-01-31
        E005,SG,2023-01-01,2025-01-08

        """

    /// The fixture with the grants above, and with the holdings above when asked.
    static func create(_ db: TestDatabase, certifications: Bool = false) async throws {
        try await Fixture.create(db.owner)
        try await Fixture.load(.roles, roles, into: db.owner)
        if certifications { try await Fixture.load(.certifications, Self.certifications, into: db.owner) }
    }

    func dryRun(_ db: TestDatabase, _ day: String) async throws -> [String] {
        try await db.app.transaction(Fixture.context()) { connection in
            try await Notifications.dryRun(
                tenant: Fixture.tenant, on: Day(iso: day)!, connection: connection, logger: db.app.logger)
        }.map { "\($0.recipient) \($0.rule.rawValue) \($0.employeeNo ?? "-") \($0.subject) \($0.day)" }
    }

    @Test("cert_expiring fires on 90, 30 and 7 days, not 89 or 91; holder and nearest managers, once each")
    func certificationWindows() async throws {
        try await withTestDatabase { db in
            try await Self.create(db, certifications: true)
            // E007 is both the holder of its SC and B1's manager: one item. E005's item reaches S3's evaluator.
            #expect(
                try await dryRun(db, "2025-01-01") == [
                    "E002 cert_expiring E002 SC 2025-04-01",
                    "E003 cert_expiring E005 SG 2025-01-08",
                    "E007 cert_expiring E002 SC 2025-04-01",
                    "E007 cert_expiring E007 SC 2025-01-31",
                ])
            // The day before, E002's SC is 91 days away and E003's SG 90; E007's 31, E005's 8.
            #expect(
                try await dryRun(db, "2024-12-31") == [
                    "E003 cert_expiring E003 SG 2025-03-31",
                    "E007 cert_expiring E003 SG 2025-03-31",
                ])
        }
    }

    @Test("the recipients change when a grant changes: without S3's evaluator nobody above has a grant")
    func recipientsFollowGrants() async throws {
        try await withTestDatabase { db in
            try await Self.create(db, certifications: true)
            try await Fixture.load(
                .roles, "employee_no,role,unit_code,valid_from,valid_to\nE003,evaluator,S3,2020-04-01,2024-12-31\n",
                into: db.owner)
            #expect(
                try await dryRun(db, "2025-01-01") == [
                    "E002 cert_expiring E002 SC 2025-04-01",
                    "E007 cert_expiring E002 SC 2025-04-01",
                    "E007 cert_expiring E007 SC 2025-01-31",
                ])
        }
    }

    @Test("leader_missing: a leader moved out of the 課 and a retired one, each with the 課's coverage lost")
    func leadersLost() async throws {
        try await withTestDatabase { db in
            try await Self.create(db)
            try await Fixture.load(.designations, LeaderCoverageTests.designations, into: db.owner)
            try await LeaderCoverageTests.transferE002(db)
            // E002 leaves S2 for S1 on 2025-04-01; E005 (S3) retired on 2025-03-31. S2's managers are
            // B1's (E007), S3's its evaluator (E003); hr (E001) hears of both.
            #expect(
                try await dryRun(db, "2025-04-01") == [
                    "E001 leader_missing - S2 2025-04-01",
                    "E001 leader_missing - S3 2025-04-01",
                    "E001 leader_missing E002 S2 2025-04-01",
                    "E001 leader_missing E005 S3 2025-04-01",
                    "E003 leader_missing - S3 2025-04-01",
                    "E003 leader_missing E005 S3 2025-04-01",
                    "E007 leader_missing - S2 2025-04-01",
                    "E007 leader_missing E002 S2 2025-04-01",
                ])
            // Nothing changes between 04-01 and 04-02.
            #expect(try await dryRun(db, "2025-04-02") == [])
        }
    }

    @Test("the dry-run document writes employee_no as null for a section's item, grouped by recipient")
    func documentShape() throws {
        let day = Day(iso: "2025-04-01")!
        let document = NotificationRecipient.grouped([
            NotificationItem(rule: .leaderMissing, recipient: "E001", employeeNo: nil, subject: "S2", day: day),
            NotificationItem(rule: .leaderMissing, recipient: "E001", employeeNo: "E002", subject: "S2", day: day),
            NotificationItem(rule: .leaderMissing, recipient: "E007", employeeNo: nil, subject: "S2", day: day),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(
            String(decoding: try encoder.encode(document), as: UTF8.self)
                == #"[{"items":[{"day":"2025-04-01","employee_no":null,"rule":"leader_missing","subject":"S2"},"#
                + #"{"day":"2025-04-01","employee_no":"E002","rule":"leader_missing","subject":"S2"}],"recipient":"E001"},"#
                + #"{"items":[{"day":"2025-04-01","employee_no":null,"rule":"leader_missing","subject":"S2"}],"recipient":"E007"}]"#
        )
    }

    @Test("a leader who moves inside the 課's subtree raises nothing")
    func moveInsideSubtree() async throws {
        try await withTestDatabase { db in
            try await Self.create(db)
            // E007 leads B1 and moves from B1 to S1 (under B1) on 2025-04-01.
            try await Fixture.load(
                .designations,
                "employee_no,unit_code,role,term_start,term_end\nE007,B1,leader,2024-04-01,2026-03-31\n", into: db.owner)
            try await Fixture.load(
                .staff,
                Fixture.staffCSV.replacingOccurrences(
                    of: "E007,渡辺　七海,ワタナベ　ナナミ,general,regular,部長,B1,2020-04-01",
                    with: "E007,渡辺　七海,ワタナベ　ナナミ,general,regular,部長,S1,2025-04-01"), into: db.owner)
            #expect(try await dryRun(db, "2025-04-01").filter { $0.contains("leader_missing") } == [])
        }
    }

    @Test("term_ending: 30 days before a leader's last day, unless a successor is designated after it")
    func termEnding() async throws {
        try await withTestDatabase { db in
            try await Self.create(db)
            // S1's E001 ends 2026-03-31 with E004 after it; S2's E002 ends 2026-03-31 with nobody.
            try await Fixture.load(
                .designations,
                """
                employee_no,unit_code,role,term_start,term_end
                E001,S1,leader,2025-04-01,2026-03-31
                E004,S1,leader,2026-04-01,2027-03-31
                E002,S2,leader,2025-04-01,2026-03-31

                """, into: db.owner)
            #expect(
                try await dryRun(db, "2026-03-01") == [
                    "E001 term_ending E002 S2 2026-03-31", "E007 term_ending E002 S2 2026-03-31",
                ])
            #expect(try await dryRun(db, "2026-02-28") == [])
            #expect(try await dryRun(db, "2026-03-02") == [])
        }
    }

    @Test("a run writes each item once: a second run of the day writes nothing, and the inbox holds them")
    func runOnce() async throws {
        try await withTestDatabase { db in
            try await Self.create(db, certifications: true)
            let day = Day(iso: "2025-01-01")!
            func run() async throws -> Notifications.Run? {
                try await db.app.transaction(Fixture.context()) { connection in
                    try await Notifications.run(
                        tenant: Fixture.tenant, on: day, by: "test", channels: .init(mail: false), connection: connection,
                        logger: db.app.logger)
                }
            }
            #expect(try await run()?.newItems == 4)
            #expect(try await run()?.newItems == 0)
            let inbox = try await db.app.transaction(Fixture.context()) { connection in
                try await Notifications.inbox(
                    principal: Fixture.principal(.staff, employeeNo: "E007").renamed("E007"), connection: connection,
                    logger: db.app.logger)
            }
            #expect(
                inbox.map { "\($0.line.subject) \($0.line.day) \($0.read)" } == ["SC 2025-01-31 false", "SC 2025-04-01 false"])
        }
    }
}

extension Principal {
    fileprivate func renamed(_ name: String) -> Principal {
        Principal(tenant: tenant, userName: name, role: role, unitCode: unitCode, employeeNo: employeeNo)
    }
}
