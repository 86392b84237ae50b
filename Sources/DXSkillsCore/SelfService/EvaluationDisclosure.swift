import Foundation
import PostgresNIO

/// A fiscal year's disclosure of evaluation results to the staff rated in it (reference §7.1).
public struct EvaluationDisclosure: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable { case disclosed, unchanged }
    public let fiscalYear: Int
    public let disclosedAt: Date
    public let disclosedBy: String
    public let outcome: Outcome

    /// Discloses a year whose criteria are set (admin, hr); a year already disclosed keeps its first
    /// disclosure, and nothing is written or audited again.
    public static func disclose(
        fiscalYear: Int, principal: Principal, connection: PostgresConnection, logger: Logger
    ) async throws -> EvaluationDisclosure {
        try principal.require(.admin, .hr, to: .actDisclose)
        _ = try await EvaluationCriteria.document(fiscalYear: fiscalYear, connection: connection, logger: logger)
        var outcome = Outcome.unchanged
        for try await _ in try await connection.query(
            """
            INSERT INTO evaluation_disclosures (tenant_id, fiscal_year, disclosed_by)
            VALUES (current_setting('dxskills.tenant_id'), \(fiscalYear), \(principal.actor))
            ON CONFLICT (tenant_id, fiscal_year) DO NOTHING
            RETURNING fiscal_year
            """, logger: logger)
        {
            outcome = .disclosed
        }
        for try await (at, by) in try await connection.query(
            "SELECT disclosed_at, disclosed_by FROM evaluation_disclosures WHERE fiscal_year = \(fiscalYear)",
            logger: logger
        ).decode((Date, String).self) {
            return EvaluationDisclosure(fiscalYear: fiscalYear, disclosedAt: at, disclosedBy: by, outcome: outcome)
        }
        throw DXSkillsError.notFound(Message(.objDisclosure, ["year": "\(fiscalYear)"]))
    }
}
