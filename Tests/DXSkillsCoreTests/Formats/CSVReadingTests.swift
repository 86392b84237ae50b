import Testing

@testable import DXSkillsCore

@Suite("Decoding and parsing CSV")
struct CSVReadingTests {
    static let columns = [
        CSVColumn(name: "code", aliases: ["所属コード"], required: true),
        CSVColumn(name: "name", aliases: ["所属名"], required: false),
    ]

    func issues(_ text: String, ignoreUnknown: Bool = false) -> [CSVIssue] {
        do {
            _ = try CSVTable.read(text: text, columns: Self.columns, ignoreUnknownColumns: ignoreUnknown)
            return []
        } catch {
            return error.issues
        }
    }

    @Test("CP932 bytes decode with the NEC and IBM extensions")
    func cp932() throws {
        // 髙 = FB FC, ① = 87 40, ㈱ = 87 8A, 﨑 = FA B1 in CP932.
        let (text, encoding) = try TextDecoder.decode([0xFB, 0xFC, 0x87, 0x40, 0x87, 0x8A, 0xFA, 0xB1], encoding: nil)
        #expect(text == "髙①㈱﨑")
        #expect(encoding == .sjis)
        #expect(TextEncoder.encodeCP932("髙①") == [0xFB, 0xFC, 0x87, 0x40])
        #expect(TextEncoder.encodeCP932("𠮷") == nil)
    }

    @Test("a BOM is dropped; UTF-8 is detected; bad bytes name their line")
    func utf8() throws {
        let (text, encoding) = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8), encoding: nil)
        #expect(text == "a,b\n" && encoding == .utf8)
        #expect(throws: TextDecodingError.self) {
            try TextDecoder.decode(Array("a\nb\n".utf8) + [0xFF], encoding: .utf8)
        }
        let error = #expect(throws: TextDecodingError.self) {
            try TextDecoder.decode(Array("a\nb\n".utf8) + [0xFF, 0xFF], encoding: .utf8)
        }
        #expect(error?.line == 3)
    }

    @Test("a NUL byte or a BOM in the middle is refused with its line")
    func nulAndInnerBOM() {
        for bytes in [Array("a\n\u{0}\n".utf8), Array("a\nb\u{FEFF}\n".utf8)] {
            do {
                _ = try TextDecoder.decode(bytes, encoding: nil)
                Issue.record("accepted \(bytes)")
            } catch {
                #expect(error.line == 2)
            }
        }
    }

    @Test("quoted commas, quotes and newlines; CRLF; line numbers follow physical lines")
    func quoting() throws {
        let table = try CSVTable.read(
            text: "code,name\r\nA,\"x,y\"\r\nB,\"line1\r\nline2\"\r\nC,\"say \"\"hi\"\"\"\r\n\r\n", columns: Self.columns,
            ignoreUnknownColumns: false)
        #expect(table.records.map(\.line) == [2, 3, 5])
        #expect(table.records.map { $0[column: "name"] } == ["x,y", "line1\r\nline2", "say \"hi\""])
    }

    @Test("Japanese headers in any order; empty cells are absent")
    func headers() throws {
        let table = try CSVTable.read(text: "所属名,所属コード\n,S1\n", columns: Self.columns, ignoreUnknownColumns: false)
        #expect(table.records.first?[column: "code"] == "S1")
        #expect(table.records.first?[column: "name"] == nil)
    }

    @Test("header problems are reported together")
    func headerProblems() {
        let found = issues("code,所属コード,shoe\n")
        #expect(found.map(\.column) == ["所属コード", "shoe"])
        #expect(found.map(\.line) == [1, 1])
        #expect(issues("name\nx\n").map(\.column) == ["code"])
        #expect(issues("").map(\.column) == ["code"])
        #expect(issues("code,shoe\nA,1\n", ignoreUnknown: true) == [])
    }

    @Test("an unterminated quote, text after a quote and a short row are errors with lines")
    func malformed() {
        #expect(issues("code,name\nA,x\nB,\"open\nC,y\n").map(\.line) == [3])
        #expect(issues("code,name\nA,\"x\"y\n").map(\.line) == [2])
        #expect(issues("code,name\nA\nB,x,y\n").map(\.line) == [2, 3])
    }
}
