import DXSkillsCore
import Foundation
import OpenAPIRuntime

/// Shows a long export's progress on stderr, never stdout (which may be the export itself), like an
/// import's (reference §10.4): on a terminal one line that updates in place; otherwise, for a log, a
/// line every few seconds once the export has taken a while, and none for nothing done.
final class ExportProgressDisplay: @unchecked Sendable {
    enum Action: Sendable {
        /// A download: rows (or bytes) of the service's answer received.
        case received
        /// An Excel file the CLI writes: rows written.
        case written
    }

    let file: String
    let action: Action
    let terminal: Terminal
    /// Not on a terminal: the first line after this long, then one per `every`.
    let after: Duration
    let every: Duration
    private let lock = NSLock()
    private var shown = false
    private var lastShown: Duration?
    private var lastText: String?

    init(
        file: String, _ action: Action, terminal: Terminal = Terminal.current, after: Duration = .seconds(2),
        every: Duration = .seconds(5)
    ) {
        self.file = file
        self.action = action
        self.terminal = terminal
        self.after = after
        self.every = every
    }

    /// A reporter whose reports this display shows (at most two a second).
    func reporter(interval: Duration = .milliseconds(500)) -> ExportProgressReporter {
        ExportProgressReporter(interval: interval) { [self] in show($0) }
    }

    func show(_ progress: ExportProgress) {
        lock.lock()
        defer { lock.unlock() }
        let text = Self.text(progress, file: file, action, terminal.language)
        if terminal.progressInPlace {
            // The same line again (the end reported twice) is not redrawn.
            guard text != lastText else { return }
            terminal.standardError(Array(("\r" + text + "\u{1B}[K").utf8))
            shown = true
            lastText = text
        } else {
            let due = lastShown.map { progress.elapsed - $0 >= every } ?? (progress.elapsed >= after)
            guard due && progress.done > 0 else { return }
            terminal.standardError(Array((text + "\n").utf8))
            lastShown = progress.elapsed
        }
    }

    /// Ends the line updated in place, before anything else goes to stderr.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown && terminal.progressInPlace { terminal.standardError(Array("\n".utf8)) }
        shown = false
        lastText = nil
    }

    /// `dxskills: ranking.csv: received 12,000 of 100,000 rows (12.0%), about 8 s left`: the program's
    /// name first, as on an import's lines.
    static func text(_ progress: ExportProgress, file: String, _ action: Action, _ language: Language) -> String {
        // Bytes in kB below a megabyte (of the total, so that both numbers have one unit), else in MB.
        func size(_ bytes: Int, unit of: Int) -> String {
            of < 1_000_000
                ? String(format: "%.1f kB", Double(bytes) / 1_000) : String(format: "%.1f MB", Double(bytes) / 1_000_000)
        }
        let percent = progress.fraction.map { String(format: "%.1f", $0 * 100) } ?? ""
        let message: Message
        switch (progress.unit, progress.total) {
        case (.rows, let total?):
            message = Message(
                action == .written ? .exportRowsWritten : .exportRowsReceived,
                ["rows": "\(grouped(progress.done))", "total": "\(grouped(total))", "percent": "\(percent)"])
        case (.rows, nil):
            message = Message(.exportRowsSoFar, ["rows": "\(grouped(progress.done))"])
        case (.bytes, let total?):
            message = Message(
                .exportBytes,
                ["done": "\(size(progress.done, unit: total))", "total": "\(size(total, unit: total))", "percent": "\(percent)"])
        case (.bytes, nil):
            message = Message(.exportBytesSoFar, ["done": "\(size(progress.done, unit: progress.done))"])
        }
        let left = progress.remaining.map { remaining in
            let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
            return Message(.exportTimeLeft, ["eta": "\(Int(seconds.rounded(.up)))"]).text(language)
        }
        return "dxskills: \(file): " + message.text(language) + (left ?? "")
    }

    /// 120,000: digits grouped by thousands, the same in both languages (also on an import's lines).
    static func grouped(_ number: Int) -> String {
        number.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    /// Collects a download's body as it arrives, showing how much has come: the CSV's records of
    /// `rows` (the service's DXSkills-Rows), else the bytes of its Content-Length, else the bytes so far.
    static func download(
        _ body: HTTPBody, file: String, rows: Int?, csv: Bool, upTo limit: Int, terminal: Terminal = Terminal.current
    ) async throws -> [UInt8] {
        let display = ExportProgressDisplay(file: file, .received, terminal: terminal)
        defer { display.finish() }
        let reporter = display.reporter()
        let length: Int? = if case .known(let count) = body.length { Int(count) } else { nil }
        var bytes: [UInt8] = []
        if let length, length <= limit { bytes.reserveCapacity(length) }
        var counter = CSVRecordCounter()
        func report(ended: Bool = false) {
            if csv, let rows {
                reporter.report(counter.dataRows(ended: ended), of: rows, force: ended)
            } else {
                reporter.report(bytes.count, of: length, unit: .bytes, force: ended)
            }
            if ended { display.finish() }
        }
        report()
        for try await chunk in body {
            guard bytes.count + chunk.count <= limit else {
                throw CLIError(.server, Message(.exportTooLarge, ["limit": "\(grouped(limit))"]).text(terminal.language))
            }
            bytes += chunk
            if csv { counter.add(chunk) }
            report()
        }
        report(ended: true)
        return bytes
    }
}
