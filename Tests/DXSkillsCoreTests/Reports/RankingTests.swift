import DXSkillsTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import DXSkillsCore

/// reference §4.8 on RankingFixture. Per staff (weights 20/20/30/10/20 of 100):
///
///     E001  hours 17.5 → 175/3 × 0.2 = 11.666…  points 4 → 8  levels 2+2+2+0 → 11.25  leader 10  S → 20  = 60.9166… → 60.92
///     E002  hours 40 → capped → 20          points 8 → 16  levels 2+0+3+0 →  9.375  leader 10  B → 10  = 65.375   → 65.38
///     E003  hours 0 (未修了)                 points 0       levels 0+3+0+0 →  5.625  leader  0  B → 10  = 15.625   → 15.63
///     E007  hours 9 → 30 × 0.2 = 6          points 16 → 20 levels 0+2+3+0 →  9.375  leader 10  S → 20  = 65.375   → 65.38
///     E006  no rating: incomplete
///
/// 15.625 is a boundary that half-to-even (and printf on a Double) rounds down to 15.62.
@Suite("Rankings")
struct RankingTests {
    static func ranking(
        _ principal: Principal = Fixture.principal(.hr), group: RankingGroup = .none, unit: String? = nil, in db: TestDatabase
    ) async throws -> Ranking {
        try await db.app.transaction(Fixture.context(actor: principal.userName)) { connection in
            try await RankingReport.run(
                principal: principal, fiscalYear: 2025, group: group, unit: unit, asOf: RankingFixture.asOf,
                connection: connection, logger: db.app.logger)
        }
    }

    /// What a `notFound` error names; "" for any other error or none.
    static func notFound(_ error: DXSkillsError?) -> String {
        guard case .notFound(let what) = error else { return "" }
        return what.text(.en)
    }

    static func summary(_ ranking: Ranking) -> [String] {
        ranking.lines.map { line in
            [
                line.group, line.employeeNo, line.total ?? "incomplete", line.rank.map(String.init) ?? "-",
                line.percentile?.decimalText(places: 6) ?? "-",
            ].joined(separator: " ")
        }
    }

