import Testing

@testable import DXSkillsCore

@Suite("Terminal tables and CSV export")
struct OutputFormatTests {
    @Test("full-width characters count two columns")
    func widths() {
        #expect(displayWidth("abc") == 3)
        #expect(displayWidth("職員番号") == 8)
        #expect(displayWidth("ＤＸ推進①") == 10)
        #expect(displayWidth("ｶﾅ") == 2)
    }

    @Test("a table aligns Japanese and ASCII cells")
    func table() {
        let text = TextTable(headers: ["職員番号", "氏名"], rows: [["1", "髙橋　一郎"], ["12345678901", "Bob"]]).render()
        #expect(
            text == """
                職員番号     氏名
                -----------  ----------
                1            髙橋　一郎
                12345678901  Bob

                """)
    }

    @Test("formula-looking text cells get a quote mark; numeric cells do not")
    func formulaInjection() throws {
        let output = try CSVWriter.encode(
            header: ["name", "n"], rows: [["=SUM(A1)", "-5"], ["+1", "3"], ["@x", "0"], ["\tx", "1"], ["a,b", "2"]],
            numericColumns: [1], encoding: .utf8
        ).get()
        #expect(
            String(decoding: output.bytes, as: UTF8.self)
                == "name,n\r\n'=SUM(A1),-5\r\n'+1,3\r\n'@x,0\r\n'\tx,1\r\n\"a,b\",2\r\n")
    }

    @Test("utf8-bom starts with EF BB BF; sjis writes CP932")
    func encodings() throws {
        let bom = try CSVWriter.encode(header: ["a"], rows: [], encoding: .utf8BOM).get()
        #expect(Array(bom.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let sjis = try CSVWriter.encode(header: ["髙①"], rows: [], encoding: .sjis).get()
        #expect(sjis.bytes == [0xFB, 0xFC, 0x87, 0x40, 0x0D, 0x0A])
    }

    @Test("a character Shift_JIS cannot hold fails the export naming its rows, or becomes 〓")
    func unmappable() throws {
        let rows = [["吉田"], ["𠮷田"], ["山田"], ["𠮷野"]]
        let refused = CSVWriter.encode(header: ["name"], rows: rows, encoding: .sjis)
        guard case .failure(let error) = refused else {
            Issue.record("accepted 𠮷")
            return
        }
        #expect(error.rows.map(\.row) == [2, 4])
        let replaced = try CSVWriter.encode(header: ["name"], rows: rows, encoding: .sjis, replaceUnmappable: true).get()
        #expect(replaced.warnings.count == 2)
        #expect(Array(replaced.bytes[replaced.bytes.count - 6..<replaced.bytes.count - 2]) == [0x81, 0xAC, 0x96, 0xEC])
    }
}
