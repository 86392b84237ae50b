import Foundation

/// What the progress reporters of imports and exports share: when a report is due (at most one per
/// `interval`, unless forced) and the time left at the rate so far.
public final class ProgressClock: @unchecked Sendable {
    private let lock = NSLock()
    private let started = ContinuousClock.now
    private var last: ContinuousClock.Instant?
    public let interval: Duration

    public init(interval: Duration) {
        self.interval = interval
    }

    /// The time since the clock was made, when a report is due: forced, the first, or `interval`
    /// after the last one; nil when it is too soon.
    public func due(force: Bool = false) -> Duration? {
        let now = ContinuousClock.now
        lock.lock()
        defer { lock.unlock() }
        if !force, let last, now - last < interval { return nil }
        last = now
        return now - started
    }

    /// The time `total - done` takes at the rate of `done` in `elapsed`; nil before there is a rate
    /// (nothing done, or under 200 ms).
    public static func remaining(done: Int, total: Int, elapsed: Duration) -> Duration? {
        guard done > 0, elapsed > .milliseconds(200) else { return nil }
        return elapsed * (Double(max(0, total - done)) / Double(done))
    }
}
