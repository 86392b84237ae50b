import DXSkillsCore
import Foundation
import OpenAPIRuntime
import Testing

@testable import DXSkillsCLI

/// How the CLI shows a long export's progress (reference §10.4): on stderr, in place on a terminal,
/// every few seconds in a log, never a line for nothing done; downloads count the CSV's records.
@Suite("Export progress on the terminal")
struct ExportProgressDisplayTests {
    static func terminal(inPlace: Bool, lang: String = "C") -> (Terminal, CLITests.Buffer, CLITests.Buffer) {
        let output = CLITests.Buffer()
        let errors = CLITests.Buffer()
        let terminal = Terminal(
            standardOutput: { output.append($0) }, standardError: { errors.append($0) }, environment: ["LANG": lang],
            progressInPlace: inPlace)
        return (terminal, output, errors)
    }

    static func rows(_ done: Int, of total: Int?, _ elapsed: Double, eta: Double? = nil) -> ExportProgress {
        ExportProgress(
            unit: .rows, done: done, total: total, elapsed: .milliseconds(Int(elapsed * 1000)),
            remaining: eta.map { .milliseconds(Int($0 * 1000)) })
    }

    @Test("the texts: rows received or written with the time left, bytes of a length, bytes so far; in Japanese too")
    func texts() {
        let received = Self.rows(12_000, of: 100_000, 1.1, eta: 8.1)
        #expect(
            ExportProgressDisplay.text(received, file: "r.csv", .received, .en)
                == "dxskills: r.csv: received 12,000 of 100,000 rows (12.0%), about 9 s left")
        #expect(
            ExportProgressDisplay.text(received, file: "r.csv", .received, .ja)
                == "dxskills: r.csv: 100,000 行中 12,000 行を受信済み(12.0%)、残り約 9 秒")
        #expect(
            ExportProgressDisplay.text(Self.rows(100_000, of: 100_000, 3), file: "r.xlsx", .written, .en)
                == "dxskills: r.xlsx: wrote 100,000 of 100,000 rows (100.0%)")
        #expect(
            ExportProgressDisplay.text(Self.rows(0, of: 0, 0), file: "r.xlsx", .written, .ja)
                == "dxskills: r.xlsx: 0 行中 0 行を書き込み済み(100.0%)")
        let bytes = ExportProgress(unit: .bytes, done: 2_500_000, total: 10_000_000, elapsed: .seconds(1), remaining: .seconds(3))
        #expect(
            ExportProgressDisplay.text(bytes, file: "me.zip", .received, .en)
                == "dxskills: me.zip: received 2.5 MB of 10.0 MB (25.0%), about 3 s left")
        let unknown = ExportProgress(unit: .bytes, done: 1_260_000, total: nil, elapsed: .seconds(1), remaining: nil)
        #expect(ExportProgressDisplay.text(unknown, file: "me.zip", .received, .ja) == "dxskills: me.zip: 1.3 MB を受信済み")
        // A small archive in kB, both numbers in the total's unit.
        let small = ExportProgress(unit: .bytes, done: 1_200, total: 48_000, elapsed: .seconds(1), remaining: nil)
        #expect(
            ExportProgressDisplay.text(small, file: "me.zip", .received, .ja)
                == "dxskills: me.zip: 48.0 kB 中 1.2 kB を受信済み(2.5%)")
        #expect(
            ExportProgressDisplay.text(Self.rows(7, of: nil, 1), file: "-", .received, .en) == "dxskills: -: received 7 rows")
    }

    @Test("in a log: nothing in the first 2 s nor for 0 rows, then a line each 5 s; nothing on stdout")
    func log() {
        let (terminal, output, errors) = Self.terminal(inPlace: false)
        let display = ExportProgressDisplay(file: "r.csv", .received, terminal: terminal)
        for progress in [
            Self.rows(0, of: 1000, 0), Self.rows(0, of: 1000, 3.1), Self.rows(100, of: 1000, 1.5, eta: 13.5),
            Self.rows(200, of: 1000, 3.2, eta: 12.8), Self.rows(300, of: 1000, 4, eta: 9.3),
            Self.rows(700, of: 1000, 8.2, eta: 3.5), Self.rows(1000, of: 1000, 9.8),
        ] {
            display.show(progress)
        }
        display.finish()
        #expect(
            errors.text.split(separator: "\n") == [
                "dxskills: r.csv: received 200 of 1,000 rows (20.0%), about 13 s left",
                "dxskills: r.csv: received 700 of 1,000 rows (70.0%), about 4 s left",
            ], "\(errors.text)")
        #expect(output.text.isEmpty)
    }

    @Test("on a terminal: one line rewritten in place, in Japanese with LANG=ja_JP.UTF-8, ended by a newline")
    func inPlace() {
        let (terminal, output, errors) = Self.terminal(inPlace: true, lang: "ja_JP.UTF-8")
        let display = ExportProgressDisplay(file: "r.xlsx", .written, terminal: terminal)
        display.show(Self.rows(0, of: 10, 0))
        display.show(Self.rows(10, of: 10, 0.4))
        display.show(Self.rows(10, of: 10, 0.5))
        display.finish()
        display.finish()
        #expect(
            errors.text
                == "\rdxskills: r.xlsx: 10 行中 0 行を書き込み済み(0.0%)\u{1B}[K\rdxskills: r.xlsx: 10 行中 10 行を書き込み済み(100.0%)\u{1B}[K\n"
        )
        #expect(output.text.isEmpty)
    }

    /// A body that arrives in pieces of `piece` bytes, as a network would cut it.
    static func body(_ bytes: [UInt8], piece: Int = 37, length: HTTPBody.Length) -> HTTPBody {
        let (stream, continuation) = AsyncStream<ArraySlice<UInt8>>.makeStream()
        for start in stride(from: 0, to: bytes.count, by: piece) {
            continuation.yield(bytes[start..<min(start + piece, bytes.count)])
        }
        continuation.finish()
        return HTTPBody(stream, length: length, iterationBehavior: .single)
    }

    @Test("a CSV download counts its records, not its line ends (quoted line breaks), and ends with all of them")
    func csvDownload() async throws {
        let csv = Array("\u{FEFF}職員番号,氏名,備考\r\nE1,\"山田\r\n太郎\",\"a \"\"b\"\"\"\r\nE2,佐藤,\r\nE3,\"x\ny\nz\",\r\n".utf8)
        let (terminal, output, errors) = Self.terminal(inPlace: true)
        let bytes = try await ExportProgressDisplay.download(
            Self.body(csv, piece: 5, length: .known(Int64(csv.count))), file: "r.csv", rows: 3, csv: true, upTo: 1 << 20,
            terminal: terminal)
        #expect(bytes == csv)
        let lines = errors.text.split(separator: "\r").map { $0.replacingOccurrences(of: "\u{1B}[K", with: "") }
        #expect(lines.first == "dxskills: r.csv: received 0 of 3 rows (0.0%)", "\(lines)")
        #expect(lines.last == "dxskills: r.csv: received 3 of 3 rows (100.0%)\n", "\(lines)")
        // Never more rows than the CSV has records, whatever its line ends.
        let counts = lines.compactMap { Int($0.split(separator: " ")[3]) }
        #expect(counts == counts.sorted() && counts.allSatisfy { $0 <= 3 }, "\(counts)")
        #expect(output.text.isEmpty)
    }

    @Test("without a row total: bytes of the Content-Length, or the bytes so far; a body over the limit is an error")
    func byteDownload() async throws {
        let zip = [UInt8](repeating: 0x50, count: 1_500_000)
        let (terminal, _, errors) = Self.terminal(inPlace: true)
        _ = try await ExportProgressDisplay.download(
            Self.body(zip, piece: 65_536, length: .known(Int64(zip.count))), file: "me.zip", rows: nil, csv: false,
            upTo: 1 << 24, terminal: terminal)
        #expect(errors.text.hasPrefix("\rdxskills: me.zip: received 0.0 MB of 1.5 MB (0.0%)"), "\(errors.text)")
        #expect(errors.text.hasSuffix("\rdxskills: me.zip: received 1.5 MB of 1.5 MB (100.0%)\u{1B}[K\n"), "\(errors.text)")
        let (chunked, _, chunkedErrors) = Self.terminal(inPlace: true)
        _ = try await ExportProgressDisplay.download(
            Self.body(zip, piece: 65_536, length: .unknown), file: "r.csv", rows: nil, csv: true, upTo: 1 << 24,
            terminal: chunked)
        #expect(chunkedErrors.text.hasSuffix("\rdxskills: r.csv: received 1.5 MB\u{1B}[K\n"), "\(chunkedErrors.text)")
        let (log, _, logErrors) = Self.terminal(inPlace: false)
        do {
            _ = try await ExportProgressDisplay.download(
                Self.body(zip, piece: 65_536, length: .unknown), file: "me.zip", rows: nil, csv: false, upTo: 1_000_000,
                terminal: log)
            Issue.record("no error over the limit")
        } catch let error as CLIError {
            #expect(error.exitCode == 70 && error.message.contains("1,000,000"), "\(error.message)")
        }
        #expect(logErrors.text.isEmpty, "a quick download in a log shows no line: \(logErrors.text)")
    }
}
