import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCLI

/// Every `--format json` document of docs/reference.md §5.2 not checked elsewhere, compared whole
/// (every key and every value) with the answer worked out by hand on the fixtures: the documents
/// of headcount, coverage and import are in CLITests, targets report in TargetsCommandTests, me in
/// MeCommandTests, roles in RolesCommandTests.
@Suite("CLI JSON documents", .serialized)
struct CLIDocumentTests {
    /// `outcome`'s document equals `expected`: both parsed, then written again with sorted keys, so
    /// a difference shows as text.
    static func expectDocument(
        _ outcome: CLITests.Outcome, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(outcome.code == 0, "\(outcome.errors)", sourceLocation: sourceLocation)
        func canonical(_ text: String) throws -> String {
            let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try canonical(outcome.output) == canonical(expected), sourceLocation: sourceLocation)
    }

    /// SkillFixture with TargetsFixture's designations and targets.
    static func withTargets(_ body: @Sendable (String, [String: String], URL) async throws -> Void) async throws {
        try await CLITests.withService(setup: { db in
            try await SkillFixture.create(db.owner)
            try await Fixture.load(.designations, TargetsFixture.designations, into: db.owner)
        }) { url, tokens, _ in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("documents-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let targets = folder.appendingPathComponent("targets.json")
            try TargetsFixture.targets.write(to: targets, atomically: true, encoding: .utf8)
            let set = await CLITests.run(["targets", "set", targets.path], url: url, token: tokens["hr1"])
            #expect(set.code == 0, "\(set.errors)")
            try await body(url, tokens, folder)
        }
    }

    @Test("completion: every unit of the tree, ever and within one fiscal year (no pass score needed)")
    func completion() async throws {
        try await Self.withTargets { url, tokens, _ in
            // Counted on 2025-06-01: E001 (S1), E002 and E003 (S2), E006 (S3, hired 2025-05-01), E007 (B1).
            // DX-101: E001 on 2025-03-15 and E007 on 2025-04-02; E004's record is not counted.
            let ever = await CLITests.run(
                ["completion", "--course", "DX-101", "--as-of", "2025-06-01", "--format", "json"], url: url,
                token: tokens["hr1"])
            try Self.expectDocument(
                ever,
                """
                [{"unit_code": "K1", "course_code": "DX-101", "headcount": 4, "count": 2, "ratio": 0.5},
                 {"unit_code": "B1", "course_code": "DX-101", "headcount": 4, "count": 2, "ratio": 0.5},
                 {"unit_code": "S1", "course_code": "DX-101", "headcount": 1, "count": 1, "ratio": 1.0},
                 {"unit_code": "S2", "course_code": "DX-101", "headcount": 2, "count": 0, "ratio": 0.0},
                 {"unit_code": "K2", "course_code": "DX-101", "headcount": 1, "count": 0, "ratio": 0.0},
                 {"unit_code": "S3", "course_code": "DX-101", "headcount": 1, "count": 0, "ratio": 0.0}]
                """)
            #expect(ever.output.contains(#""ratio": 0.500000"#))
            // DS-201 in FY2024: E002 (65, under the pass score) and E003 both completed it on 2025-02-01.
            let year = await CLITests.run(
                [
                    "completion", "--course", "DS-201", "--unit", "B1", "--fiscal-year", "2024", "--as-of", "2025-06-01",
                    "--format", "json",
                ], url: url, token: tokens["hr1"])
            try Self.expectDocument(
                year,
                """
                [{"unit_code": "B1", "course_code": "DS-201", "headcount": 4, "count": 2, "ratio": 0.5},
                 {"unit_code": "S1", "course_code": "DS-201", "headcount": 1, "count": 0, "ratio": 0.0},
                 {"unit_code": "S2", "course_code": "DS-201", "headcount": 2, "count": 2, "ratio": 1.0}]
                """)
            let outside = await CLITests.run(
                [
                    "completion", "--course", "DS-201", "--fiscal-year", "2025", "--unit", "S2", "--as-of", "2025-06-01",
                    "--format", "json",
                ], url: url, token: tokens["hr1"])
            try Self.expectDocument(
                outside, #"[{"unit_code": "S2", "course_code": "DS-201", "headcount": 2, "count": 0, "ratio": 0.0}]"#)
        }
    }

    @Test("leaders: the present leaders and sub-leaders of every 課, and a warning for each designated one not present")
    func leaders() async throws {
        try await Self.withTargets { url, tokens, _ in
            // E004 (会計年度任用) is designated in S1 but not counted; E005 retired on 2025-03-31.
            let result = await CLITests.run(
                ["leaders", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(
                result,
                """
                [{"unit_code": "S1", "leaders": ["E001"], "sub_leaders": [],
                  "warnings": [{"employee_no": "E004", "reason": "not_counted"}]},
                 {"unit_code": "S2", "leaders": ["E002"], "sub_leaders": ["E003"], "warnings": []},
                 {"unit_code": "S3", "leaders": [], "sub_leaders": [], "warnings": [{"employee_no": "E005", "reason": "retired"}]}]
                """)
            // A manager of B1 sees the 課 of its subtree only.
            let manager = await CLITests.run(
                ["leaders", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["manager1"])
            try Self.expectDocument(
                manager,
                """
                [{"unit_code": "S1", "leaders": ["E001"], "sub_leaders": [],
                  "warnings": [{"employee_no": "E004", "reason": "not_counted"}]},
                 {"unit_code": "S2", "leaders": ["E002"], "sub_leaders": ["E003"], "warnings": []}]
                """)
        }
    }

    @Test("transfers impact: the target lines that change and the leaders leaving, with nothing applied")
    func transfersImpact() async throws {
        try await Self.withTargets { url, tokens, folder in
            let moves = folder.appendingPathComponent("moves.csv")
            try "employee_no,unit_code,effective_on\nE001,S3,2025-04-01\n".write(to: moves, atomically: true, encoding: .utf8)
            // S1 loses its only leader; K2 gains E001's DX-101 (1 of 1); B1 drops to 1 of 3 on L-SEC.
            let impact = await CLITests.run(
                ["transfers", "impact", moves.path, "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(
                impact,
                """
                {"changes": [{"target_index": 0, "unit_code": "S1", "before": true, "after": false},
                             {"target_index": 2, "unit_code": "K2", "before": false, "after": true},
                             {"target_index": 4, "unit_code": "B1", "before": true, "after": false}],
                 "leaders_leaving": [{"employee_no": "E001", "unit_code": "S1", "role": "leader"}]}
                """)
            let after = await CLITests.run(
                ["staff", "show", "E001", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            #expect(try (after.json() as? [String: Any])?["unit_code"] as? String == "S1")
        }
    }

    @Test("certs expiring: the window is inclusive and a holding without an end never expires")
    func certsExpiring() async throws {
        try await Self.withTargets { url, tokens, _ in
            // E002's SC ends 2025-03-31: 75 days after 2025-01-15. E007's SG has no end.
            let within = await CLITests.run(
                ["certs", "expiring", "--within", "75", "--as-of", "2025-01-15", "--format", "json"], url: url,
                token: tokens["hr1"])
            try Self.expectDocument(within, #"[{"employee_no": "E002", "cert_code": "SC", "expires_on": "2025-03-31"}]"#)
            let short = await CLITests.run(
                ["certs", "expiring", "--within", "74", "--as-of", "2025-01-15", "--format", "json"], url: url,
                token: tokens["hr1"])
            try Self.expectDocument(short, "[]")
        }
    }

    @Test("staff show and staff list: the record on the day, its posts, and each skill's level with its evidence")
    func staff() async throws {
        try await Self.withTargets { url, tokens, _ in
            // E007: DX-101 (2025-04-02) grants L-DATA 1 and L-SEC 1, SG (2020-10-01) L-SEC 2, the
            // assessment of 2025-04-01 P-DS 2. A null (retired_on, no end of a post) is left out.
            let show = await CLITests.run(
                ["staff", "show", "E007", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(
                show,
                """
                {"employee_no": "E007", "name": "渡辺　七海", "kana": "ワタナベ　ナナミ", "job_track": "general",
                 "employment_type": "regular", "grade": "部長", "hired_on": "1985-04-01", "unit_code": "B1", "unit_name": "総務部",
                 "assignments": [{"unit_code": "B1", "unit_name": "総務部", "from": "2020-04-01"}],
                 "skills": [
                   {"skill_code": "L-DATA", "skill_name": "データを読み、使う", "level": 1,
                    "evidence": [{"source": "training", "reference": "DX-101", "on": "2025-04-02", "level": 1}]},
                   {"skill_code": "L-SEC", "skill_name": "情報を守る(セキュリティとモラル)", "level": 2,
                    "evidence": [{"source": "certification", "reference": "SG", "on": "2020-10-01", "level": 2},
                                 {"source": "training", "reference": "DX-101", "on": "2025-04-02", "level": 1}]},
                   {"skill_code": "P-DS", "skill_name": "データサイエンティスト", "level": 2,
                    "evidence": [{"source": "assessment", "reference": "E001", "on": "2025-04-01", "level": 2}]}],
                 "self_assessments": []}
                """)
            // E002's SC lapsed on 2025-03-31 and DS-201 was under its pass score: no level on 2025-06-01.
            let lapsed = await CLITests.run(
                ["staff", "show", "E002", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(
                lapsed,
                """
                {"employee_no": "E002", "name": "山﨑　花子", "kana": "ヤマサキ　ハナコ", "job_track": "information",
                 "employment_type": "regular", "grade": "主任", "hired_on": "2015-04-01", "unit_code": "S2",
                 "unit_name": "情報政策課", "assignments": [{"unit_code": "S2", "unit_name": "情報政策課", "from": "2021-04-01"}],
                 "skills": [], "self_assessments": []}
                """)
            // The staff of B1's subtree on the day, uncounted E004 among them, by unit in tree order.
            let list = await CLITests.run(
                ["staff", "list", "--unit", "B1", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(
                list,
                """
                [{"employee_no": "E007", "name": "渡辺　七海", "kana": "ワタナベ　ナナミ", "job_track": "general",
                  "employment_type": "regular", "grade": "部長", "unit_code": "B1", "unit_name": "総務部"},
                 {"employee_no": "E001", "name": "髙橋　一郎", "kana": "タカハシ　イチロウ", "job_track": "general",
                  "employment_type": "regular", "grade": "課長", "unit_code": "S1", "unit_name": "人事課"},
                 {"employee_no": "E004", "name": "鈴木　四郎", "kana": "スズキ　シロウ", "job_track": "general",
                  "employment_type": "fiscal_year", "unit_code": "S1", "unit_name": "人事課"},
                 {"employee_no": "E002", "name": "山﨑　花子", "kana": "ヤマサキ　ハナコ", "job_track": "information",
                  "employment_type": "regular", "grade": "主任", "unit_code": "S2", "unit_name": "情報政策課"},
                 {"employee_no": "E003", "name": "佐藤　三郎", "kana": "サトウ　サブロウ", "job_track": "general",
                  "employment_type": "fixed_term", "grade": "主事", "unit_code": "S2", "unit_name": "情報政策課"}]
                """)
        }
    }

    @Test("units tree: the units valid on the day in tree order with their depth; S4 ended in 2024")
    func unitsTree() async throws {
        try await Self.withTargets { url, tokens, _ in
            let tree = await CLITests.run(
                ["units", "tree", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(
                tree,
                """
                [{"code": "K1", "name": "総務局", "kind": "局", "depth": 0, "it_department": false, "valid_from": "2020-04-01"},
                 {"code": "B1", "name": "総務部", "kind": "部", "parent_code": "K1", "depth": 1, "it_department": false,
                  "valid_from": "2020-04-01"},
                 {"code": "S1", "name": "人事課", "kind": "課", "parent_code": "B1", "depth": 2, "it_department": false,
                  "valid_from": "2020-04-01"},
                 {"code": "S2", "name": "情報政策課", "kind": "課", "parent_code": "B1", "depth": 2, "it_department": true,
                  "valid_from": "2020-04-01"},
                 {"code": "K2", "name": "市民局", "kind": "局", "depth": 0, "it_department": false, "valid_from": "2020-04-01"},
                 {"code": "S3", "name": "市民課", "kind": "課", "parent_code": "K2", "depth": 1, "it_department": false,
                  "valid_from": "2020-04-01"}]
                """)
            let old = await CLITests.run(
                ["units", "tree", "--unit", "K2", "--as-of", "2024-03-31", "--format", "json"], url: url, token: tokens["hr1"])
            // The tree shown starts at depth 0.
            #expect(
                try (old.json() as? [[String: Any]])?.map { "\($0["code"] ?? "-") \($0["depth"] ?? "-")" } == [
                    "K2 0", "S3 1", "S4 1",
                ])
        }
    }

    @Test("rankings: totals as strings with 2 decimals, ties, percentiles, the incomplete last; and per grade")
    func rankings() async throws {
        try await CLITests.withService(setup: { try await RankingFixture.create($0.owner) }) { url, tokens, _ in
            // The totals are worked out in RankingTests; each item is its score of 100.
            let e002 = """
                {"employee_no": "E002", "name": "山﨑　花子", "group": "GROUP", "total": "65.38", "rank": RANK,
                 "percentile": PERCENTILE, "incomplete": false,
                 "items": {"hours": "100.00", "certs": "80.00", "skills": "31.25", "leader": "100.00", "contrib": "50.00"}}
                """
            let e007 = """
                {"employee_no": "E007", "name": "渡辺　七海", "group": "GROUP", "total": "65.38", "rank": RANK,
                 "percentile": PERCENTILE, "incomplete": false,
                 "items": {"hours": "30.00", "certs": "100.00", "skills": "31.25", "leader": "100.00", "contrib": "100.00"}}
                """
            let e001 = """
                {"employee_no": "E001", "name": "髙橋　一郎", "group": "GROUP", "total": "60.92", "rank": RANK,
                 "percentile": PERCENTILE, "incomplete": false,
                 "items": {"hours": "58.33", "certs": "40.00", "skills": "37.50", "leader": "100.00", "contrib": "100.00"}}
                """
            let e003 = """
                {"employee_no": "E003", "name": "佐藤　三郎", "group": "GROUP", "total": "15.63", "rank": RANK,
                 "percentile": PERCENTILE, "incomplete": false,
                 "items": {"hours": "0.00", "certs": "0.00", "skills": "18.75", "leader": "0.00", "contrib": "50.00"}}
                """
            let e006 = """
                {"employee_no": "E006", "name": "伊藤　六子", "group": "GROUP", "total": null, "rank": null,
                 "percentile": null, "incomplete": true,
                 "items": {"hours": "0.00", "certs": "0.00", "skills": "0.00", "leader": "0.00", "contrib": null}}
                """
            func line(_ template: String, _ group: String, _ rank: String = "null", _ percentile: String = "null") -> String {
                template.replacingOccurrences(of: "GROUP", with: group).replacingOccurrences(of: "RANK", with: rank)
                    .replacingOccurrences(of: "PERCENTILE", with: percentile)
            }
            let all = await CLITests.run(
                ["rankings", "--fiscal-year", "2025", "--as-of", "2026-03-31", "--format", "json"], url: url,
                token: tokens["hr1"])
            try Self.expectDocument(
                all,
                "["
                    + [
                        line(e002, "-", "1", "0"), line(e007, "-", "1", "0"), line(e001, "-", "3", "0.666667"),
                        line(e003, "-", "4", "1"), line(e006, "-"),
                    ].joined(separator: ",") + "]")
            #expect(all.output.contains(#""percentile": 0.666667"#))
            let grades = await CLITests.run(
                ["rankings", "--fiscal-year", "2025", "--as-of", "2026-03-31", "--group", "grade", "--format", "json"], url: url,
                token: tokens["hr1"])
            try Self.expectDocument(
                grades,
                "["
                    + [
                        line(e003, "主事", "1", "0"), line(e006, "主事"), line(e002, "主任", "1", "0"), line(e001, "課長", "1", "0"),
                        line(e007, "部長", "1", "0"),
                    ].joined(separator: ",") + "]")
        }
    }

    @Test("rankings export progress: rows of the service's total on stderr, in place on a terminal; none in a quick log")
    func rankingsProgress() async throws {
        try await CLITests.withService(setup: { try await RankingFixture.create($0.owner) }) { url, tokens, _ in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rank-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let csv = folder.appendingPathComponent("r.csv").path
            let base = ["rankings", "--fiscal-year", "2025", "--as-of", "2026-03-31"]
            let onTerminal = await CLITests.run(
                base + ["--format", "csv", "-o", csv], url: url, token: tokens["hr1"], progressInPlace: true)
            #expect(onTerminal.code == 0 && onTerminal.output.isEmpty, "\(onTerminal.errors)")
            #expect(
                onTerminal.errors.hasPrefix("\rdxskills: \(csv): received 0 of 5 rows (0.0%)\u{1B}[K"), "\(onTerminal.errors)")
            #expect(
                onTerminal.errors.contains("\rdxskills: \(csv): received 5 of 5 rows (100.0%)\u{1B}[K\nwrote \(csv)"),
                "\(onTerminal.errors)")
            // In a log a quick export shows no line; without -o stdout is the CSV alone.
            let piped = await CLITests.run(base + ["--format", "csv", "--encoding", "utf8"], url: url, token: tokens["hr1"])
            #expect(piped.code == 0 && piped.errors.isEmpty, "\(piped.errors)")
            #expect(piped.output.hasPrefix("employee_no,") && piped.output.split(separator: "\r\n").count == 6)
            let sheet = folder.appendingPathComponent("r.xlsx").path
            let written = await CLITests.run(
                base + ["--format", "xlsx", "-o", sheet], url: url, token: tokens["hr1"], lang: "ja_JP.UTF-8",
                progressInPlace: true)
            #expect(written.code == 0 && written.output.isEmpty, "\(written.errors)")
            #expect(
                written.errors.contains("\rdxskills: \(sheet): 5 行中 5 行を書き込み済み(100.0%)\u{1B}[K\n"), "\(written.errors)")
        }
    }

    @Test("plans, plans show and career-template list: every stage with its due day, status and what is unmet")
    func plans() async throws {
        try await CLITests.withService(setup: { try await CareerPlanFixture.create($0) }) { url, tokens, _ in
            // The statuses and stages are worked out in CareerPlanTests.statusOnDay.
            let e002 = """
                {"employee_no": "E002", "name": "山﨑　花子", "unit_code": "S2", "template": "ICT-STD",
                 "template_name": "情報職標準キャリアパス", "start_on": "2020-04-01", "status": "behind",
                 "stages": [{"name": "基礎期", "placement": "it", "due_on": "2023-03-31", "status": "behind", "unmet": [{"cert": "FE"}]},
                            {"name": "業務経験期", "placement": "business", "due_on": "2026-03-31", "status": "open",
                             "unmet": [{"course": "BPR-201"}]}],
                 "warnings": [{"reason": "placement_mismatch", "stage": "業務経験期", "placement": "business", "unit_code": "S2"}]}
                """
            let i001 = """
                {"employee_no": "I001", "name": "情報　一郎", "unit_code": "S3", "template": "ICT-STD",
                 "template_name": "情報職標準キャリアパス", "start_on": "2020-04-01", "status": "completed",
                 "stages": [{"name": "基礎期", "placement": "it", "due_on": "2023-03-31", "status": "met", "unmet": []},
                            {"name": "業務経験期", "placement": "business", "due_on": "2026-03-31", "status": "met", "unmet": []}],
                 "warnings": []}
                """
            let i002 = """
                {"employee_no": "I002", "name": "情報　二郎", "unit_code": "S1", "template": "ICT-STD",
                 "template_name": "情報職標準キャリアパス", "start_on": "2021-04-01", "status": "behind",
                 "stages": [{"name": "基礎期", "placement": "it", "due_on": "2024-03-31", "status": "behind",
                             "unmet": [{"cert": "FE", "lapsed_on": "2024-02-29"}]},
                            {"name": "業務経験期", "placement": "business", "due_on": "2027-03-31", "status": "open",
                             "unmet": [{"course": "BPR-201"}]}],
                 "warnings": []}
                """
            let i003 = """
                {"employee_no": "I003", "name": "情報　三子", "unit_code": "S2", "template": "SHORT", "template_name": "短期育成",
                 "start_on": "2024-02-29", "status": "on_track",
                 "stages": [{"name": "一年目", "placement": "it", "due_on": "2025-02-28", "status": "met", "unmet": []},
                            {"name": "四年目", "placement": "it", "due_on": "2028-02-29", "status": "open",
                             "unmet": [{"skill": "P-SE", "level": 3, "reached": 2}]}],
                 "warnings": []}
                """
            let i004 = """
                {"employee_no": "I004", "name": "情報　四郎", "unit_code": "S3", "template": null, "template_name": null,
                 "start_on": null, "status": "no_plan", "stages": [], "warnings": []}
                """
            let all = await CLITests.run(["plans", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(all, "[" + [e002, i001, i002, i003, i004].joined(separator: ",") + "]")
            let behind = await CLITests.run(
                ["plans", "--status", "behind", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(behind, "[" + [e002, i002].joined(separator: ",") + "]")
            let one = await CLITests.run(
                ["plans", "show", "I002", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(one, "[" + i002 + "]")
            let templates = await CLITests.run(["career-template", "list", "--format", "json"], url: url, token: tokens["hr1"])
            try Self.expectDocument(
                templates,
                "["
                    + [CareerPlanFixture.standard, CareerPlanFixture.short].joined(separator: ",") + "]")
        }
    }

    @Test("--format xlsx: a report writes its file (a ZIP package); without -o, or on a command with no sheet, it is 64")
    func excelFiles() async throws {
        try await Self.withTargets { url, tokens, folder in
            let file = folder.appendingPathComponent("coverage.xlsx").path
            let written = await CLITests.run(
                ["coverage", "--unit", "B1", "--as-of", "2025-06-01", "--format", "xlsx", "-o", file], url: url,
                token: tokens["hr1"])
            #expect(written.code == 0, "\(written.errors)")
            #expect(written.output.isEmpty)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.prefix(2) == Data("PK".utf8))
            let noFile = await CLITests.run(["headcount", "--format", "xlsx"], url: url, token: tokens["hr1"])
            #expect(noFile.code == 64 && noFile.errors.contains("-o"), "\(noFile.errors)")
            let noSheet = await CLITests.run(
                ["units", "tree", "--format", "xlsx"], url: url, token: tokens["hr1"])
            #expect(noSheet.code == 64 && noSheet.errors.contains("--format csv"), "\(noSheet.errors)")
            let badFolder = await CLITests.run(
                ["headcount", "--format", "xlsx", "-o", "/nonexistent/folder/h.xlsx"], url: url, token: tokens["hr1"])
            #expect(badFolder.code == 65 && badFolder.errors.contains("/nonexistent/folder/h.xlsx"), "\(badFolder.errors)")
        }
    }
}
