import Foundation
import PostgresNIO

/// The tables that hold one JSON document per fiscal year (reference §3.2): criteria and targets.
enum YearDocuments: String {
    case criteria = "evaluation_criteria"
    case targets

    /// A document as stored: JSON with sorted keys, so that the same document is the same text.
    static func json(_ document: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// Stores (or replaces) a fiscal year's document; an identical one is no update and no audit row.
    func store(
        _ document: some Encodable, fiscalYear: Int, context: TenantContext, connection: PostgresConnection, logger: Logger
    ) async throws {
        var binds = PostgresBindings()
        binds.append(context.tenant)
        binds.append(fiscalYear)
        binds.append(try Self.json(document))
        // The table name is one of this enum's, never input.
        try await connection.run(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO \(rawValue) (tenant_id, fiscal_year, document) VALUES ($1, $2, $3::jsonb)
                    ON CONFLICT (tenant_id, fiscal_year) DO UPDATE SET document = excluded.document
                    WHERE \(rawValue).document IS DISTINCT FROM excluded.document
                    """, binds: binds), logger: logger)
    }
}
