import Foundation
import Logging
import Synchronization
import Testing

@testable import DXSkillsServer

@Suite("JSON logs")
struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("one JSON object per line: time, level, label, message and the metadata flattened, Japanese as it is")
    func oneObjectPerLine() throws {
        // setup
        let lines = Lines()
        var logger = Logger(label: "dxskills") { JSONLogHandler(label: $0, write: lines.append) }
        logger[metadataKey: "tenant"] = "139999"
        // act
        logger.info(
            "request refused",
            metadata: ["request_id": "abc123", "detail": "所属コード \"010200\"\nが\u{2028}あり\u{85}ません", "codes": ["a", "b"]])
        logger.debug("not at info")
        // assert
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.split(whereSeparator: \.isNewline).count == 1, "\(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "dxskills")
        #expect(object["message"] as? String == "request refused")
        #expect(object["request_id"] as? String == "abc123")
        #expect(object["tenant"] as? String == "139999")
        #expect(object["detail"] as? String == "所属コード \"010200\"\nが\u{2028}あり\u{85}ません")
        #expect(object["codes"] as? [String] == ["a", "b"])
        let time = try #require(object["time"] as? String)
        #expect(time.hasSuffix("Z") && time.count == 24, "\(time)")
    }
}
