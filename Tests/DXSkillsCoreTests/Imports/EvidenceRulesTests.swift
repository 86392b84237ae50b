import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCore

/// Issue 14: nobody gives themselves evidence, and managers cannot backdate. The fixture's E007 (部長,
/// B1) is the manager; E005 retired 2025-03-31; E006 was hired 2025-05-01.
@Suite("Evidence about oneself and backdating")
struct EvidenceRulesTests {
    static let header = "employee_no,skill_code,level,assessed_on,assessor\n"

    static func own(_ number: String) -> String {
        "nobody may record evidence about themselves: \(number) is your own employee number; another user must import this row"
    }

    /// The issues of an import as `line column reason`; empty when it succeeds.
    func issues(
        _ kind: ImportKind, _ csv: String, as caller: Principal, today: String = "2025-10-01", _ db: TestDatabase
    ) async -> [String] {
        await rowIssues {
            _ = try await Importer.run(
                kind, bytes: Array(csv.utf8), options: .init(today: Day(iso: today)!), database: db.app,
                context: Fixture.context(actor: caller.userName), caller: caller)
        }.map { "\($0.line) \($0.column ?? "-") \($0.reason)" }
    }

    @Test("a manager records only its own assessments, of others, from the fiscal year's start to today")
    func managerRules() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let manager = Fixture.principal(.manager, unit: "B1", employeeNo: "E007")
            let csv =
                Self.header
                    + """
                    E002,L-SEC,2,2025-05-01,
                    E003,L-SEC,2,2025-05-01,E007
                    E001,L-SEC,2,2025-05-01,E999
                    E007,L-SEC,4,2025-05-01,
                    E002,P-DS,2,2025-03-31,
                    E002,P-DS,2,2025-10-02,

                    """
            #expect(
                await issues(.assessments, csv, as: manager, db) == [
                    "4 assessor you can only record your own assessments; leave assessor empty",
                    "5 employee_no \(Self.own("E007"))",
                    "6 assessed_on is before 2025-04-01, the start of fiscal year 2025: you may date assessments from then to today (2025-10-01); HR records earlier ones",
                    "7 assessed_on is after today (2025-10-01): record an assessment once it is made",
                ])
            let valid = Self.header + "E002,L-SEC,2,2025-04-01,\nE003,L-SEC,2,2025-10-01,E007\n"
            #expect(await issues(.assessments, valid, as: manager, db) == [])
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT employee_no || ' ' || assessor || ' ' || backdated FROM assessments ORDER BY 1")
                    == ["E002 E007 false", "E003 E007 false"])
        }
    }

    @Test("a manager without an employee number cannot import assessments at all")
    func managerWithoutNumber() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let manager = Fixture.principal(.manager, unit: "B1")
            await #expect(
                throws: DXSkillsError.forbidden(
                    Message(
                        stringLiteral: "a manager without an employee number cannot import assessments: the assessor is "
                            + "your employee number, so an administrator must give user manager1 one"))
            ) {
                _ = try await Importer.run(
                    .assessments, bytes: Array((Self.header + "E002,L-SEC,2,2025-05-01,\n").utf8),
                    options: .init(today: Day(iso: "2025-10-01")), database: db.app, context: Fixture.context(),
                    caller: manager)
            }
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM assessments") == 0)
        }
    }

    @Test("HR names an assessor in service on the day, never the assessed or itself; a backdated row says so in the audit")
    func hrRules() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let hr = Fixture.principal(.hr, employeeNo: "E001")
            let csv =
                Self.header
                    + """
                    E002,L-SEC,2,2025-05-01,
                    E002,L-SEC,2,2025-05-02,E999
                    E002,L-SEC,2,2025-05-03,E005
                    E003,L-SEC,2,2025-04-15,E006
                    E002,L-SEC,2,2025-05-05,E002
                    E001,L-SEC,2,2025-05-06,E007

                    """
            #expect(
                await issues(.assessments, csv, as: hr, db) == [
                    "2 assessor a value is required: give the employee number of the staff member who assessed",
                    "3 assessor unknown employee: the assessor is a staff member's employee number",
                    "4 assessor the assessor is not in service on 2025-05-03 (hired 1990-04-01, retired 2025-03-31)",
                    "5 assessor the assessor is not in service on 2025-04-15 (hired 2025-05-01)",
                    "6 employee_no nobody assesses themselves: the assessor is the assessed employee",
                    "7 employee_no \(Self.own("E001"))",
                ])
            let valid = Self.header + "E002,L-SEC,3,2024-06-01,E007\nE003,L-SEC,2,2025-05-01,E006\n"
            #expect(await issues(.assessments, valid, as: hr, db) == [])
            // The row says it was backdated, and its import batch who wrote it and when (sql/018).
            let written = try await db.owner.strings(
                Fixture.context(),
                """
                SELECT a.assessed_on || ' ' || a.assessor || ' ' || a.backdated || ' ' || b.kind || ' ' || b.actor
                FROM assessments a JOIN import_batches b ON b.tenant_id = a.tenant_id AND b.id = a.batch_id
                ORDER BY 1
                """)
            #expect(written == ["2024-06-01 E007 true assessments hr1", "2025-05-01 E006 false assessments hr1"], "\(written)")
            // A year later the same rows are unchanged: backdated records how a row was written.
            let again = try await Importer.run(
                .assessments, bytes: Array(valid.utf8), options: .init(today: Day(iso: "2026-05-01")), database: db.app,
                context: Fixture.context(), caller: hr)
            #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 2)
            #expect(
                try await db.owner.strings(Fixture.context(), "SELECT backdated::text FROM assessments ORDER BY assessed_on") == [
                    "true", "false",
                ])
        }
    }

    @Test("training, holdings, designations and ratings about the caller are refused for every role")
    func ownEvidence() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            let files: [(ImportKind, String)] = [
                (.training, "employee_no,course_code,completed_on\nE001,R-1,2025-06-02\n"),
                (.certifications, "employee_no,cert_code,acquired_on\nE001,IP,2025-06-01\n"),
                (.designations, "employee_no,unit_code,role,term_start\nE001,S1,leader,2025-06-01\n"),
                (.ratings, "employee_no,item,stage,rating,evaluator,fiscal_year\nE001,contrib,1,B,E003,2025\n"),
            ]
            let hr = Fixture.principal(.hr, employeeNo: "E001")
            let admin = Fixture.principal(.admin, employeeNo: "E001")
            for (kind, csv) in files {
                #expect(await issues(kind, csv, as: hr, db) == ["2 employee_no \(Self.own("E001"))"], "\(kind)")
                #expect(await issues(kind, csv, as: admin, db) == ["2 employee_no \(Self.own("E001"))"], "\(kind)")
            }
            // Another HR user may import the very same rows.
            let other = Fixture.principal(.hr, employeeNo: "E007")
            for (kind, csv) in files { #expect(await issues(kind, csv, as: other, db) == [], "\(kind)") }
        }
    }
}
