import Foundation

/// How far an import has come, for whoever watches it (the API's streamed answer, reference §5.1):
/// rows checked out of the file's rows, the share done, and an estimate of the time left.
public struct ImportProgress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        /// The file's rows are read and checked.
        case checking
        /// Every row passed; they are being written (COPY and one statement per table).
        case writing
    }

    public let phase: Phase
    public let rows: Int
    /// The file's data rows: exact once read, else counted from its line ends (a quoted line break
    /// makes it an overestimate, never less than `rows`).
    public let total: Int
    public let elapsed: Duration
    /// The time left at the rate so far, while checking; nil before there is a rate, and while writing.
    public let remaining: Duration?

    /// The share of the rows checked, from 0 to 1 (1 while writing).
    public var fraction: Double {
        guard phase == .checking else { return 1 }
        return total == 0 ? 0 : min(1, Double(rows) / Double(total))
    }
}

/// Receives an import's progress, at most every `interval`; the import sets it for its task and
/// the code that counts rows calls `ImportProgress.report`.
public final class ImportProgressReporter: @unchecked Sendable {
    private let clock: ProgressClock
    private let sink: @Sendable (ImportProgress) -> Void

    public init(interval: Duration = .milliseconds(500), _ sink: @escaping @Sendable (ImportProgress) -> Void) {
        self.clock = ProgressClock(interval: interval)
        self.sink = sink
    }

    @TaskLocal public static var current: ImportProgressReporter?

    func report(_ phase: ImportProgress.Phase, rows: Int, total: Int, force: Bool = false) {
        guard let elapsed = clock.due(force: force) else { return }
        let total = max(total, rows)
        let remaining = phase == .checking ? ProgressClock.remaining(done: rows, total: total, elapsed: elapsed) : nil
        sink(ImportProgress(phase: phase, rows: rows, total: total, elapsed: elapsed, remaining: remaining))
    }
}

extension ImportProgress {
    /// Rows checked so far, from the loops that check them (throttled by the reporter).
    static func checking(_ rows: Int, of total: Int) {
        ImportProgressReporter.current?.report(.checking, rows: rows, total: total, force: rows == 0)
    }

    /// Every row checked: the writing begins.
    static func writing(_ rows: Int) {
        ImportProgressReporter.current?.report(.writing, rows: rows, total: rows, force: true)
    }

    /// The data rows of a file counted from its line ends (the header's excluded).
    static func estimatedRows(_ text: String) -> Int {
        var lines = 0
        var last: UInt8 = 0x0A
        for byte in text.utf8 {
            if byte == 0x0A { lines += 1 }
            last = byte
        }
        if last != 0x0A { lines += 1 }
        return max(0, lines - 1)
    }
}
