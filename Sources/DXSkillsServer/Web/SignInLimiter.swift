import Foundation

/// Counts sign-in attempts in a sliding window, per client address and per user name, so that
/// neither guessing nor a flood of sign-ins with one valid token gets far.
actor SignInLimiter {
    let window: TimeInterval
    let perAddress: Int
    let perUser: Int
    private var attempts: [String: [Date]] = [:]
    private var lastPurge = Date.distantPast

    init(window: TimeInterval = 60, perAddress: Int = 60, perUser: Int = 10) {
        self.window = window
        self.perAddress = perAddress
        self.perUser = perUser
    }

    /// Records an attempt; returns the seconds to wait when either limit is already used up (the
    /// attempt is then refused and not counted).
    func admit(address: String?, user: String?, now: Date = Date()) -> Int? {
        if now.timeIntervalSince(lastPurge) > window { purge(now: now) }
        let keys = [address.map { ("a:" + $0, perAddress) }, user.map { ("u:" + $0, perUser) }].compactMap { $0 }
        for (key, limit) in keys {
            let recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            attempts[key] = recent
            if recent.count >= limit, let oldest = recent.first {
                return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
            }
        }
        for (key, _) in keys { attempts[key, default: []].append(now) }
        return nil
    }

    private func purge(now: Date) {
        lastPurge = now
        attempts = attempts.compactMapValues { dates in
            let recent = dates.filter { now.timeIntervalSince($0) < window }
            return recent.isEmpty ? nil : recent
        }
    }
}
