import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCore

/// Issue 14: codes that look like other codes. Every code cell is NFKC-normalised and must then be
/// letters, digits, _ and -.
@Suite("Look-alike codes")
struct CodeRuleTests {
    static let rule = "a code may contain only letters A–Z a–z, digits 0–9, _ and -"

    func reason(_ text: String) -> String? {
        if case .failure(let problem) = Code.parse(text) { return problem.reason }
        return nil
    }

    @Test("full-width is normalised; RLO, Arabic-Indic digits, combining marks, spaces and quotes are refused by name")
    func parse() throws {
        #expect(try Code.parse("E001").get() == "E001")
        #expect(try Code.parse("１００１２３").get() == "100123")
        #expect(try Code.parse("Ｌ－ＳＥＣ").get() == "L-SEC")
        #expect(reason("\u{202E}501001") == "\(Self.rule); U+202E RIGHT-TO-LEFT OVERRIDE is not one")
        #expect(reason("١٠٠١٢٣") == "\(Self.rule); U+0661 ARABIC-INDIC DIGIT ONE is not one")
        #expect(reason("E001\u{0301}") == "\(Self.rule); U+0301 COMBINING ACUTE ACCENT is not one")
        #expect(reason("E 001") == "\(Self.rule); U+0020 SPACE is not one")
        #expect(reason("E'001") == "\(Self.rule); U+0027 APOSTROPHE is not one")
        #expect(reason("-1") == "a code may not begin with - (it would run as a spreadsheet formula)")
        // A full-width ＝ is = after NFKC: still a formula.
        #expect(reason("＝1+1") == "a code may not begin with = (it would run as a spreadsheet formula)")
    }

