import DXSkillsCore
import Prometheus

/// dxskills' own counters (docs/reference.md, "Metrics"), on the registry `/metrics` shows. Every
/// series exists from the start at 0, and every label value is a case of one of the core's enums,
/// never input. The core and the handlers count only what has committed.
final class ServiceMetrics: ServiceCounters {
    /// The changes of an import's rows, as its summary has them.
    enum RowChange: String, CaseIterable {
        case inserted, updated, unchanged
    }

    private let imports: [ImportKind: [ImportOutcome: Counter]]
    private let importRows: [ImportKind: [RowChange: Counter]]
    private let signIns: [SignInMethod: [Bool: Counter]]
    private let claimTransitions: [ClaimState: Counter]
    private let deliveries: [DeliveryChannel: [DeliveryOutcome: Counter]]
    private let notificationItems: Counter

    init(registry: PrometheusCollectorRegistry) {
        func name(_ metric: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "dxskills", metricName: metric, unitName: "total", helpText: help)
        }
        let imports = name("imports", "Imports (not dry runs) by kind and outcome: applied, invalid or failed.")
        let rows = name("import_rows", "Rows of applied imports by kind and change: inserted, updated or unchanged.")
        let signIns = name("sign_ins", "Sign-in attempts by method (local, ldap, oidc, token) and outcome.")
        let claims = name("claim_transitions", "Claims moved to a state: submitted, approved, confirmed, returned, withdrawn.")
        let deliveries = name(
            "notification_deliveries", "Digest deliveries by channel (mail, webhook) and outcome: sent, retried, failed.")
        notificationItems = registry.makeCounter(
            descriptor: name("notification_items", "Notification items written by runs of the rules (the inboxes)."))
        func each<Key: Hashable, Value>(_ keys: some Sequence<Key>, _ value: (Key) -> Value) -> [Key: Value] {
            Dictionary(uniqueKeysWithValues: keys.map { ($0, value($0)) })
        }
        self.imports = each(ImportKind.allCases) { kind in
            each(ImportOutcome.allCases) { outcome in
                registry.makeCounter(descriptor: imports, labels: [("kind", kind.rawValue), ("outcome", outcome.rawValue)])
            }
        }
        self.importRows = each(ImportKind.allCases) { kind in
            each(RowChange.allCases) { change in
                registry.makeCounter(descriptor: rows, labels: [("kind", kind.rawValue), ("change", change.rawValue)])
            }
        }
        self.signIns = each(SignInMethod.allCases) { method in
            each([true, false]) { succeeded in
                registry.makeCounter(
                    descriptor: signIns,
                    labels: [("method", method.rawValue), ("outcome", succeeded ? "succeeded" : "failed")])
            }
        }
        self.claimTransitions = each(ClaimState.allCases) { state in
            registry.makeCounter(descriptor: claims, labels: [("to_state", state.rawValue)])
        }
        self.deliveries = each(DeliveryChannel.allCases) { channel in
            each(DeliveryOutcome.allCases) { outcome in
                registry.makeCounter(
                    descriptor: deliveries, labels: [("channel", channel.rawValue), ("outcome", outcome.rawValue)])
            }
        }
    }

    func signInAttempted(method: SignInMethod, succeeded: Bool) {
        signIns[method]?[succeeded]?.increment()
    }

    func imported(_ kind: ImportKind, outcome: ImportOutcome, summary: ImportSummary?) {
        imports[kind]?[outcome]?.increment()
        guard outcome == .applied, let summary, let rows = importRows[kind] else { return }
        rows[.inserted]?.increment(by: Int64(summary.inserted))
        rows[.updated]?.increment(by: Int64(summary.updated))
        rows[.unchanged]?.increment(by: Int64(summary.unchanged))
    }

    func claimMoved(to state: ClaimState) {
        claimTransitions[state]?.increment()
    }

    func notificationDelivered(channel: DeliveryChannel, outcome: DeliveryOutcome) {
        deliveries[channel]?[outcome]?.increment()
    }

    func notificationItemsWritten(_ count: Int) {
        notificationItems.increment(by: Int64(count))
    }
}
