import DXSkillsTestSupport
import Foundation
import Testing

@testable import DXSkillsCore

/// Ranking CSV for Excel (reference §3.3) on RankingFixture plus three names that test the encodings:
/// E008 𠮷田 (no Shift_JIS code), E009 a name beginning with `=`, E010 a name with ①.
@Suite("Ranking export")
struct RankingExportTests {
    static let extraStaff = """
        employee_no,name,kana,job_track,employment_type,grade,unit_code,assigned_from,hired_on,retired_on
        E008,𠮷田　八郎,ヨシダ　ハチロウ,general,regular,主事,S3,2025-04-01,2025-04-01,
        E009,"=HYPERLINK(""http://example.com"")",イコール,general,regular,主事,S1,2025-04-01,2025-04-01,
        E010,山田①子,ヤマダ,general,regular,主事,S1,2025-04-01,2025-04-01,

        """

    static func export(
        unit: String? = nil, encoding: CSVOutputEncoding, replace: Bool = false, in db: TestDatabase
    ) async throws -> CSVOutput {
        try await db.app.transaction(Fixture.context()) { connection in
            let ranking = try await RankingReport.run(
                principal: Fixture.principal(.hr), fiscalYear: 2025, group: .none, unit: unit, asOf: RankingFixture.asOf,
                purpose: "csv", connection: connection, logger: db.app.logger)
            return try ranking.csv(encoding: encoding, replaceUnmappable: replace, english: false)
        }
    }

    @Test("Shift_JIS keeps 髙 and ① as CP932 bytes; a formula-like name is written as text")
    func shiftJIS() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            try await Fixture.load(.staff, Self.extraStaff, into: db.owner)
            let output = try await Self.export(unit: "K1", encoding: .sjis, in: db)
            // 髙 is FB FC and ① is 87 40 in CP932 (not in plain Shift_JIS).
            #expect(output.bytes.contains(subsequence: [0xFB, 0xFC]))
            #expect(output.bytes.contains(subsequence: [0x87, 0x40]))
            let text = try TextDecoder.decode(output.bytes, encoding: .sjis).0
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines[0] == "職員番号,氏名,所属コード,所属名,グループ,合計,順位,パーセンタイル,状態,hours,certs,skills,leader,contrib")
            #expect(lines[1] == "E002,山﨑　花子,S2,情報政策課,,65.38,1,0.000000,,100.00,80.00,31.25,100.00,50.00")
            #expect(lines.contains("E001,髙橋　一郎,S1,人事課,,60.92,3,0.666667,,58.33,40.00,37.50,100.00,100.00"))
            #expect(lines.contains(#"E009,"'=HYPERLINK(""http://example.com"")",S1,人事課,,,,,未完了,0.00,0.00,0.00,0.00,"#))
            #expect(lines.contains("E010,山田①子,S1,人事課,,,,,未完了,0.00,0.00,0.00,0.00,"))
            #expect(output.warnings.isEmpty)
        }
    }

    @Test("𠮷 fails a Shift_JIS export naming its row, or becomes 〓 with a warning; UTF-8 keeps it")
    func unmappable() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            try await Fixture.load(.staff, Self.extraStaff, into: db.owner)
            do {
                _ = try await Self.export(encoding: .sjis, in: db)
                Issue.record("the export should have been refused")
            } catch DXSkillsError.invalid(let refusal) {
                let message = refusal.text(.en)
                #expect(message.contains("(E008): 𠮷"), "\(message)")
                #expect(refusal.text(.ja).contains("(E008): 𠮷"), "\(refusal.text(.ja))")
                // The dashboard shows this message too: it names no CLI flag.
                #expect(message.contains("replace those characters with 〓"))
                #expect(!message.contains("--"))
            }
            let replaced = try await Self.export(encoding: .sjis, replace: true, in: db)
            let text = try TextDecoder.decode(replaced.bytes, encoding: .sjis).0
            #expect(text.contains("E008,〓田　八郎,S3,市民課"))
            #expect(replaced.warnings.count == 1)
            #expect(replaced.warnings.first?.contains("E008") == true)
            let bom = try await Self.export(encoding: .utf8BOM, in: db)
            #expect(Array(bom.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(String(decoding: bom.bytes.dropFirst(3), as: UTF8.self).contains("E008,𠮷田　八郎"))
            let plain = try await Self.export(encoding: .utf8, in: db)
            #expect(Array(plain.bytes.prefix(12)) == Array("職員番号".utf8))
        }
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { Array(self[$0..<($0 + subsequence.count)]) == subsequence }
    }
}