    @Test("totals exact and rounded half away from zero, ties ranked 1, 1, 3, percentiles, incomplete last")
    func ungrouped() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            let ranking = try await Self.ranking(in: db)
            #expect(
                Self.summary(ranking) == [
                    "- E002 65.38 1 0.000000", "- E007 65.38 1 0.000000", "- E001 60.92 3 0.666667",
                    "- E003 15.63 4 1.000000", "- E006 incomplete - -",
                ])
            let e001 = try #require(ranking.lines.first { $0.employeeNo == "E001" })
            #expect(e001.exactTotal == Fraction(731, over: 12))
            #expect(
                e001.scores.map { $0.score?.decimalText(places: 2) ?? "null" } == ["58.33", "40.00", "37.50", "100.00", "100.00"])
            let e006 = try #require(ranking.lines.first { $0.employeeNo == "E006" })
            #expect(e006.scores.map { $0.score?.decimalText(places: 2) ?? "null" } == ["0.00", "0.00", "0.00", "0.00", "null"])
            #expect(e006.incomplete && e006.rank == nil)
            // Stage 2 decides: E003's C became B (50).
            #expect(ranking.lines.first { $0.employeeNo == "E003" }?.scores.last?.score == Fraction(50))
        }
    }

    @Test("groups: grade in the tenant's ladder order, job track, and the nearest unit of a kind")
    func groups() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            #expect(
                Self.summary(try await Self.ranking(group: .grade, in: db)) == [
                    "主事 E003 15.63 1 0.000000", "主事 E006 incomplete - -", "主任 E002 65.38 1 0.000000",
                    "課長 E001 60.92 1 0.000000", "部長 E007 65.38 1 0.000000",
                ])
            #expect(
                Self.summary(try await Self.ranking(group: .jobTrack, in: db)) == [
                    "general E007 65.38 1 0.000000", "general E001 60.92 2 0.500000", "general E003 15.63 3 1.000000",
                    "general E006 incomplete - -", "information E002 65.38 1 0.000000",
                ])
            #expect(
                Self.summary(try await Self.ranking(group: .unitKind("局"), in: db)) == [
                    "K1 E002 65.38 1 0.000000", "K1 E007 65.38 1 0.000000", "K1 E001 60.92 3 0.666667",
                    "K1 E003 15.63 4 1.000000", "K2 E006 incomplete - -",
                ])
            // E007 sits in 部 B1: no 課 among its unit and ancestors, so its group is "-".
            #expect(
                Self.summary(try await Self.ranking(group: .unitKind("課"), in: db)) == [
                    "S1 E001 60.92 1 0.000000", "S2 E002 65.38 1 0.000000", "S2 E003 15.63 2 1.000000",
                    "S3 E006 incomplete - -", "- E007 65.38 1 0.000000",
                ])
            let noKind = await #expect(throws: DXSkillsError.self) { try await Self.ranking(group: .unitKind("係"), in: db) }
            #expect(Self.notFound(noKind).hasPrefix("units of kind 係"))
        }
    }

    @Test("an evaluator ranks only its subtree; outside it is 404; manager and staff get no rankings")
    func scope() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            let evaluator = Fixture.principal(.evaluator, unit: "S2")
            #expect(
                Self.summary(try await Self.ranking(evaluator, in: db)) == ["- E002 65.38 1 0.000000", "- E003 15.63 2 1.000000"])
            #expect(Self.summary(try await Self.ranking(unit: "S2", in: db)).count == 2)
            await #expect(throws: DXSkillsError.notFound("unit S1")) {
                try await Self.ranking(evaluator, unit: "S1", in: db)
            }
            for principal in [Fixture.principal(.manager, unit: "K1"), Fixture.principal(.staff, employeeNo: "E001")] {
                let refused = await #expect(throws: DXSkillsError.self) { try await Self.ranking(principal, in: db) }
                guard case .forbidden(let why) = refused else {
                    Issue.record("\(principal.role): expected forbidden, got \(String(describing: refused))")
                    continue
                }
                #expect(why.text(.en).contains("read rankings"))
            }
        }
    }

    @Test("every read of rankings writes an audit row: who, which scope; a refused export writes none")
    func audit() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            _ = try await Self.ranking(Fixture.principal(.evaluator, unit: "S2"), group: .grade, in: db)
            _ = try await Self.ranking(in: db)
            let rows = try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.query(
                    "SELECT actor, key->>'fiscal_year', coalesce(after->>'unit', '-'), after->>'group', after->>'rows' FROM audit_log WHERE entity = 'rankings' AND action = 'read' ORDER BY id",
                    logger: db.owner.logger
                ).decode((String, String, String, String, String).self).collect()
            }
            #expect(
                rows.map { "\($0.0) \($0.1) \($0.2) \($0.3) \($0.4)" } == ["evaluator1 2025 S2 grade 2", "hr1 2025 - none 5"])
        }
    }

    @Test("no criteria for the year is 404; a bad criteria document names every problem")
    func criteria() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let missing = await #expect(throws: DXSkillsError.self) { try await Self.ranking(in: db) }
            #expect(Self.notFound(missing) == "evaluation criteria for fiscal year 2025 (set them with criteria set)")
            let document = CriteriaDocument(
                fiscalYear: 2025,
                items: [
                    .init(code: "a", type: "skill_average", weight: 10, skills: ["L-DATA", "NOPE", "L-DATA"]),
                    .init(code: "a", type: "training_hours", weight: 0),
                    .init(code: "c", type: "cert_points", weight: 5, cap: -1),
                    .init(code: "d", type: "bonus", weight: 5),
                ])
            do {
                try await db.app.transaction(Fixture.context()) { connection in
                    try await EvaluationCriteria.set(
                        document, connection: connection, context: Fixture.context(), logger: db.app.logger)
                }
                Issue.record("a bad document was stored")
            } catch DXSkillsError.invalid(let problems) {
                let message = problems.text(.en)
                for expected in [
                    "unknown skill NOPE", "L-DATA is listed twice", "items[1].code: a is used by an earlier item",
                    "items[1].weight: must be a number > 0", "items[1].cap: required", "items[2].cap: must be a number > 0",
                    "items[3].type: unknown type bonus",
                ] {
                    #expect(message.contains(expected), "missing: \(expected) in \(message)")
                }
            }
        }
    }
}

