import Crypto
import DXSkillsCore
import Foundation

/// One signed-in browser: the token it signed in with stays on the server, the browser holds only
/// a random session id.
struct WebSession: Sendable {
    /// Compared with the `_csrf` field of every form this session posts.
    let csrfToken: String
    /// Re-checked on every request, so a revoked or expired token ends the session too.
    let token: String
    let created: Date
    var lastSeen: Date
}

/// Sessions of the dashboard, kept in memory.
///
/// Why not a table: a session only caches "this browser presented this token"; losing it on a
/// restart signs users out, and they sign in again with the same token. Nothing else is lost, and
/// no session id ever reaches the database or a backup. The service runs as one process per
/// deployment (README); several replicas behind a balancer would need sticky sessions.
actor WebSessionStore {
    /// Sessions end after this much inactivity…
    let idleTimeout: TimeInterval
    /// …and after this long in any case (a working day).
    let absoluteTimeout: TimeInterval
    /// Bounds memory: the oldest sessions are dropped first.
    let capacity: Int
    /// Keyed by SHA-256 of the id, so the map holds nothing a browser could replay.
    private var sessions: [Data: WebSession] = [:]

    init(idleTimeout: TimeInterval = 8 * 3600, absoluteTimeout: TimeInterval = 12 * 3600, capacity: Int = 10_000) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.capacity = capacity
    }

    /// Starts a session for a token already checked; returns the id to put in the cookie.
    func create(token: String, now: Date = Date()) -> (id: String, session: WebSession) {
        purge(now: now)
        if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.created < $1.value.created })?.key {
            sessions[oldest] = nil
        }
        let id = Self.randomToken()
        let session = WebSession(csrfToken: Self.randomToken(), token: token, created: now, lastSeen: now)
        sessions[Self.key(id)] = session
        return (id, session)
    }

    /// The live session of an id, touched; nil when unknown or expired.
    func session(_ id: String, now: Date = Date()) -> WebSession? {
        let key = Self.key(id)
        guard var session = sessions[key] else { return nil }
        guard !isExpired(session, now: now) else {
            sessions[key] = nil
            return nil
        }
        session.lastSeen = now
        sessions[key] = session
        return session
    }

    func remove(_ id: String) {
        sessions[Self.key(id)] = nil
    }

    var count: Int { sessions.count }

    private func isExpired(_ session: WebSession, now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeen) > idleTimeout || now.timeIntervalSince(session.created) > absoluteTimeout
    }

    private func purge(now: Date) {
        sessions = sessions.filter { !isExpired($0.value, now: now) }
    }

    static func key(_ id: String) -> Data { Data(SHA256.hash(data: Data(id.utf8))) }

    /// 32 random bytes, base64url: a session id or a CSRF token.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Equal strings, in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
