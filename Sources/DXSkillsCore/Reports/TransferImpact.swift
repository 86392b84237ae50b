import Foundation
import PostgresNIO

/// A target whose status for a unit changes with the planned transfers.
public struct TargetChange: Sendable, Codable, Equatable {
    public let targetIndex: Int
    public let unitCode: String?
    public let before: Bool
    public let after: Bool
}

/// A designated leader who leaves the subtree of the unit they are designated for.
public struct LeaderLeaving: Sendable, Codable, Equatable {
    public let employeeNo: String
    public let unitCode: String
    public let role: String
}

/// reference §4.7: what the planned transfers (異動内示) change on their effective day.
public struct TransferImpact: Sendable, Codable, Equatable {
    public let effectiveOn: String
    public let fiscalYear: Int
    public let changes: [TargetChange]
    public let leadersLeaving: [LeaderLeaving]
}

/// One planned transfer: a new unit, or retirement (`RETIRE`/`退職`), from `effectiveOn`.
struct PlannedTransfer: Equatable {
    let employeeNo: String
    /// nil: retirement.
    let unitCode: String?
    let effectiveOn: Day
}

/// Reads a transfers file (reference §3.1), previews it (nothing written), or carries it out.
public enum Transfers {
    /// The impact of a file, evaluated on its effective day; the database is left as it was.
    public static func impact(
        _ bytes: [UInt8], fiscalYear: Int?, principal: Principal, database: Database, requestID: String?
    ) async throws -> TransferImpact {
        try principal.require(.admin, .hr, to: .actPreviewTransfers)
        do {
            _ = try await database.transaction(TenantContext(principal, requestID: requestID)) { connection in
                let (transfers, day) = try await read(bytes, connection: connection, logger: database.logger)
                let year = fiscalYear ?? day.fiscalYear
                let before = try await evaluate(principal, year: year, day: day, connection: connection, logger: database.logger)
                let placed = try await placements(day, connection: connection, logger: database.logger)
                try await apply(transfers, connection: connection, tenant: principal.tenant, logger: database.logger)
                let after = try await evaluate(principal, year: year, day: day, connection: connection, logger: database.logger)
                let leaving = try await leadersLeaving(
                    transfers, day: day, before: placed, connection: connection, logger: database.logger)
                let changes = after.compactMap { key, met -> TargetChange? in
                    guard let was = before[key], was != met else { return nil }
                    return TargetChange(targetIndex: key.index, unitCode: key.unit, before: was, after: met)
                }.sorted { ($0.targetIndex, $0.unitCode ?? "") < ($1.targetIndex, $1.unitCode ?? "") }
                // Roll everything back: a preview writes nothing.
                throw Preview(
                    impact: TransferImpact(
                        effectiveOn: day.description, fiscalYear: year, changes: changes, leadersLeaving: leaving))
            }
        } catch let preview as Preview {
            return preview.impact
        }
        throw DXSkillsError.invalid(Message(.previewUnfinished))
    }

    private struct Preview: Error {
        let impact: TransferImpact
    }

    struct Key: Hashable {
        let index: Int
        let unit: String?
    }

    static func evaluate(_ principal: Principal, year: Int, day: Day, connection: PostgresConnection, logger: Logger) async throws
        -> [Key: Bool]
    {
        let results: [TargetResult]
        do {
            results = try await TargetsReport.run(
                principal: principal, fiscalYear: year, asOf: day, connection: connection, logger: logger)
        } catch DXSkillsError.notFound {
            results = []
        }
        return Dictionary(
            results.map { (Key(index: $0.targetIndex, unit: $0.unitCode), $0.met) }, uniquingKeysWith: { a, _ in a })
    }

    /// Each staff's primary unit on a day.
    static func placements(_ day: Day, connection: PostgresConnection, logger: Logger) async throws -> [String: String] {
        var placed: [String: String] = [:]
        for try await (employee, unit) in try await connection.query(
            """
            SELECT employee_no, unit_code FROM assignments WHERE is_primary
              AND valid_from <= \(day) AND (valid_to IS NULL OR \(day) <= valid_to)
            """, logger: logger
        ).decode((String, String).self) {
            placed[employee] = unit
        }
        return placed
    }

    /// Designated leaders and sub-leaders (terms covering E) whom the transfers take out of the
    /// subtree of their designated unit, or who retire.
    static func leadersLeaving(
        _ transfers: [PlannedTransfer], day: Day, before: [String: String], connection: PostgresConnection, logger: Logger
    ) async throws -> [LeaderLeaving] {
        let moving = Dictionary(uniqueKeysWithValues: transfers.map { ($0.employeeNo, $0.unitCode) })
        var leaving: [LeaderLeaving] = []
        // Collected first: one connection runs one query at a time.
        let terms = try await connection.query(
            """
            SELECT employee_no, unit_code, role FROM designations
            WHERE employee_no = ANY(\(Array(moving.keys)))
              AND term_start <= \(day) AND \(day) <= term_end
            ORDER BY employee_no, unit_code, role
            """, logger: logger
        ).decode((String, String, String).self).collect()
        for (employee, unit, role) in terms {
            let subtree = try await codes("SELECT code FROM unit_subtree(\(unit))", connection: connection, logger: logger)
            let wasInside = before[employee].map { subtree.contains($0) } ?? false
            let staysInside = moving[employee]!.map { subtree.contains($0) } ?? false
            if wasInside && !staysInside { leaving.append(LeaderLeaving(employeeNo: employee, unitCode: unit, role: role)) }
        }
        return leaving
    }
}
