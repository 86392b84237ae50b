import DXSkillsCore
import Foundation
import Hummingbird
import Logging
import Metrics

/// One refused request: who (when known), what, why and from where.
struct Refusal: Sendable {
    let tenant: String?
    let actor: String?
    let route: String
    let status: Int
    let reason: String
    let client: String?
    let requestID: String?
}

/// Records every refusal (401, 403, and 404 for what is out of scope) as an audit row and a log
/// line with the same fields. Rate-limited per tenant, user and client address, and in total, so
/// that refusals cannot be used to flood the audit table: what is over the limit is counted on
/// `/metrics` and noted on the key's next recorded refusal.
final class RefusalRecorder: Sendable {
    let logger: Logger
    let store: (@Sendable (Refusal, _ suppressedBefore: Int) async throws -> Void)?
    let limiter: Limiter
    let unrecorded = Counter(label: "dxskills_refusals_unrecorded_total")

    init(
        logger: Logger, perKey: Int = 30, total: Int = 600,
        store: (@Sendable (Refusal, _ suppressedBefore: Int) async throws -> Void)?
    ) {
        self.logger = logger
        self.store = store
        self.limiter = Limiter(perKey: perKey, total: total)
    }

    func record(_ refusal: Refusal) async {
        let key = "\(refusal.tenant ?? "-")|\(refusal.actor ?? "-")|\(refusal.client ?? "-")"
        guard let suppressed = await limiter.admit(key) else {
            unrecorded.increment()
            return
        }
        logger.notice(
            "refusal",
            metadata: [
                "tenant": "\(refusal.tenant ?? "-")", "user": "\(refusal.actor ?? "-")", "route": "\(refusal.route)",
                "status": "\(refusal.status)", "reason": "\(refusal.reason)", "client": "\(refusal.client ?? "-")",
                "request_id": "\(refusal.requestID ?? "-")",
            ])
        guard let store else { return }
        do {
            try await store(refusal, suppressed)
        } catch {
            unrecorded.increment()
            logger.warning("refusal not audited", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Per minute: at most `perKey` refusals of one key and `total` of all are recorded.
    actor Limiter {
        let perKey: Int
        let total: Int
        private var windowStart = Date()
        private var counts: [String: Int] = [:]
        private var suppressed: [String: Int] = [:]
        private var recorded = 0

        init(perKey: Int, total: Int) {
            self.perKey = perKey
            self.total = total
        }

        /// nil when over the limit; else how many of this key's refusals went unrecorded before.
        func admit(_ key: String, now: Date = Date()) -> Int? {
            if now.timeIntervalSince(windowStart) >= 60 {
                windowStart = now
                counts = [:]
                recorded = 0
            }
            guard recorded < total, counts[key, default: 0] < perKey else {
                suppressed[key, default: 0] += 1
                return nil
            }
            counts[key, default: 0] += 1
            recorded += 1
            return suppressed.removeValue(forKey: key) ?? 0
        }
    }
}

extension RefusalRecorder {
    func record(tenant: String?, actor: String?, route: String, status: Int, reason: String, client: String?) async {
        await record(
            Refusal(
                tenant: tenant, actor: actor, route: route, status: status, reason: reason, client: client,
                requestID: RequestScope.requestID))
    }

    /// The statuses that are refusals: not signed in, not allowed, and not found (which is also
    /// how an object outside the caller's scope answers).
    static let statuses: Set<Int> = [401, 403, 404]

    /// The route of a request as refusals name it: method and path, never the query.
    static func route(_ request: Request) -> String { "\(request.method.rawValue) \(request.uri.path)" }
}

extension RefusalRecorder {
    /// Refusals stored in the tenant's audit log (`audit_refusal`, sql/008), one statement each.
    static func auditLog(_ database: Database) -> (@Sendable (Refusal, Int) async throws -> Void)? {
        { refusal, suppressed in
            let reason =
                suppressed > 0 ? "\(refusal.reason) (\(suppressed) earlier refusals not recorded)" : refusal.reason
            try await RefusalAudit.record(
                tenant: refusal.tenant, actor: refusal.actor, route: refusal.route, status: refusal.status, reason: reason,
                client: refusal.client, requestID: refusal.requestID, database: database)
        }
    }
}
