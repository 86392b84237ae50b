import Testing

@testable import DXSkillsCore

/// reference §3.3 at volume: generated cells that a spreadsheet would run, and names Shift_JIS cannot hold.
@Suite("Export safety")
struct ExportSafetyTests {
    /// SplitMix64, so a failure can be reproduced from the seed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    @Test("10,000 cells beginning with =, +, -, @, tab or CR are all written as text")
    func formulaCells() throws {
        var random = Random(state: 20_261_124)
        let starts = ["=", "+", "-", "@", "\t", "\r"]
        let bodies = [
            "SUM(A1:A9)", "1+1", "cmd|' /C calc'!A0", "HYPERLINK(\"http://x\",\"y\")", "2", "\"quoted\",x", "改行\nあり", "",
        ]
        var cells: [String] = []
        for _ in 0..<10_000 {
            cells.append(starts[random.below(starts.count)] + bodies[random.below(bodies.count)])
        }
        let rows = stride(from: 0, to: cells.count, by: 4).map { Array(cells[$0..<min($0 + 4, cells.count)]) }
        guard case .success(let output) = CSVWriter.encode(header: ["a", "b", "c", "d"], rows: rows, encoding: .utf8) else {
            Issue.record("the export failed")
            return
        }
        let parsed = try CSVParser.records(String(decoding: output.bytes, as: UTF8.self)).dropFirst().flatMap(\.fields)
        #expect(parsed.count == 10_000)
        #expect(zip(parsed, cells).allSatisfy { $0 == "'" + $1 })
        #expect(parsed.allSatisfy { $0.first == "'" })
    }

    @Test("a Shift_JIS export names every row Shift_JIS cannot hold, and only those")
    func everyUnmappableRowNamed() {
        var random = Random(state: 7)
        var expected: [Int] = []
        let rows = (1...2_000).map { row -> [String] in
            if random.below(10) == 0 {
                expected.append(row)
                return ["E\(row)", ["𠮷田", "🍣", "丂"][random.below(3)] + "　花子"]
            }
            return ["E\(row)", "髙橋　①郎"]
        }
        guard case .failure(let error) = CSVWriter.encode(header: ["no", "name"], rows: rows, encoding: .sjis) else {
            Issue.record("the export should have been refused")
            return
        }
        #expect(error.rows.map(\.row) == expected)
        #expect(expected.count > 100)
    }
}
