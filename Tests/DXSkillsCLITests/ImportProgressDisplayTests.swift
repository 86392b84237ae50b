import DXSkillsCore
import Foundation
import OpenAPIRuntime
import Testing

@testable import DXSkillsCLI

/// How `dxskills import` shows the progress lines the service streams: on stderr, in place on a
/// terminal, every few seconds in a log; the result or the problem ends it.
@Suite("Import progress on the terminal")
struct ImportProgressDisplayTests {
    static func progress(_ phase: String, _ rows: Int, _ elapsed: Double, eta: Double? = nil) -> String {
        let percent = phase == "writing" ? 100 : Double(rows) / 10
        return
            #"{"progress":{"phase":"\#(phase)","rows":\#(rows),"total":1000,"percent":\#(percent),"elapsed_seconds":\#(elapsed)"#
            + (eta.map { #","eta_seconds":\#($0)"# } ?? "") + "}}"
    }

    static let result =
        #"{"result":{"kind":"training","rows":1000,"inserted":1000,"updated":0,"unchanged":0,"transfers":0,"dry_run":false,"encoding":"utf8"}}"#

    static func follow(_ lines: [String], inPlace: Bool, lang: String = "C") async -> (Result<Int, any Error>, String) {
        let errors = CLITests.Buffer()
        let terminal = Terminal(
            standardOutput: { _ in }, standardError: { errors.append($0) }, environment: ["LANG": lang],
            progressInPlace: inPlace)
        // Split mid-line, as a network would.
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        let (stream, continuation) = AsyncStream<ArraySlice<UInt8>>.makeStream()
        for start in stride(from: 0, to: bytes.count, by: 37) { continuation.yield(bytes[start..<min(start + 37, bytes.count)]) }
        continuation.finish()
        let body = HTTPBody(stream, length: .unknown, iterationBehavior: .single)
        let outcome: Result<Int, any Error>
        do {
            outcome = .success(try await ImportProgressDisplay(file: "f.csv", terminal: terminal).follow(body).rows)
        } catch {
            outcome = .failure(error)
        }
        return (outcome, errors.text)
    }

    @Test("in a log: nothing in the first 2 s, then a line each 5 s, the writing line, and the result")
    func log() async throws {
        let lines = [
            Self.progress("checking", 0, 0), Self.progress("checking", 100, 1.5, eta: 13.5),
            Self.progress("checking", 200, 2.5, eta: 10), Self.progress("checking", 300, 4, eta: 9.3),
            Self.progress("checking", 700, 7.6, eta: 3.3), Self.progress("writing", 1000, 9.8), Self.result,
        ]
        let (outcome, errors) = await Self.follow(lines, inPlace: false)
        #expect(try outcome.get() == 1000)
        #expect(
            errors.split(separator: "\n") == [
                "dxskills: f.csv: checking 200 of 1,000 rows (20.0%), about 10 s left",
                "dxskills: f.csv: checking 700 of 1,000 rows (70.0%), about 4 s left",
                "dxskills: f.csv: all 1,000 rows checked, writing… (9 s so far)",
            ], "\(errors)")
    }

    @Test("in a log: a slow start (0 rows after 3 s) prints nothing; a small file's problems stay alone on stderr")
    func slowStart() async throws {
        let problem =
            #"{"problem":{"type":"urn:dxskills:invalid","title":"Invalid input","status":422,"detail":"d","request_id":"r","errors":[]}}"#
        let (outcome, errors) = await Self.follow([Self.progress("checking", 0, 3.2), problem], inPlace: false)
        guard case .failure = outcome else {
            Issue.record("no failure")
            return
        }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test("on a terminal: one line rewritten in place, in Japanese with LANG=ja_JP.UTF-8, ended by a newline")
    func inPlace() async throws {
        let lines = [Self.progress("checking", 0, 0), Self.progress("checking", 500, 3, eta: 3), Self.result]
        let (outcome, errors) = await Self.follow(lines, inPlace: true, lang: "ja_JP.UTF-8")
        #expect(try outcome.get() == 1000)
        #expect(
            errors
                == "\rdxskills: f.csv: 1,000 行中 0 行を確認済み(0.0%)\u{1B}[K\rdxskills: f.csv: 1,000 行中 500 行を確認済み(50.0%)、残り約 3 秒\u{1B}[K\n"
        )
    }

    @Test("a problem line is the CLI's error with its exit code and issues; a stream without an end is an error")
    func problem() async throws {
        let problem =
            #"{"problem":{"type":"urn:dxskills:invalid","title":"Invalid input","status":422,"detail":"1 problem(s) in the input; nothing was written","request_id":"r","errors":[{"line":2,"column":"course_code","value":"NOPE","reason":"unknown course","column_number":2}]}}"#
        let (outcome, _) = await Self.follow([Self.progress("checking", 0, 0), problem], inPlace: false)
        guard case .failure(let error as CLIError) = outcome else {
            Issue.record("not a CLIError: \(outcome)")
            return
        }
        #expect(error.exitCode == 65)
        #expect(error.issues.map(\.reason) == ["unknown course"] && error.issues.first?.columnNumber == 2)
        let (cut, _) = await Self.follow([Self.progress("checking", 0, 0)], inPlace: false)
        guard case .failure(let failure as CLIError) = cut else {
            Issue.record("a cut stream did not fail: \(cut)")
            return
        }
        #expect(failure.exitCode == 70)
    }
}
