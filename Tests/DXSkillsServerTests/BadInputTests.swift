import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import DXSkillsServer

/// The bad-input corpus (`Tests/Fixtures/bad-csv/<kind>/NN_what.csv`, each with the problems it
/// must raise in `NN_what.expected`): through the API every file is 422 with exactly those
/// problems (line, column, value, reason, in order), and no table of the tenant changes. The CLI
/// faces the same files in `BadInputCLITests`.
@Suite("Bad input corpus", .serialized)
struct BadInputTests {
    /// The problems of a 422 answer, and how many it leaves unlisted.
    static func problems(_ body: ByteBuffer) throws -> (errors: [CSVIssue], more: Int?) {
        struct Problem: Decodable {
            let errors: [CSVIssue]?
            let more: Int?
        }
        let problem = try JSONDecoder().decode(Problem.self, from: Data(body.readableBytesView))
        return (problem.errors ?? [], problem.more)
    }

    func withCorpusApp(
        maxUploadBytes: Int = 64 * 1_048_576,
        _ body: @Sendable (TestDatabase, String, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withTestDatabase { db in
            try await BadInputCorpus.create(db.owner)
            let token = try await Fixture.userWithToken("hr1", role: .hr, database: db.owner)
            let router = try buildRouter(
                database: db.app, registry: PrometheusCollectorRegistry(), maxUploadBytes: maxUploadBytes)
            var logger = Logger(label: "bad-input")
            logger.logLevel = .critical
            try await Application(router: router, logger: logger).test(.router) { client in
                try await body(db, token, client)
            }
        }
    }

    @Test("the corpus: a folder for every import kind and transfers, each file with its .expected, each listing problems")
    func corpus() throws {
        let cases = try BadInputCorpus.cases()
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: BadInputCorpus.folder.path))
        #expect(folders == Set(BadInputCorpus.kinds), "folders: \(folders.sorted())")
        for kind in BadInputCorpus.kinds {
            #expect(cases.filter { $0.kind == kind }.count >= 2, "\(kind) has fewer than 2 bad files")
        }
        #expect(cases.count >= 60)
        for kind in folders {
            let files = try FileManager.default.contentsOfDirectory(
                atPath: BadInputCorpus.folder.appendingPathComponent(kind).path)
            let stems = { (suffix: String) in Set(files.filter { $0.hasSuffix(suffix) }.map { $0.dropLast(suffix.count) }) }
            #expect(stems(".csv") == stems(".expected"), "\(kind): a .csv without its .expected or the reverse")
            #expect(files.allSatisfy { $0.hasSuffix(".csv") || $0.hasSuffix(".expected") }, "\(kind): \(files)")
        }
        for item in cases {
            #expect(!item.expected.errors.isEmpty, "\(item) lists no problem")
            #expect(item.expected.errors.allSatisfy { !$0.reason.isEmpty }, "\(item)")
        }
    }

    @Test("each bad file through the API: 422 with exactly its problems, and no table changes")
    func everyFileRefused() async throws {
        try await withCorpusApp { db, token, client in
            for item in try BadInputCorpus.cases() {
                let before = try await BadInputCorpus.tableCounts(db.owner)
                try await client.execute(
                    uri: item.uri, method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(bytes: item.bytes)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(item): \(response.status)")
                    let (errors, more) = try Self.problems(response.body)
                    #expect(errors == item.expected.errors, "\(item): got \(Self.json(errors))")
                    #expect(more == item.expected.more, "\(item): more \(String(describing: more))")
                }
                let after = try await BadInputCorpus.tableCounts(db.owner)
                #expect(after == before, "\(item) wrote: \(after.filter { before[$0.key] != $0.value })")
            }
        }
    }

    @Test("a bad document and an unknown unit: the detail in the caller's language, every problem named")
    func documentsInEitherLanguage() async throws {
        try await withCorpusApp { _, token, client in
            let bad = #"{"fiscal_year": 2025, "items": [{"code": "", "type": "bonus", "weight": -1}]}"#
            let answers: [(language: String, says: [String], never: String)] = [
                ("ja", ["items[0].code: 必須です", "items[0].weight: 0 より大きい数を指定してください", "種類 bonus はありません"], "required"),
                ("en", ["items[0].code: required", "items[0].weight: must be a number > 0", "unknown type bonus"], "必須"),
            ]
            for answer in answers {
                try await client.execute(
                    uri: "/api/v1/criteria", method: .put,
                    headers: [
                        .authorization: "Bearer \(token)", .contentType: "application/json", .acceptLanguage: answer.language,
                    ],
                    body: ByteBuffer(string: bad)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let detail = try Self.detail(response.body)
                    for text in answer.says { #expect(detail.contains(text), "\(answer.language): \(detail)") }
                    #expect(!detail.contains(answer.never), "\(answer.language): \(detail)")
                }
                try await client.execute(
                    uri: "/api/v1/headcount?unit=NOPE", method: .get,
                    headers: [.authorization: "Bearer \(token)", .acceptLanguage: answer.language]
                ) { response in
                    #expect(response.status == .notFound)
                    let detail = try Self.detail(response.body)
                    #expect(detail == (answer.language == "ja" ? "見つかりません: 所属 NOPE" : "not found: unit NOPE"))
                }
            }
        }
    }

    static func detail(_ body: ByteBuffer) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return try #require(object?["detail"] as? String)
    }

    @Test("each bad file with Accept-Language ja: the same problems at the same places, every reason in Japanese")
    func everyFileInJapanese() async throws {
        try await withCorpusApp { _, token, client in
            var located = 0
            for item in try BadInputCorpus.cases() {
                try await client.execute(
                    uri: item.uri, method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "text/csv", .acceptLanguage: "ja, en;q=0.5"],
                    body: ByteBuffer(bytes: item.bytes)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(item): \(response.status)")
                    #expect(response.headers[.contentLanguage] == "ja", "\(item)")
                    let body = try #require(
                        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                    let detail = try #require(body["detail"] as? String)
                    #expect(detail.contains("何も書き込んでいません"), "\(item): \(detail)")
                    let (errors, _) = try Self.problems(response.body)
                    #expect(
                        errors.map { [$0.line.description, $0.column ?? "-", $0.value ?? "-"] }
                            == item.expected.errors.map { [$0.line.description, $0.column ?? "-", $0.value ?? "-"] }, "\(item)")
                    for (japanese, english) in zip(errors, item.expected.errors) {
                        #expect(japanese.reason != english.reason, "\(item): \(japanese.reason)")
                        #expect(japanese.reason.unicodeScalars.contains { $0.value >= 0x3000 }, "\(item): \(japanese.reason)")
                    }
                    // Where a problem has a column of the file, it names the column's number and header.
                    let header = String(decoding: item.bytes.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
                        .split(separator: ",", omittingEmptySubsequences: false).map {
                            $0.trimmingCharacters(in: .whitespaces.union(["\u{FEFF}"]))
                        }
                    for issue in errors {
                        guard let number = issue.columnNumber else { continue }
                        located += 1
                        #expect(header.indices.contains(number - 1), "\(item): column \(number)")
                        if item.expected.encoding == nil, header.indices.contains(number - 1) {
                            #expect(issue.columnTitle == header[number - 1], "\(item): \(number) \(issue.columnTitle ?? "")")
                        }
                    }
                }
            }
            #expect(located > 40, "only \(located) problems were located at a column")
        }
    }

    static func json(_ errors: [CSVIssue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(errors)) ?? Data(), as: UTF8.self)
    }

    /// Files too large to commit, written here.
    @Test("generated: a 10 MB field, 10⁵ errors (capped, saying how many more), a 100,000-column header, nothing written")
    func generated() async throws {
        try await withCorpusApp { db, token, client in
            let header = "employee_no,course_code,completed_on,status,score,hours\n"
            var manyErrors = header
            for index in 0..<100_000 { manyErrors += "E001,DX-101,2025-04-\(index % 28 + 1),completed,101,\n" }
            let wideHeader = (0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\nE001\n"
            let unitHeader = "code,name,kind,parent_code,valid_from,valid_to,it_department\n"
            let hugeField = unitHeader + "X1," + String(repeating: "あ", count: 3_500_000) + ",課,,2025-04-01,,false\n"
            let before = try await BadInputCorpus.tableCounts(db.owner)
            for (kind, text) in [("training", manyErrors), ("training", wideHeader), ("units", hugeField)] {
                try await client.execute(
                    uri: "/api/v1/imports/\(kind)", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: text)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(kind) \(text.prefix(40))")
                    let (errors, more) = try Self.problems(response.body)
                    switch text {
                    case manyErrors:
                        // The first 200 listed, line by line; the rest counted.
                        #expect(errors.count == 200)
                        #expect(errors.map(\.line) == Array(2...201))
                        #expect(errors.allSatisfy { $0.column == "score" && $0.value == "101" })
                        #expect(more == 100_000 - 200, "more: \(String(describing: more))")
                    case wideHeader:
                        // Every unknown column named on line 1, and the three required ones missing: the
                        // list capped like any other.
                        #expect(errors.count == 200 && errors.allSatisfy { $0.line == 1 })
                        #expect(errors.first?.column == "c0")
                        #expect(more == 100_003 - 200, "more: \(String(describing: more))")
                    default:
                        #expect(errors.first?.line == 2 && errors.count == 1, "\(Self.json(errors))")
                    }
                }
            }
            #expect(try await BadInputCorpus.tableCounts(db.owner) == before)
        }
    }

    @Test("an upload over the size limit is 413 and writes nothing")
    func overTheLimit() async throws {
        try await withCorpusApp(maxUploadBytes: 1_048_576) { db, token, client in
            let before = try await BadInputCorpus.tableCounts(db.owner)
            var text = "employee_no,course_code,completed_on,status,score,hours\n"
            while text.utf8.count <= 1_100_000 { text += "E001,DX-101,2025-04-01,completed,,\n" }
            try await client.execute(
                uri: "/api/v1/imports/training", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: text)
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
            #expect(try await BadInputCorpus.tableCounts(db.owner) == before)
        }
    }
}