    @Test("every code column of every import refuses a look-alike at its line and column")
    func everyCodeColumn() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Fixture.load(.courses, SkillFixture.coursesCSV, into: db.owner)
            let rlo = "\u{202E}"
            let rloReason = "\(Self.rule); U+202E RIGHT-TO-LEFT OVERRIDE is not one"
            let arabic = "\(Self.rule); U+0661 ARABIC-INDIC DIGIT ONE is not one"
            let units = "code,name,kind,parent_code,valid_from\n"
            let staff = "employee_no,name,unit_code,assigned_from,hired_on\n"
            let cases: [(ImportKind, String, String)] = [
                (.units, units + "S١,課,課,,2025-04-01\n", "2 code \(arabic)"),
                (.units, units + "S9,課,課,\(rlo)K1,2025-04-01\n", "2 parent_code \(rloReason)"),
                (.staff, staff + "\(rlo)501001,名,S1,2025-04-01,2025-04-01\n", "2 employee_no \(rloReason)"),
                (.staff, staff + "E100,名,S1\(rlo),2025-04-01,2025-04-01\n", "2 unit_code \(rloReason)"),
                (.skills, "code,name\nX\u{0301},x\n", "2 code \(Self.rule); U+0301 COMBINING ACUTE ACCENT is not one"),
                (.training, "employee_no,course_code,completed_on\n\(rlo)E001,DX-101,2025-04-01\n", "2 employee_no \(rloReason)"),
                (.training, "employee_no,course_code,completed_on\nE001,DX\(rlo)101,2025-04-01\n", "2 course_code \(rloReason)"),
                (.certifications, "employee_no,cert_code,acquired_on\nE001,S\(rlo)C,2025-04-01\n", "2 cert_code \(rloReason)"),
                (
                    .assessments, "employee_no,skill_code,level,assessed_on,assessor\nE001,L-SEC\(rlo),2,2025-04-01,E007\n",
                    "2 skill_code \(rloReason)"
                ),
                (
                    .assessments, "employee_no,skill_code,level,assessed_on,assessor\nE001,L-SEC,2,2025-04-01,E٠07\n",
                    "2 assessor \(Self.rule); U+0660 ARABIC-INDIC DIGIT ZERO is not one"
                ),
                (
                    .ratings, "employee_no,item,stage,rating,evaluator\nE001,con\(rlo)trib,1,A,E007\n",
                    "2 item \(rloReason)"
                ),
                (.ratings, "employee_no,item,stage,rating,evaluator\nE001,contrib,1,A,\(rlo)E007\n", "2 evaluator \(rloReason)"),
                (.careerPlans, "employee_no,template,start_on\nE002,ICT\(rlo)-STD,2025-04-01\n", "2 template \(rloReason)"),
                (
                    .designations, "employee_no,unit_code,role,term_start\nE002,S\(rlo)2,leader,2025-04-01\n",
                    "2 unit_code \(rloReason)"
                ),
                (.courses, "code,title,skills\nC9,x,L-SEC:2;P\(rlo)-DS:1\n", "2 skills \(rloReason)"),
            ]
            for (kind, csv, expected) in cases {
                let found = await rowIssues { try await Fixture.load(kind, csv, into: db.owner) }
                #expect(found.map { "\($0.line) \($0.column ?? "-") \($0.reason)" } == [expected], "\(kind) \(csv)")
            }
            // The transfers file too (its 退職 is a keyword, not a code).
            let transfers = await rowIssues {
                _ = try await Transfers.impact(
                    Array("employee_no,unit_code,effective_on\nE002,S\(rlo)3,2025-04-01\nE003,退職,2025-04-01\n".utf8),
                    fiscalYear: nil, principal: Fixture.principal(.hr), database: db.app, requestID: nil)
            }
            #expect(transfers.map { "\($0.line) \($0.column ?? "-") \($0.reason)" } == ["2 unit_code \(rloReason)"])
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM staff") == 7)
        }
    }

    @Test("a full-width employee number is the same person; full-width separators split a skills list")
    func fullWidthIsTheSamePerson() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let staff = """
                employee_no,name,unit_code,assigned_from,hired_on
                Ｅ００１,髙橋　一郎,S1,2020-04-01,2000-04-01

                """
            let summary = try await Fixture.load(.staff, staff, into: db.owner)
            #expect(summary.inserted == 0 && summary.updated == 1)
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM staff") == 7)
            try await Fixture.load(.courses, "code,title,skills\nＣ１,研修,Ｌ－ＳＥＣ：２；Ｐ－ＤＳ：１\n", into: db.owner)
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT course_code || ' ' || skill_code || ' ' || level FROM course_skills ORDER BY 1")
                    == ["C1 L-SEC 2", "C1 P-DS 1"])
            try await Fixture.load(.training, "employee_no,course_code,completed_on\nＥ００２,Ｃ１,2025-04-01\n", into: db.owner)
            #expect(
                try await db.owner.strings(Fixture.context(), "SELECT employee_no || ' ' || course_code FROM training_records")
                    == ["E002 C1"])
        }
    }

    @Test("JSON documents: criteria item codes and template codes follow the rule, naming the field")
    func documents() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let criteria = CriteriaDocument(
                fiscalYear: 2026,
                items: [
                    .init(code: "ｃｏｎｔｒｉｂ", type: "rating", weight: 1),
                    .init(code: "h\u{202E}", type: "training_hours", weight: 1, cap: 10),
                    .init(code: "s", type: "skill_average", weight: 1, skills: ["L-SEC\u{0332}"]),
                ])
            await #expect(
                throws: DXSkillsError.invalid(
                    Message(
                        stringLiteral: "items[1].code: \(Self.rule); U+202E RIGHT-TO-LEFT OVERRIDE is not one; "
                            + "items[2].skills: \(Self.rule); U+0332 COMBINING LOW LINE is not one"))
            ) {
                try await db.app.transaction(Fixture.context()) { connection in
                    try await EvaluationCriteria.set(
                        criteria, connection: connection, context: Fixture.context(), logger: db.app.logger)
                }
            }
            // Stored normalised: ratings name the item `contrib`.
            let valid = CriteriaDocument(fiscalYear: 2026, items: [.init(code: "ｃｏｎｔｒｉｂ", type: "rating", weight: 1)])
            let stored = try await db.app.transaction(Fixture.context()) { connection in
                try await EvaluationCriteria.set(valid, connection: connection, context: Fixture.context(), logger: db.app.logger)
                return try await EvaluationCriteria.document(fiscalYear: 2026, connection: connection, logger: db.app.logger)
            }
            #expect(stored.ratingItems == ["contrib"])

            func template(_ code: String, cert: String = "FE") -> CareerTemplateDocument {
                CareerTemplateDocument(
                    code: code, name: "標準", stages: [.init(name: "基礎期", years: 3, placement: "it", requires: [.init(cert: cert)])]
                )
            }
            await #expect(
                throws: DXSkillsError.invalid(
                    Message(
                        stringLiteral: "code: \(Self.rule); U+0661 ARABIC-INDIC DIGIT ONE is not one; "
                            + "stages[0].requires[0].cert: \(Self.rule); U+202E RIGHT-TO-LEFT OVERRIDE is not one"))
            ) {
                try await db.app.transaction(Fixture.context()) { connection in
                    try await CareerTemplates.set(
                        template("T١", cert: "F\u{202E}E"), connection: connection, context: Fixture.context(),
                        logger: db.app.logger)
                }
            }
            let set = try await db.app.transaction(Fixture.context()) { connection in
                try await CareerTemplates.set(
                    template("ＩＣＴ－ＳＴＤ", cert: "ＦＥ"), connection: connection, context: Fixture.context(), logger: db.app.logger)
            }
            #expect(set.code == "ICT-STD" && set.outcome == .inserted)
        }
    }
}
