import ArgumentParser
import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Synchronization
import Testing

@testable import DXSkillsCLI
@testable import DXSkillsServer

/// The commands run in process against a live service on the small fixture: exit codes, and the
/// `--format json` documents of docs/reference.md §5.2 with values worked out by hand.
@Suite("CLI", .serialized)
struct CLITests {
    /// What one command printed and how it ended.
    struct Outcome {
        let code: Int32
        let output: String
        let errors: String

        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(output.utf8)) }
    }

    /// Lines of a test's standard input, handed out one at a time.
    final class Lines: @unchecked Sendable {
        private var lines: [String]
        private let lock = NSLock()
        init(_ lines: [String]) { self.lines = lines }
        func next() -> String? {
            lock.lock()
            defer { lock.unlock() }
            return lines.isEmpty ? nil : lines.removeFirst()
        }
    }

    final class Buffer: Sendable {
        let bytes = Mutex<[UInt8]>([])
        var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
        func append(_ more: [UInt8]) { bytes.withLock { $0 += more } }
    }

    /// Runs `dxskills ARGS` as `token` against `url`, as the executable would (parse errors exit 64).
    static func run(
        _ arguments: [String], url: String, token: String?, input: [String] = [],
        credentials: String = "/nonexistent/credentials.json", lang: String = "C", progressInPlace: Bool = false
    ) async -> Outcome {
        let output = Buffer()
        let errors = Buffer()
        var environment = ["DXSKILLS_URL": url, "LANG": lang, "DXSKILLS_CREDENTIALS": credentials]
        environment["DXSKILLS_TOKEN"] = token
        let lines = Lines(input)
        let terminal = Terminal(
            standardOutput: { output.append($0) }, standardError: { errors.append($0) }, environment: environment,
            readLine: { lines.next() }, progressInPlace: progressInPlace)
        let code: Int32 = await Terminal.$current.withValue(terminal) {
            do {
                var command = try DXSkillsCommand.parseAsRoot(arguments)
                if var command = command as? any AsyncParsableCommand {
                    try await command.run()
                } else {
                    try command.run()
                }
                return 0
            } catch let exit as ExitCode {
                return exit.rawValue
            } catch {
                errors.append(Array(DXSkillsCommand.fullMessage(for: error).utf8))
                return DXSkillsCommand.exitCode(for: error).rawValue
            }
        }
        return Outcome(code: code, output: output.text, errors: errors.text)
    }

    /// The fixture with skills, a live service on a free port, and a token per role.
    func withService(_ body: @Sendable (String, [String: String]) async throws -> Void) async throws {
        try await withService { url, tokens, _ in try await body(url, tokens) }
    }

    /// The same, with the test's database.
    func withService(_ body: @Sendable (String, [String: String], TestDatabase) async throws -> Void) async throws {
        try await Self.withService(body)
    }

    /// A live service on the fixture `setup` makes (SkillFixture unless told), with a token per role:
    /// hr1, manager1 of B1 and staff1 linked to E003.
    static func withService(
        setup: @Sendable (TestDatabase) async throws -> Void = { try await SkillFixture.create($0.owner) },
        _ body: @Sendable (String, [String: String], TestDatabase) async throws -> Void
    ) async throws {
        try await withTestDatabase { db in
            try await setup(db)
            var tokens: [String: String] = [:]
            for (name, role, unit, employee) in [
                ("hr1", Role.hr, nil, nil), ("manager1", .manager, "B1", nil), ("staff1", .staff, nil, "E003"),
            ] as [(String, Role, String?, String?)] {
                tokens[name] = try await Fixture.userWithToken(
                    name, role: role, unit: unit, employeeNo: employee, tenant: Fixture.tenant, database: db.owner)
            }
            let issued = tokens
            let router = try buildRouter(database: db.app, registry: PrometheusCollectorRegistry())
            var logger = Logger(label: "cli-test")
            logger.logLevel = .error
            try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
                .test(.live) { client in
                    let port = try #require(client.port)
                    try await body("http://127.0.0.1:\(port)", issued, db)
                }
        }
    }

    @Test("login: a user name and password (read from standard input) give a saved personal token; a wrong one is 77")
    func passwordLogin() async throws {
        try await withService { url, _, db in
            try await Administration.addUser(
                tenant: Fixture.tenant, name: "hr2", role: .hr, unitCode: nil, employeeNo: nil,
                password: "hr2-long-password", database: db.owner)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("login-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("credentials.json").path
            let wrong = await Self.run(
                ["login", "--url", url, "--tenant", Fixture.tenant, "--user", "hr2"], url: url, token: nil,
                input: ["not-the-password"], credentials: file)
            #expect(wrong.code == 77)
            #expect(wrong.errors.contains("the user name or the password is wrong"))
            #expect(!FileManager.default.fileExists(atPath: file))
            // Asked for the name too, when it is not given.
            let good = await Self.run(
                ["login", "--url", url, "--tenant", Fixture.tenant], url: url, token: nil,
                input: ["hr2", "hr2-long-password"], credentials: file)
            #expect(good.code == 0, "\(good.errors)")
            #expect(good.output.contains("as hr2 (hr)"))
            let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: String]
            let token = try #require(saved?["token"])
            #expect(token.hasPrefix("dxs_\(Fixture.tenant)_"))
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let me = await Self.run(["headcount", "--format", "json"], url: url, token: token)
            #expect(me.code == 0, "\(me.errors)")
            // The pasted way still works.
            let pasted = await Self.run(
                ["login", "--url", url, "--token", "-"], url: url, token: nil, input: [token], credentials: file)
            #expect(pasted.code == 0 && pasted.output.contains("as hr2 (hr)"))
        }
    }

    @Test("admin: tenant sign-in settings, password-reset, user set and sessions end, on the database")
    func adminAccounts() async throws {
        try await withService { url, tokens, db in
            let base = try #require(ProcessInfo.processInfo.environment["DXSKILLS_TEST_DATABASE_URL"])
            let database = String(base[..<base.lastIndex(of: "/")!]) + "/" + db.name
            func admin(_ arguments: [String], input: [String] = []) async -> Outcome {
                await Self.run(["admin"] + arguments + ["--database-url", database], url: url, token: nil, input: input)
            }
            // A directory without its URL is refused with what to give; nothing changes.
            let missing = await admin(["tenant", "set", "--tenant", Fixture.tenant, "--sign-in", "local,ldap"])
            #expect(missing.code == 65)
            #expect(missing.errors.contains("--ldap-url"))
            #expect(try await SignInSettings.of(tenant: Fixture.tenant, database: db.owner).methods == [.local])
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admin-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let secret = folder.appendingPathComponent("bind.pw").path
            try "s3cret\n".write(toFile: secret, atomically: true, encoding: .utf8)
            let set = await admin([
                "tenant", "set", "--tenant", Fixture.tenant, "--sign-in", "local,ldap", "--ldap-url",
                "ldaps://dc01.example.lg.jp",
                "--ldap-base-dn", "DC=example,DC=lg,DC=jp", "--ldap-bind-password-file", secret,
                "--ldap-user-filter", "(sAMAccountName={user})", "--ldap-employee-attribute", "employeeID",
                "--session-idle-minutes", "20",
            ])
            #expect(set.code == 0, "\(set.errors)")
            let stored = try await SignInSettings.of(tenant: Fixture.tenant, database: db.owner)
            #expect(stored.methods == [.local, .ldap] && stored.ldapURL == "ldaps://dc01.example.lg.jp")
            #expect(stored.ldapEmployeeAttribute == "employeeID" && stored.sessionIdleMinutes == 20)
            #expect(stored.ldapBindPasswordFile == secret)
            // The secret itself is nowhere in the database.
            #expect(
                try await db.owner.count(
                    Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE after::text LIKE '%s3cret%'")
                    == 0)
            // A one-time password, printed once; then the user is disabled and its token stops working.
            let reset = await admin(["user", "password-reset", "--tenant", Fixture.tenant, "--name", "hr1"])
            #expect(reset.code == 0 && reset.output.trimmingCharacters(in: .newlines).count == 16)
            let ended = await admin(["user", "sessions", "end", "--tenant", Fixture.tenant, "--name", "hr1"])
            #expect(ended.code == 0 && ended.output.contains("ended 0 session(s)"))
            let disabled = await admin(["user", "set", "--tenant", Fixture.tenant, "--name", "hr1", "--status", "disabled"])
            #expect(disabled.code == 0)
            #expect(await Self.run(["headcount"], url: url, token: tokens["hr1"]).code == 77)
            let restricted = await admin(["user", "set", "--tenant", Fixture.tenant, "--name", "manager1", "--sign-in", "ldap"])
            #expect(restricted.code == 0, "\(restricted.errors)")
            #expect(
                try await db.owner.strings(
                    Fixture.context(), "SELECT array_to_string(sign_in, ',') FROM users WHERE name = 'manager1'")
                    == ["ldap"])
            let unknown = await admin(["user", "set", "--tenant", Fixture.tenant, "--name", "ghost", "--email", "a@b.jp"])
            #expect(unknown.code == 66)
            // A user added with a password and an address, without a role: staff of its record.
            let added = await admin(
                [
                    "user", "add", "--tenant", Fixture.tenant, "--name", "E002", "--employee-no", "E002", "--email",
                    "e2@example.lg.jp",
                    "--password-stdin",
                ], input: ["e002-password-x"])
            #expect(added.code == 0, "\(added.errors)")
            let short = await admin(
                ["user", "add", "--tenant", Fixture.tenant, "--name", "x1", "--role", "hr", "--password-stdin"], input: ["short"])
            #expect(short.code == 65 && short.errors.contains("12"))
        }
    }

    @Test("headcount --format json: each unit valid on the day with the counted staff of its subtree")
    func headcount() async throws {
        try await withService { url, tokens in
            let hr = await Self.run(["headcount", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["hr1"])
            #expect(hr.code == 0, "\(hr.errors)")
            let lines = try #require(try hr.json() as? [[String: Any]])
            // E004 (会計年度任用) is not counted, E005 retired on 2025-03-31, S4 ended in 2024.
            #expect(lines.map { $0["unit_code"] as? String } == ["K1", "B1", "S1", "S2", "K2", "S3"])
            #expect(lines.map { $0["headcount"] as? Int } == [4, 4, 1, 2, 1, 1])
            #expect(lines.allSatisfy { Set($0.keys) == ["unit_code", "headcount"] })

            let manager = await Self.run(
                ["headcount", "--as-of", "2025-06-01", "--format", "json"], url: url, token: tokens["manager1"])
            let scoped = try #require(try manager.json() as? [[String: Any]])
            #expect(scoped.map { $0["unit_code"] as? String } == ["B1", "S1", "S2"])
        }
    }

    @Test("coverage --format json keeps six decimals, and null at headcount 0")
    func coverage() async throws {
        try await withService { url, tokens in
            let result = await Self.run(
                ["coverage", "--unit", "B1", "--skill", "L-DATA", "--level", "1", "--as-of", "2025-06-01", "--format", "json"],
                url: url, token: tokens["hr1"])
            #expect(result.code == 0, "\(result.errors)")
            // E001 and E007 took DX-101, E003 passed DS-201; E002 failed its pass score.
            #expect(result.output.contains(#""unit_code": "B1""#))
            let lines = try #require(try result.json() as? [[String: Any]])
            #expect(lines.map { $0["unit_code"] as? String } == ["B1", "S1", "S2"])
            #expect(lines.map { $0["count"] as? Int } == [3, 1, 1])
            #expect(lines.map { $0["headcount"] as? Int } == [4, 1, 2])
            #expect(result.output.contains(#""ratio": 0.750000"#))
            #expect(result.output.contains(#""ratio": 0.500000"#))

            // On 2025-04-15 市民局 has nobody counted: E005 retired on 2025-03-31, E006 starts on 2025-05-01.
            let empty = await Self.run(
                ["coverage", "--unit", "K2", "--skill", "L-DATA", "--as-of", "2025-04-15", "--format", "json"],
                url: url, token: tokens["hr1"])
            let none = try #require(try empty.json() as? [[String: Any]])
            #expect(none.map { $0["headcount"] as? Int } == [0, 0])
            #expect(none.allSatisfy { $0["ratio"] is NSNull })
            #expect(empty.output.contains(#""ratio": null"#))
        }
    }

    @Test("exit codes: 64 usage, 65 invalid input, 66 out of scope, 69 unreachable, 77 no token or no right")
    func exitCodes() async throws {
        try await withService { url, tokens in
            let usage = await Self.run(["coverage", "--level", "5"], url: url, token: tokens["hr1"])
            #expect(usage.code == 64)
            let kind = await Self.run(["import", "nonsense", "/dev/null"], url: url, token: tokens["hr1"])
            #expect(kind.code == 64)
            #expect(kind.errors.contains("nonsense"))

            let file = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data("employee_no,course_code,completed_on\nE001,NOPE,2025-05-01\nE999,DX-101,2025-13-01\n".utf8).write(to: file)
            let invalid = await Self.run(["import", "training", file.path], url: url, token: tokens["hr1"])
            #expect(invalid.code == 65)
            #expect(invalid.errors.contains("\(file.path):2: error: course_code"))
            #expect(invalid.errors.contains("\(file.path):3: error:"))

            // In Japanese (LANG=ja_JP.UTF-8): the summary, and each problem with its line, the column's
            // number and header as the file writes it, the value, and the reason.
            try Data(
                "職員番号,研修コード,修了日\nE001,NOPE,2025-05-01\nE999,DX-101,2025-13-01\nE0@1,DX-101,2025-05-01\n".utf8
            ).write(to: file)
            let japanese = await Self.run(["import", "training", file.path], url: url, token: tokens["hr1"], lang: "ja_JP.UTF-8")
            #expect(japanese.code == 65)
            let lines = japanese.errors.split(separator: "\n").map(String.init)
            #expect(lines.first == "dxskills: error: 入力に 4 件の問題があります。何も書き込んでいません", "\(lines)")
            #expect(
                lines.dropFirst() == [
                    "\(file.path): 2行目 2列(研修コード) 「NOPE」: 登録されていない研修コードです",
                    "\(file.path): 3行目 3列(修了日) 「2025-13-01」: 日付として読めません。2025-04-01、2025/4/1、R7.4.1、令和7年4月1日 のように書いてください",
                    "\(file.path): 3行目 1列(職員番号) 「E999」: 登録されていない職員番号です",
                    "\(file.path): 4行目 1列(職員番号) 「E0@1」: コードに使えるのは半角英字 A–Z a–z、数字 0–9、_ と - だけです。U+0040 COMMERCIAL AT は使えない文字です",
                ], "\(lines)")
            let english = await Self.run(["import", "training", file.path], url: url, token: tokens["hr1"], lang: "en_US.UTF-8")
            #expect(english.errors.contains("\(file.path):2: error: course_code \"NOPE\": unknown course"), "\(english.errors)")
            // A stray byte: the problem in Japanese, and the hint found by the problem's key, not its words.
            try Data(Array("employee_no,course_code,completed_on\nE001,DX-101,2025-05-01\n".utf8) + [0xC3] + Array("(\n".utf8))
                .write(to: file)
            let stray = await Self.run(["import", "training", file.path], url: url, token: tokens["hr1"], lang: "ja_JP.UTF-8")
            #expect(stray.code == 65)
            #expect(stray.errors.contains("\(file.path): 3行目: この行の 1 バイト目(0xC3)が UTF-8 として正しくありません"), "\(stray.errors)")
            #expect(stray.errors.contains("dxskills: hint: --encoding sjis"), "\(stray.errors)")

            let outOfScope = await Self.run(["staff", "show", "E006", "--format", "json"], url: url, token: tokens["manager1"])
            #expect(outOfScope.code == 66)
            #expect(outOfScope.output.isEmpty)

            let noRight = await Self.run(["rankings", "--fiscal-year", "2025"], url: url, token: tokens["manager1"])
            #expect(noRight.code == 77)
            let noToken = await Self.run(["headcount"], url: url, token: nil)
            #expect(noToken.code == 77)
            let badToken = await Self.run(["headcount"], url: url, token: "dxs_999991_nope_nope")
            #expect(badToken.code == 77)

            let unreachable = await Self.run(["headcount"], url: "http://127.0.0.1:9", token: tokens["hr1"])
            #expect(unreachable.code == 69)
        }
    }

    @Test("import --format json: the summary, and the same file again changes nothing")
    func importSummary() async throws {
        try await withService { url, tokens in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data("employee_no,course_code,completed_on\nE001,DS-201,2025-05-01\nE006,DX-101,2025-05-20\n".utf8).write(
                to: file)
            let first = await Self.run(["import", "training", file.path, "--format", "json"], url: url, token: tokens["hr1"])
            #expect(first.code == 0, "\(first.errors)")
            let summary = try #require(try first.json() as? [String: Any])
            #expect(summary["kind"] as? String == "training")
            #expect(summary["rows"] as? Int == 2)
            #expect(summary["inserted"] as? Int == 2)
            #expect(summary["dry_run"] as? Bool == false)
            let again = await Self.run(["import", "training", file.path, "--format", "json"], url: url, token: tokens["hr1"])
            let repeated = try #require(try again.json() as? [String: Any])
            #expect(repeated["inserted"] as? Int == 0)
            #expect(repeated["unchanged"] as? Int == 2)
        }
    }
}
