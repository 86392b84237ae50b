import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZIPFoundation

@testable import DXSkillsServer

/// Reports as Excel workbooks from the API (`?format=xlsx`, `Accept`) and from the dashboard's
/// download buttons (reference §10.1), on RankingFixture: the same sheet as the CLI's `--format xlsx`.
@Suite("Excel downloads")
struct SheetAPITests {
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The parts of a workbook by path; fails unless the bytes are a ZIP package.
    static func parts(_ bytes: [UInt8]) throws -> [String: String] {
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a ZIP package starts with PK\\3\\4")
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return parts
    }

    /// The workbook's sheet: its rows (header included) and its text, and the workbook's title.
    struct Workbook {
        let rows: Int
        let sheet: String
        let title: String

        init(_ bytes: [UInt8]) throws {
            let parts = try SheetAPITests.parts(bytes)
            #expect(parts["[Content_Types].xml"]?.contains("spreadsheetml.sheet.main+xml") == true)
            sheet = try #require(parts["xl/worksheets/sheet1.xml"])
            rows = sheet.components(separatedBy: "<row ").count - 1
            let core = parts["docProps/core.xml"] ?? ""
            let start = core.range(of: "<dc:title>")?.upperBound
            let end = core.range(of: "</dc:title>")?.lowerBound
            title = start.flatMap { start in end.map { String(core[start..<$0]) } } ?? ""
        }
    }

    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
    }

    @Test("?format=xlsx answers each report as a workbook of the JSON's rows, typed, titled and named for download")
    func reports() async throws {
        try await withTestDatabase { db in
            let tokens = try await EvaluationAPITests().setUp(db)
            try await withTestApp(db) { client in
                let auth = EvaluationAPITests.bearer(tokens["hr1"])
                // Path and query, the file's name and the workbook's title.
                let reports: [(String, String, String)] = [
                    (
                        "/api/v1/coverage?as_of=2025-06-01&kind=課", "coverage_999991_2025-06-01.xlsx",
                        "スキル充足 — 999991 — 2025-06-01"
                    ),
                    ("/api/v1/leaders?as_of=2025-06-01", "leaders_999991_2025-06-01.xlsx", "DX推進リーダー — 999991 — 2025-06-01"),
                    ("/api/v1/staff?as_of=2025-06-01", "staff_999991_2025-06-01.xlsx", "職員一覧 — 999991 — 2025-06-01"),
                    ("/api/v1/headcount?as_of=2025-06-01", "headcount_999991_2025-06-01.xlsx", "職員数 — 999991 — 2025-06-01"),
                    ("/api/v1/roles?as_of=2025-06-01", "roles_999991_2025-06-01.xlsx", "権限 — 999991 — 2025-06-01"),
                    (
                        "/api/v1/rankings?fiscal_year=2025&as_of=2026-03-31", "rankings_999991_2026-03-31.xlsx",
                        "評価順位 — 999991 — 2026-03-31"
                    ),
                    ("/api/v1/plans?as_of=2025-06-01", "plans_999991_2025-06-01.xlsx", "キャリアプラン — 999991 — 2025-06-01"),
                ]
                for (uri, name, title) in reports {
                    let lines = try await client.execute(uri: uri, method: .get, headers: auth) { response in
                        #expect(response.status == .ok, "\(uri)")
                        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(uri)")
                        #expect(response.headers[.contentDisposition] == nil, "\(uri)")
                        let body = try Self.json(response)
                        return ((body as? [String: Any])?["lines"] as? [Any] ?? body as? [Any])?.count
                    }
                    try await client.execute(uri: uri + "&format=xlsx", method: .get, headers: auth) { response in
                        #expect(response.status == .ok, "\(uri)")
                        #expect(response.headers[.contentType] == Self.xlsx, "\(uri)")
                        #expect(
                            response.headers[.contentDisposition]
                                == "attachment; filename=\"\(name)\"; filename*=UTF-8''\(name)", "\(uri)")
                        let workbook = try Workbook(Array(response.body.readableBytesView))
                        #expect(workbook.rows == (lines ?? -1) + 1, "\(uri): a header row and one row per line")
                        #expect(workbook.title == title, "\(uri)")
                    }
                }
                // The values and their types: codes as text, counts as numbers (E002 of S2 is in the staff list).
                try await client.execute(
                    uri: "/api/v1/staff?as_of=2025-06-01&format=xlsx&lang=en", method: .get, headers: auth
                ) { response in
                    let workbook = try Workbook(Array(response.body.readableBytesView))
                    #expect(workbook.sheet.contains("<t>E002</t>") && workbook.sheet.contains("<t>山﨑　花子</t>"))
                    #expect(workbook.sheet.contains("<t>employee no</t>"))
                    #expect(workbook.title == "Staff — 999991 — 2025-06-01")
                }
                try await client.execute(
                    uri: "/api/v1/headcount?as_of=2025-06-01&format=xlsx", method: .get, headers: auth
                ) { response in
                    let workbook = try Workbook(Array(response.body.readableBytesView))
                    #expect(workbook.sheet.contains(#"t="inlineStr""#) && workbook.sheet.contains("<v>4</v>"))
                }
            }
        }
    }

    @Test("Accept chooses XLSX without format; format wins over Accept; a format outside the enum is 400")
    func negotiation() async throws {
        try await withTestDatabase { db in
            let tokens = try await EvaluationAPITests().setUp(db)
            try await withTestApp(db) { client in
                var auth = EvaluationAPITests.bearer(tokens["hr1"])
                let cases: [(String, String?, String)] = [
                    ("/api/v1/leaders", Self.xlsx, Self.xlsx),
                    ("/api/v1/leaders", "application/json;q=0.5, \(Self.xlsx)", Self.xlsx),
                    ("/api/v1/leaders", "application/json, \(Self.xlsx)", "application/json"),
                    ("/api/v1/leaders", "*/*", "application/json"),
                    ("/api/v1/leaders", nil, "application/json"),
                    ("/api/v1/leaders?format=xlsx", "application/json", Self.xlsx),
                    ("/api/v1/leaders?format=json", Self.xlsx, "application/json"),
                ]
                for (uri, accept, type) in cases {
                    auth[.accept] = accept
                    try await client.execute(uri: uri, method: .get, headers: auth) { response in
                        #expect(response.status == .ok, "\(uri) \(accept ?? "-")")
                        #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(uri) \(accept ?? "-")")
                    }
                }
                // An operation without the parameter ignores it, as any parameter it does not declare.
                auth[.accept] = nil
                try await client.execute(
                    uri: "/api/v1/rankings/export?fiscal_year=2025&format=xlsx", method: .get, headers: auth
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                }
                for uri in ["/api/v1/leaders?format=pdf", "/api/v1/leaders?format=xlsx&date_style=meiji"] {
                    try await client.execute(uri: uri, method: .get, headers: auth) { response in
                        #expect(response.status == .badRequest, "\(uri)")
                        #expect(response.headers[.contentType] == "application/problem+json", "\(uri)")
                    }
                }
            }
        }
    }

    @Test("out of scope is 404 and a role without the report 403, as for JSON; nothing of the data leaks")
    func scope() async throws {
        try await withTestDatabase { db in
            let tokens = try await EvaluationAPITests().setUp(db)
            try await withTestApp(db) { client in
                let cases: [(String, String, HTTPResponse.Status)] = [
                    ("manager1", "/api/v1/coverage?unit=K2", .notFound),
                    ("manager1", "/api/v1/staff?unit=S3", .notFound),
                    ("evaluator1", "/api/v1/rankings?fiscal_year=2025&unit=S1", .notFound),
                    ("manager1", "/api/v1/rankings?fiscal_year=2025", .forbidden),
                    ("staff1", "/api/v1/staff?as_of=2025-06-01", .forbidden),
                    ("staff1", "/api/v1/coverage?as_of=2025-06-01", .forbidden),
                    ("manager1", "/api/v1/roles", .forbidden),
                ]
                for (user, uri, status) in cases {
                    for format in ["json", "xlsx"] {
                        let separator = uri.contains("?") ? "&" : "?"
                        try await client.execute(
                            uri: uri + separator + "format=\(format)", method: .get,
                            headers: EvaluationAPITests.bearer(tokens[user])
                        ) { response in
                            #expect(response.status == status, "\(user) \(uri) \(format)")
                            #expect(response.headers[.contentType] == "application/problem+json", "\(user) \(uri) \(format)")
                            #expect(response.headers[.contentDisposition] == nil)
                            #expect(!String(buffer: response.body).contains("市民課"))
                        }
                    }
                }
            }
        }
    }

    @Test("an Excel ranking is audited as an export, like the CSV: one read row with format xlsx")
    func rankingAudit() async throws {
        try await withTestDatabase { db in
            let tokens = try await EvaluationAPITests().setUp(db)
            try await withTestApp(db) { client in
                for uri in [
                    "/api/v1/rankings?fiscal_year=2025&as_of=2026-03-31&format=xlsx",
                    "/api/v1/rankings/export?fiscal_year=2025&as_of=2026-03-31",
                ] {
                    try await client.execute(uri: uri, method: .get, headers: EvaluationAPITests.bearer(tokens["hr1"])) {
                        #expect($0.status == .ok, "\(uri)")
                    }
                }
            }
            let rows = try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.query(
                    """
                    SELECT action || ' ' || (after->>'format') || ' ' || (after->>'rows') FROM audit_log
                    WHERE entity = 'rankings' AND actor = 'hr1' ORDER BY at
                    """, logger: db.owner.logger
                ).decode(String.self).collect()
            }
            #expect(rows == ["read xlsx 5", "read csv utf8-bom 5"])
        }
    }

    @Test("each dashboard report page links to its Excel file with the page's query; the link answers the workbook")
    func dashboardButtons() async throws {
        try await withTestDatabase { db in
            let tokens = try await EvaluationAPITests().setUp(db)
            let targets = try JSONDecoder().decode(
                TargetDocument.self,
                from: Data(#"{"fiscal_year": 2025, "targets": [{"type": "leaders_per_unit", "unit_kind": "課", "min": 1}]}"#.utf8))
            try await db.owner.transaction(Fixture.context()) { connection in
                try await Targets.set(targets, connection: connection, context: Fixture.context(), logger: db.owner.logger)
            }
            try await withTestApp(db) { client in
                let token = try #require(tokens["hr1"])
                let browser = try #require(try await WebDashboardTests().signIn(client, token: token))
                let pages: [(String, String, Int?)] = [
                    ("/coverage?as_of=2025-06-01&level=2", "coverage_999991_2025-06-01.xlsx", nil),
                    ("/leaders?as_of=2025-06-01", "leaders_999991_2025-06-01.xlsx", nil),
                    ("/targets?as_of=2025-06-01&fiscal_year=2025", "targets_999991_2025-06-01.xlsx", nil),
                    ("/rankings?fiscal_year=2025&as_of=2026-03-31", "rankings_999991_2026-03-31.xlsx", 6),
                    ("/plans?as_of=2025-06-01", "plans_999991_2025-06-01.xlsx", nil),
                ]
                for (page, name, rows) in pages {
                    let html = try await client.execute(uri: page, method: .get, headers: browser.cookie) { response in
                        #expect(response.status == .ok, "\(page)")
                        return String(buffer: response.body)
                    }
                    let pattern = #"<a href="([^"]+)" id="download-xlsx""#
                    let match = try #require(html.range(of: pattern, options: .regularExpression), "\(page) has the button")
                    #expect(html.contains("Excelで保存"))
                    let href = String(html[match].dropFirst(#"<a href=""#.count).prefix { $0 != "\"" })
                        .replacingOccurrences(of: "&amp;", with: "&")
                    let path = String(page.prefix { $0 != "?" })
                    #expect(href.hasPrefix(path + "?") && href.hasSuffix("&format=xlsx"), "\(href)")
                    #expect(href.contains("as_of=2025-06-01") || href.contains("as_of=2026-03-31"), "\(href)")
                    try await client.execute(uri: href, method: .get, headers: browser.cookie) { response in
                        #expect(response.status == .ok, "\(href)")
                        #expect(response.headers[.contentType] == Self.xlsx, "\(href)")
                        #expect(response.headers[.contentDisposition]?.contains("filename*=UTF-8''\(name)") == true, "\(href)")
                        let workbook = try Workbook(Array(response.body.readableBytesView))
                        #expect(workbook.title.contains("999991"))
                        if let rows { #expect(workbook.rows == rows, "\(href)") }
                        #expect(workbook.rows > 1, "\(href) has rows")
                    }
                }
                // 異動影響プレビュー sends its form again to /transfers?format=xlsx: the impact's changes as the API's.
                try await client.execute(uri: "/transfers", method: .get, headers: browser.cookie) { response in
                    #expect(String(buffer: response.body).contains(#"formaction="/transfers?format=xlsx" id="download-xlsx""#))
                }
                let moves = Array("employee_no,unit_code,effective_on\nE002,S3,2025-10-01\nE003,S3,2025-10-01\n".utf8)
                var api = EvaluationAPITests.bearer(token)
                api[.contentType] = "text/csv"
                let changes = try await client.execute(
                    uri: "/api/v1/transfers/impact?fiscal_year=2025", method: .post, headers: api, body: ByteBuffer(bytes: moves)
                ) { response in
                    #expect(response.status == .ok)
                    return ((try Self.json(response) as? [String: Any])?["changes"] as? [Any])?.count
                }
                #expect((changes ?? 0) > 0, "the moves change a target")
                try await client.execute(
                    uri: "/transfers?format=xlsx", method: .post, headers: WebClaimsTests.headers(browser),
                    body: WebClaimsTests.multipart(
                        [("_csrf", browser.csrf), ("fiscal_year", "2025")], files: [("file", "moves.csv", moves)])
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == Self.xlsx)
                    #expect(
                        response.headers[.contentDisposition]?.contains(
                            "filename*=UTF-8''transfers-impact_999991_2025-10-01.xlsx")
                            == true)
                    let workbook = try Workbook(Array(response.body.readableBytesView))
                    #expect(workbook.rows == (changes ?? -1) + 1)
                    #expect(workbook.title == "異動影響 — 999991 — 2025-10-01")
                }
            }
            // The dashboard's Excel ranking is audited as an export too.
            let formats = try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.query(
                    "SELECT after->>'format' FROM audit_log WHERE entity = 'rankings' ORDER BY at", logger: db.owner.logger
                ).decode(String.self).collect()
            }
            #expect(formats == ["web", "xlsx"])
        }
    }
}
