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
    /// `tenant/user`: whose sessions count together against `perUser`.
    let owner: String
    let created: Date
    var lastSeen: Date
}

/// Sessions of the dashboard, kept in memory.
///
/// Why not a table: a session only caches "this browser presented this token"; losing it on a
/// restart signs users out, and they sign in again with the same token. Nothing else is lost, and
/// no session id ever reaches the database or a backup. The service runs as one process per
/// deployment (README); several replicas behind a balancer would need sticky sessions.
///
/// Memory is bounded per user, never globally: a global cap that evicted the oldest session let one
/// token sign every other user out by signing in ten thousand times.
actor WebSessionStore {
    /// Sessions end after this much inactivity…
    let idleTimeout: TimeInterval
    /// …and after this long in any case (a working day).
    let absoluteTimeout: TimeInterval
    /// Sessions one user may hold at once (browsers, devices); a new one ends that user's oldest.
    let perUser: Int
    /// Keyed by SHA-256 of the id, so the map holds nothing a browser could replay.
    private var sessions: [Data: WebSession] = [:]
    /// Each owner's session keys, oldest first.
    private var byOwner: [String: [Data]] = [:]
    private var lastPurge = Date.distantPast

    init(idleTimeout: TimeInterval = 8 * 3600, absoluteTimeout: TimeInterval = 12 * 3600, perUser: Int = 10) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.perUser = perUser
    }

    /// Starts a session for a token already checked, owned by `owner` (`tenant/user`); returns the
    /// id to put in the cookie. Only the owner's own oldest session makes room.
    func create(token: String, owner: String, now: Date = Date()) -> (id: String, session: WebSession) {
        if now.timeIntervalSince(lastPurge) > 60 { purge(now: now) }
        var keys = (byOwner[owner] ?? []).filter { sessions[$0] != nil }
        while keys.count >= perUser {
            sessions[keys.removeFirst()] = nil
        }
        let id = Self.randomToken()
        let session = WebSession(csrfToken: Self.randomToken(), token: token, owner: owner, created: now, lastSeen: now)
        let key = Self.key(id)
        sessions[key] = session
        keys.append(key)
        byOwner[owner] = keys
        return (id, session)
    }

    /// How many live sessions `owner` holds.
    func count(owner: String) -> Int { (byOwner[owner] ?? []).filter { sessions[$0] != nil }.count }

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
        lastPurge = now
        sessions = sessions.filter { !isExpired($0.value, now: now) }
        byOwner = byOwner.compactMapValues { keys in
            let live = keys.filter { sessions[$0] != nil }
            return live.isEmpty ? nil : live
        }
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
