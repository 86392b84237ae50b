import DXSkillsTestSupport
import Testing

@testable import DXSkillsCore

@Suite("Catalog and record imports")
struct RecordImportTests {
    func issues(_ body: () async throws -> Void) async -> [CSVIssue] { await rowIssues(body) }

    func recordCount(_ db: TestDatabase) async throws -> Int {
        try await db.owner.count(
            Fixture.context(),
            """
            SELECT ((SELECT count(*) FROM training_records) + (SELECT count(*) FROM cert_holdings)
                    + (SELECT count(*) FROM assessments))::int
            """)
    }

    @Test("a new tenant has the built-in catalog; a tenant entry overrides a built-in one")
    func builtInCatalog() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM skills WHERE builtin") == 11)
            let certs = try await db.owner.strings(Fixture.context(), "SELECT code FROM certifications ORDER BY code")
            #expect(certs == ["AP", "FE", "IP", "SC", "SG"])
            let summary = try await Fixture.load(
                .certificationCatalog, "code,name,valid_years,points,skills\nSC,支援士(登録),3,12,P-CS:4\n", into: db.owner)
            #expect([summary.inserted, summary.updated] == [0, 1])
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT points || ' ' || builtin FROM certifications WHERE code = 'SC'") == ["12 false"])
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT skill_code FROM certification_skills WHERE cert_code = 'SC'") == ["P-CS"])
        }
    }

    @Test("each kind of bad record is reported and nothing is written")
    func badRecords() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            let training = "employee_no,course_code,completed_on,status,score\n"
            let cases: [(ImportKind, String, [String])] = [
                (.training, training + "E999,DX-101,2025-04-01,completed,\n", ["2 employee_no E999"]),
                (.training, training + "E001,NOPE,2025-04-01,completed,\n", ["2 course_code NOPE"]),
                (.training, training + "E001,DX-101,2025-02-30,completed,\n", ["2 completed_on 2025-02-30"]),
                (.training, training + "E001,DX-101,2025-04-01,passed,\n", ["2 status passed"]),
                (.training, training + "E001,DX-101,2025-04-01,completed,101\n", ["2 score 101"]),
                (
                    .training, training + "E001,DX-101,2025-04-01,completed,50\nE001,DX-101,2025-04-01,completed,60\n",
                    ["3 - E001 DX-101 2025-04-01"]
                ),
                (
                    .assessments, "employee_no,skill_code,level,assessed_on,assessor\nE001,L-SEC,5,2025-04-01,E007\n",
                    ["2 level 5"]
                ),
                (
                    .assessments, "employee_no,skill_code,level,assessed_on,assessor\nE001,L-XYZ,2,2025-04-01,E007\n",
                    ["2 skill_code L-XYZ"]
                ),
                (.certifications, "employee_no,cert_code,acquired_on\nE001,XX,2025-04-01\n", ["2 cert_code XX"]),
                (.courses, "code,title,skills\nC1,x,L-SEC:9\n", ["2 skills L-SEC:9"]),
            ]
            for (kind, csv, expected) in cases {
                let found = await issues { try await Fixture.load(kind, csv, into: db.owner) }
                #expect(found.map { "\($0.line) \($0.column ?? "-") \($0.value ?? "-")" } == expected, "\(csv)")
            }
            #expect(try await recordCount(db) == 0)
        }
    }

    @Test("re-importing the same records changes nothing")
    func reimport() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let before = try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM audit_log")
            let training = try await Fixture.load(.training, SkillFixture.trainingCSV, into: db.owner)
            let courses = try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            #expect([training.inserted, training.updated, training.unchanged] == [0, 0, 6])
            #expect([courses.inserted, courses.updated, courses.unchanged] == [0, 0, 2])
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM audit_log") == before)
            #expect(try await recordCount(db) == 9)
        }
    }

    @Test("a manager records assessments only for staff of its subtree")
    func managerAssessments() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let manager = Fixture.principal(.manager, unit: "B1", employeeNo: "E007")
            let csv = "employee_no,skill_code,level,assessed_on\nE002,L-SEC,2,2025-05-01\nE005,L-SEC,2,2025-05-01\n"
            let found = await issues {
                _ = try await Importer.run(
                    .assessments, bytes: Array(csv.utf8), options: .init(today: Day(iso: "2025-06-01")), database: db.app,
                    context: Fixture.context(), caller: manager)
            }
            #expect(found.map { "\($0.line) \($0.column ?? "-")" } == ["3 employee_no"])
            #expect(ImportKind.assessments.allows(.manager) && !ImportKind.training.allows(.manager))
        }
    }
}

@Suite("Training import through COPY")
struct TrainingCopyTests {
    @Test("identical repeated rows load once; a code with a backslash is refused; an empty or header-only file is an error")
    func copyPath() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            // Codes never hold COPY's escape characters; titles may.
            let refused = await rowIssues { try await Fixture.load(.courses, "code,title\nC\\1,バックスラッシュ\n", into: db.owner) }
            #expect(refused.map { "\($0.line) \($0.column ?? "-")" } == ["2 code"])
            try await Fixture.load(.courses, "code,title\nC1,\"バック\\スラッシュ\tタブ\"\n", into: db.owner)
            let csv =
                "employee_no,course_code,completed_on,score\nE001,C1,2025-04-01,50\nE001,C1,2025-04-01,50\nE002,C1,R7.4.2,\n"
            let summary = try await Fixture.load(.training, csv, into: db.owner)
            #expect([summary.rows, summary.inserted, summary.updated, summary.unchanged] == [3, 2, 0, 0])
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT course_code || ' ' || completed_on FROM training_records ORDER BY 1")
                    == ["C1 2025-04-01", "C1 2025-04-02"])
            let header = await rowIssues {
                try await Fixture.load(.training, "employee_no,course_code,completed_on\n", into: db.owner)
            }
            #expect(header.map(\.line) == [1])
            do {
                try await Fixture.load(.training, "", into: db.owner)
                Issue.record("an empty file was accepted")
            } catch DXSkillsError.invalidRows(let issues, _) {
                #expect(issues.map(\.column) == ["employee_no", "course_code", "completed_on"])
            }
        }
    }

    @Test("a dry run of a training file counts and writes nothing")
    func dryRun() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            let summary = try await Fixture.load(
                .training, SkillFixture.trainingCSV, into: db.owner, options: .init(dryRun: true))
            #expect([summary.rows, summary.inserted] == [6, 6])
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM training_records") == 0)
        }
    }
}
