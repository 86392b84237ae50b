import Foundation
import PostgresNIO

extension RankingReport {
    /// reference §1: every read of rankings is audited — who (the transaction's actor), when, which scope.
    static func audit(
        fiscalYear: Int, group: RankingGroup, root: String?, asOf: Day, purpose: String, rows: Int,
        connection: PostgresConnection, logger: Logger
    ) async throws {
        let key = #"{"fiscal_year": \#(fiscalYear)}"#
        let scope: [String: String?] = [
            "unit": root, "group": group.description, "as_of": asOf.description, "format": purpose, "rows": String(rows),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let after = String(decoding: try encoder.encode(scope), as: UTF8.self)
        // The service may not insert into audit_log: audit_read (sql/008) writes the row, with the
        // tenant, actor, request id and time of this transaction.
        try await connection.run(
            "SELECT audit_read('rankings', \(key)::jsonb, \(after)::jsonb)", logger: logger)
    }
}