/// Ratings (reference §3.1, 4.8): who may rate whom.
@Suite("Ratings")
struct RatingImportTests {
    static func load(_ csv: String, caller: Principal? = nil, fiscalYear: Int? = nil, into db: TestDatabase) async -> [CSVIssue] {
        await rowIssues {
            _ = try await Importer.run(
                .ratings, bytes: Array(csv.utf8), options: ImportOptions(fiscalYear: fiscalYear), database: db.app,
                context: Fixture.context(actor: caller?.userName ?? "hr1"), caller: caller)
        }
    }

    static let header = "employee_no,item,stage,rating,evaluator\n"

    @Test("self-rating, the same evaluator for both stages, unknown items and ratings are refused; nothing is written")
    func refusals() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            let issues = await Self.load(
                Self.header + """
                    E002,contrib,2,A,E002
                    E002,contrib,2,A,E001
                    E006,contrib,1,A,E006
                    E006,effort,1,A,E001
                    E006,contrib,3,E,E001
                    E006,contrib,1,B,E099
                    """, into: db)
            #expect(
                issues.map { "\($0.line) \($0.column ?? "-") \($0.value ?? "")" } == [
                    "2 evaluator E002", "3 evaluator E001", "4 evaluator E006", "5 item effort", "6 stage 3", "6 rating E",
                    "7 evaluator E099",
                ])
            #expect(issues[0].reason.contains("nobody rates themselves"))
            #expect(issues[1].reason.contains("different evaluator than stage 1"))
            let count = try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.query("SELECT count(*)::integer FROM ratings", logger: db.owner.logger).decode(Int.self)
                    .collect().first
            }
            #expect(count == 6)
        }
    }

    @Test("an evaluator rates only staff of its subtree, under its own number, and never replaces another's rating")
    func evaluatorScope() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            let evaluator = Fixture.principal(.evaluator, unit: "S2", employeeNo: "E007")
            let issues = await Self.load(
                Self.header + """
                    E001,contrib,1,A,E007
                    E002,contrib,2,A,E001
                    E002,contrib,1,A,E007
                    E003,contrib,2,A,E007
                    """, caller: evaluator, into: db)
            #expect(
                issues.map { "\($0.line) \($0.column ?? "-") \($0.value ?? "")" } == [
                    "2 employee_no E001", "3 evaluator E001", "4 evaluator E007",
                ])
            #expect(issues[0].reason == "unknown employee")
            #expect(issues[2].reason.contains("E001's rating"))
            // Its own stage 2 for E003 (stage 1 by E001) is fine, and repeating it changes nothing.
            #expect(await Self.load(Self.header + "E003,contrib,2,A,E007\n", caller: evaluator, into: db).isEmpty)
            let again = try await Importer.run(
                .ratings, bytes: Array((Self.header + "E003,contrib,2,A,E007\n").utf8), options: .init(), database: db.app,
                context: Fixture.context(actor: "evaluator1"), caller: evaluator)
            #expect(again.unchanged == 1 && again.inserted == 0 && again.updated == 0)
        }
    }

    @Test("the fiscal year comes from the row, the option, or the latest criteria rating the items")
    func fiscalYears() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            let later = CriteriaDocument(fiscalYear: 2026, items: [.init(code: "effort", type: "rating", weight: 1)])
            try await db.app.transaction(Fixture.context()) { connection in
                try await EvaluationCriteria.set(later, connection: connection, context: Fixture.context(), logger: db.app.logger)
            }
            #expect(await Self.load(Self.header + "E006,effort,1,A,E001\n", into: db).isEmpty)
            #expect(await Self.load(Self.header + "E006,contrib,1,A,E001\n", into: db).isEmpty)
            let wrongYear = await Self.load(Self.header + "E006,contrib,1,A,E001\n", fiscalYear: 2026, into: db)
            #expect(wrongYear.first?.reason.contains("not a rating item of the fiscal year 2026 criteria") == true)
            #expect(
                await Self.load(
                    "employee_no,item,stage,rating,evaluator,年度\nE006,contrib,1,Ａ,E001,2025年度\n", fiscalYear: 2026, into: db
                ).isEmpty)
            let years = try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.query(
                    "SELECT fiscal_year || ' ' || item FROM ratings WHERE employee_no = 'E006' ORDER BY 1",
                    logger: db.owner.logger
                ).decode(String.self).collect()
            }
            #expect(years == ["2025 contrib", "2026 effort"])
        }
    }
}
