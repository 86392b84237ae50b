import Foundation
import PostgresNIO

/// One target evaluated for one unit (nil: tenant-wide).
public struct TargetResult: Sendable, Codable, Equatable {
    public let targetIndex: Int
    public let unitCode: String?
    /// A count, or a ratio (nil when the headcount is 0).
    public let actual: Double?
    public let goal: Double
    public let met: Bool
}

/// reference §4.6: the targets of a fiscal year evaluated on a day.
public enum TargetsReport {
    /// Every target per unit of its kind (or tenant-wide), evaluated on D.
    public static func run(
        principal: Principal, fiscalYear: Int, asOf: Day, connection: PostgresConnection, logger: Logger
    ) async throws -> [TargetResult] {
        try principal.require(.admin, .hr, .manager, .evaluator, to: .actReadTargets)
        let document = try await Targets.document(fiscalYear: fiscalYear, connection: connection, logger: logger)
        // Targets are the tenant's: evaluated over the whole tenant, then limited to the caller's scope.
        let tenant = Principal(tenant: principal.tenant, userName: principal.userName, role: .hr, unitCode: nil, employeeNo: nil)
        var visible: Set<String>?
        if case .subtree(let root) = principal.scope {
            visible = try await codes("SELECT code FROM unit_subtree(\(root))", connection: connection, logger: logger)
        }
        var results: [TargetResult] = []
        for (index, target) in document.targets.enumerated() {
            var lines: [(unit: String?, actual: Double?)] = []
            switch target.type {
            case "leaders_per_unit":
                for unit in try await LeaderCoverageReport.run(
                    principal: tenant, unit: nil, kind: target.unitKind ?? "課", asOf: asOf, connection: connection, logger: logger
                ) {
                    lines.append((unit.unitCode, Double(unit.leaders.count)))
                }
            case "completion_ratio":
                let rows = try await CompletionReport.run(
                    principal: tenant, course: target.course ?? "", unit: nil, kind: target.unitKind, fiscalYear: nil, asOf: asOf,
                    connection: connection, logger: logger, tenantWide: target.unitKind == nil)
                lines = rows.map { ($0.unitCode.isEmpty ? nil : $0.unitCode, $0.ratio.value) }
            default:
                let rows = try await CoverageReport.run(
                    principal: tenant, unit: nil, kind: target.unitKind, skill: target.skill, level: target.level ?? 1,
                    asOf: asOf,
                    connection: connection, logger: logger, tenantWide: target.unitKind == nil)
                lines = rows.map {
                    ($0.unitCode.isEmpty ? nil : $0.unitCode, target.type == "skill_count" ? Double($0.count) : $0.ratio.value)
                }
            }
            let goal = target.type.hasSuffix("_ratio") ? target.minRatio ?? 0 : Double(target.min ?? 0)
            // A unit-scoped caller sees its own units' lines; the tenant-wide lines (unit nil) are
            // the tenant's actuals, shown only to those who see the whole tenant.
            for line in lines where visible == nil || line.unit.map({ visible!.contains($0) }) ?? false {
                // A ratio on a headcount of 0 is null and not met.
                results.append(
                    TargetResult(
                        targetIndex: index, unitCode: line.unit, actual: line.actual, goal: goal,
                        met: line.actual.map { $0 >= goal } ?? false))
            }
        }
        return results
    }
}
