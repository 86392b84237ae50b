import Foundation

/// How far an export has come, for the CLI's line on stderr (reference §10.4): rows written or
/// received of the export's rows, or bytes of the answer's length when its rows are not known.
public struct ExportProgress: Sendable, Equatable {
    public enum Unit: String, Sendable {
        case rows, bytes
    }

    public let unit: Unit
    public let done: Int
    /// The rows or bytes in all; nil when the answer says neither (then no share and no estimate).
    public let total: Int?
    public let elapsed: Duration
    /// The time left at the rate so far; nil before there is a rate, without a total, and at the end.
    public let remaining: Duration?

    public init(unit: Unit, done: Int, total: Int?, elapsed: Duration, remaining: Duration?) {
        self.unit = unit
        self.done = done
        self.total = total
        self.elapsed = elapsed
        self.remaining = remaining
    }

    /// The share done, from 0 to 1 (1 for an empty export); nil without a total.
    public var fraction: Double? {
        total.map { $0 == 0 ? 1 : min(1, Double(done) / Double($0)) }
    }
}

/// Receives an export's progress, at most every `interval` (the start and the end always): the CLI
/// sets it for its task around `SpreadsheetWriter.write`, or calls it as a download arrives.
public final class ExportProgressReporter: @unchecked Sendable {
    private let clock: ProgressClock
    private let sink: @Sendable (ExportProgress) -> Void

    public init(interval: Duration = .milliseconds(500), _ sink: @escaping @Sendable (ExportProgress) -> Void) {
        self.clock = ProgressClock(interval: interval)
        self.sink = sink
    }

    @TaskLocal public static var current: ExportProgressReporter?

    /// `done` of `total` rows or bytes; the first report (nothing done) and the last (all of a known
    /// total) are never held back.
    public func report(_ done: Int, of total: Int?, unit: ExportProgress.Unit = .rows, force: Bool = false) {
        let total = total.map { max($0, done) }
        let last = total.map { done == $0 } ?? false
        guard let elapsed = clock.due(force: force || done == 0 || last) else { return }
        let remaining = total.flatMap { last ? nil : ProgressClock.remaining(done: done, total: $0, elapsed: elapsed) }
        sink(ExportProgress(unit: unit, done: done, total: total, elapsed: elapsed, remaining: remaining))
    }
}
