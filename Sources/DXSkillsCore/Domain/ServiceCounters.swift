/// What the service counts for its operators (the server's Prometheus counters, reference
/// "Metrics"). The core depends on no metrics library: it tells these counters what happened, and
/// only after it has committed, so a count never stands for something rolled back. Every label is
/// one of a closed set (an enum here), never anything a user typed.
public protocol ServiceCounters: Sendable {
    /// A sign-in attempt, as the sign-in audit records it.
    func signInAttempted(method: SignInMethod, succeeded: Bool)
    /// An import that was not a dry run: applied with its summary, or refused or failed (no summary).
    func imported(_ kind: ImportKind, outcome: ImportOutcome, summary: ImportSummary?)
    /// A claim that moved to `state` (submitted, approved, confirmed, returned, withdrawn).
    func claimMoved(to state: ClaimState)
    /// A digest delivery attempt by mail or webhook, and how it ended.
    func notificationDelivered(channel: DeliveryChannel, outcome: DeliveryOutcome)
    /// Items a notification run wrote (not a dry run, not a repeated run's nothing).
    func notificationItemsWritten(_ count: Int)
}

/// How an import ended: written, refused for its content (nothing written), or failed otherwise
/// (the database, a dropped connection; nothing written either).
public enum ImportOutcome: String, Sendable, CaseIterable {
    case applied, invalid, failed

    /// The outcome an import's error stands for: the core's own refusals are `invalid`, an
    /// unavailable database and anything else `failed`.
    public init(_ error: any Error) {
        guard let error = error as? DXSkillsError, error.category != .unavailable else {
            self = .failed
            return
        }
        self = .invalid
    }
}

extension Database {
    /// The same pool, telling `counters` what the core does on it.
    public func counting(with counters: any ServiceCounters) -> Database {
        var database = self
        database.counters = counters
        return database
    }
}

/// A channel a digest goes by, besides the inbox.
public enum DeliveryChannel: String, Sendable, CaseIterable {
    case mail, webhook
}

/// How one delivery attempt ended: sent, to be tried again, or failed for good.
public enum DeliveryOutcome: String, Sendable, CaseIterable {
    case sent, retried, failed
}
