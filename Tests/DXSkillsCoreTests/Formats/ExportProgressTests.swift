import Foundation
import Synchronization
import Testing

@testable import DXSkillsCore

/// What the CLI's export progress is made of (reference §10.4): the records of a CSV as it arrives,
/// the throttled reporter, and the rows `SpreadsheetWriter` reports as it writes them.
@Suite("Export progress")
struct ExportProgressTests {
    /// The reports a reporter made.
    final class Reports: Sendable {
        let list = Mutex<[ExportProgress]>([])
        var all: [ExportProgress] { list.withLock { $0 } }
        func reporter(_ interval: Duration) -> ExportProgressReporter {
            ExportProgressReporter(interval: interval) { progress in self.list.withLock { $0.append(progress) } }
        }
    }

    @Test("records, not line ends: quoted CRLF and LF, doubled quotes, cut anywhere; UTF-8 with BOM and Shift_JIS")
    func recordCounting() throws {
        var random = ExportSafetyTests.Random(state: 20_260_101)
        let cells = ["E001", "山﨑\r\n花子", "say \"\"hi\"\"", "\"", "a,b", "x\ny\nz", "", "ソ表能", "=1+1", "\r"]
        let rows = (0..<2_000).map { _ in (0..<4).map { _ in cells[random.below(cells.count)] } }
        for encoding in [CSVOutputEncoding.utf8BOM, .sjis] {
            guard case .success(let output) = CSVWriter.encode(header: ["a", "b", "c", "d"], rows: rows, encoding: encoding)
            else {
                Issue.record("the export failed")
                return
            }
            var counter = CSVRecordCounter()
            var start = 0
            var seen: [Int] = []
            while start < output.bytes.count {
                let end = min(output.bytes.count, start + 1 + random.below(97))
                counter.add(output.bytes[start..<end])
                seen.append(counter.dataRows())
                start = end
            }
            #expect(counter.dataRows() == 2_000 && counter.dataRows(ended: true) == 2_000, "\(encoding)")
            #expect(seen == seen.sorted() && seen.allSatisfy { $0 <= 2_000 })
            // Line ends alone would count more: the quoted line breaks.
            #expect(output.bytes.filter { $0 == 0x0A }.count > 2_001)
        }
        var unended = CSVRecordCounter()
        unended.add(Array("a,b\n1,\"2\n3\"\n4,5".utf8))
        #expect(unended.dataRows() == 1 && unended.dataRows(ended: true) == 2)
        var headerOnly = CSVRecordCounter()
        headerOnly.add(Array("a,b\r\n".utf8))
        #expect(headerOnly.dataRows(ended: true) == 0)
    }

    @Test("the reporter: the start and the end always, between them at most one per interval; the time left from the rate")
    func throttling() async throws {
        let reports = Reports()
        let held = reports.reporter(.seconds(3600))
        for done in [0, 1, 2, 500, 999, 1000] { held.report(done, of: 1000) }
        #expect(reports.all.map(\.done) == [0, 1000])
        #expect(reports.all.last?.remaining == nil && reports.all.last?.fraction == 1)
        let rates = Reports()
        let every = rates.reporter(.zero)
        try await Task.sleep(for: .milliseconds(300))
        every.report(250, of: 1000)
        every.report(3_000_000, of: nil, unit: .bytes)
        let quarter = try #require(rates.all.first)
        #expect(quarter.fraction == 0.25, "\(quarter)")
        // A quarter done in the elapsed time: three times as long left.
        let left =
            Double(try #require(quarter.remaining).components.attoseconds) / 1e18
            + Double(try #require(quarter.remaining).components.seconds)
        let elapsed = Double(quarter.elapsed.components.attoseconds) / 1e18 + Double(quarter.elapsed.components.seconds)
        #expect(abs(left - 3 * elapsed) < 0.001, "\(left) \(elapsed)")
        let bytes = try #require(rates.all.last)
        #expect(bytes.unit == .bytes && bytes.done == 3_000_000 && bytes.fraction == nil && bytes.remaining == nil)
    }

    @Test("SpreadsheetWriter reports the rows it has written, from 0 to all of them; without a reporter, nothing")
    func spreadsheetRows() throws {
        let document = SheetDocument(
            report: "ranking", tenant: "139999", asOf: Day(year: 2026, month: 3, day: 31), headers: ["職員番号", "合計"],
            rows: (0..<5_000).map { [.text("E\($0)"), .number(Double($0), places: 2)] })
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reports = Reports()
        let written = ExportProgressReporter.$current.withValue(reports.reporter(.zero)) {
            Result { () throws(DXSkillsError) in try SpreadsheetWriter.write(document, dateStyle: .iso, to: path) }
        }
        try written.get()
        let done = reports.all.map(\.done)
        #expect(done.first == 0 && done.last == 5_000 && done.count == 5_001)
        #expect(done == done.sorted() && reports.all.allSatisfy { $0.total == 5_000 && $0.unit == .rows })
        // The service's files (no reporter) are the same bytes' worth of work, reported to nobody.
        #expect(try SpreadsheetWriter.bytes(document, dateStyle: .iso).prefix(2) == Array("PK".utf8)[...])
        #expect(reports.all.count == 5_001)
    }
}
