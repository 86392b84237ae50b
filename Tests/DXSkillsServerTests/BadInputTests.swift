import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import DXSkillsServer

/// The bad-input corpus (`Tests/Fixtures/bad-csv/`, described in its manifest.json): every file is
/// refused through the API with 422 and a problem naming the line (and the column where one is
/// to blame), nothing is written, and the service never answers 5xx.
@Suite("Bad input corpus")
struct BadInputTests {
    struct Entry: Decodable {
        let file: String
        let kind: String
        let line: Int
        let column: String?
        let what: String
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bad-csv")

    static func entries() throws -> [Entry] {
        try JSONDecoder().decode([Entry].self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
    }

    static func bytes(_ entry: Entry) throws -> [UInt8] {
        if entry.file == "GENERATED:huge_field" {
            // 10 MB in one field: too large to commit, so written here.
            let header = "code,name,kind,parent_code,valid_from,valid_to,it_department\n"
            return Array((header + "X1," + String(repeating: "あ", count: 3_500_000) + ",課,,2025-04-01,,false\n").utf8)
        }
        return Array(try Data(contentsOf: folder.appendingPathComponent(entry.file)))
    }

    /// Every row of every tenant table, as the owner sees them.
    static func rowCount(_ db: TestDatabase) async throws -> Int {
        try await db.owner.count(
            Fixture.context(),
            """
            SELECT ((SELECT count(*) FROM units) + (SELECT count(*) FROM staff) + (SELECT count(*) FROM assignments)
              + (SELECT count(*) FROM training_records) + (SELECT count(*) FROM assessments)
              + (SELECT count(*) FROM cert_holdings) + (SELECT count(*) FROM audit_log))::int
            """)
    }

    @Test("the corpus has at least 30 files, and every file is in the manifest")
    func corpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".csv") }
        let listed = Set(try Self.entries().map(\.file))
        #expect(files.count >= 30)
        #expect(Set(files).isSubset(of: listed), "files missing from manifest.json: \(Set(files).subtracting(listed))")
    }

    @Test("each bad file: 422 with its line and column, nothing written, never 5xx")
    func everyFileRefused() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let token = try await Fixture.userWithToken("hr1", role: .hr, database: db.owner)
            let before = try await Self.rowCount(db)
            let router = try buildRouter(
                database: db.app, registry: PrometheusCollectorRegistry(), maxUploadBytes: 64 * 1_048_576)
            var logger = Logger(label: "bad-input")
            logger.logLevel = .critical
            try await Application(router: router, logger: logger).test(.router) { client in
                for entry in try Self.entries() {
                    let body = try Self.bytes(entry)
                    try await client.execute(
                        uri: "/api/v1/imports/\(entry.kind)", method: .post,
                        headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(bytes: body)
                    ) { response in
                        #expect(response.status == .unprocessableContent, "\(entry.file) (\(entry.what)): \(response.status)")
                        let problem =
                            try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                        let errors = problem?["errors"] as? [[String: Any]] ?? []
                        let first = errors.first
                        #expect(
                            first?["line"] as? Int == entry.line,
                            "\(entry.file) (\(entry.what)): expected line \(entry.line), got \(errors.prefix(3))")
                        if let column = entry.column {
                            #expect(
                                errors.contains { $0["column"] as? String == column },
                                "\(entry.file) (\(entry.what)): expected column \(column), got \(errors.prefix(3))")
                        }
                        #expect(errors.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })
                    }
                }
            }
            #expect(try await Self.rowCount(db) == before)
        }
    }
}
