import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import DXSkillsCLI
@testable import DXSkillsServer

/// The bad-input corpus through the CLI against a live service: every file ends with exit code 65
/// and prints exactly the problems of its `.expected`, one `FILE:LINE: error:` line each, and no
/// table of the tenant changes.
@Suite("Bad input corpus, CLI", .serialized)
struct BadInputCLITests {
    @Test("each bad file through `import KIND FILE` (or `transfers apply`): exit 65, its problems, nothing written")
    func everyFileRefused() async throws {
        try await withTestDatabase { db in
            try await BadInputCorpus.create(db.owner)
            let token = try await Fixture.userWithToken("hr1", role: .hr, database: db.owner)
            let router = try buildRouter(database: db.app, registry: PrometheusCollectorRegistry())
            var logger = Logger(label: "bad-input-cli")
            logger.logLevel = .critical
            try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
                .test(.live) { client in
                    let url = "http://127.0.0.1:\(try #require(client.port))"
                    for item in try BadInputCorpus.cases() {
                        let before = try await BadInputCorpus.tableCounts(db.owner)
                        let outcome = await CLITests.run(item.arguments, url: url, token: token)
                        #expect(outcome.code == 65, "\(item): \(outcome.code) \(outcome.errors)")
                        let printed = outcome.errors.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                            .filter { $0.hasPrefix(item.path + ":") }
                        #expect(printed == item.cliLines, "\(item): printed\n\(printed.joined(separator: "\n"))")
                        let after = try await BadInputCorpus.tableCounts(db.owner)
                        #expect(after == before, "\(item) wrote: \(after.filter { before[$0.key] != $0.value })")
                    }
                }
        }
    }
}
