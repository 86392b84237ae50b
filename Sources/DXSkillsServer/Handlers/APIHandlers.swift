import DXSkillsAPI
import DXSkillsCore
import Foundation
import Logging
import OpenAPIRuntime
import PostgresNIO

/// The `/api/v1` operations: each reads the caller from `RequestScope`, runs one core function in
/// one tenant transaction and maps the result to the generated types.
struct APIHandlers: APIProtocol {
    let database: Database
    let maxUploadBytes: Int
    /// Where a notification run's digests go besides the inbox (mail only when SMTP is set).
    var notificationChannels = Notifications.Channels(mail: false)

    var logger: Logger { RequestScope.current?.logger ?? database.logger }

    /// Runs `body` in a transaction for the current caller.
    func withCaller<Result: Sendable>(
        _ body: (Principal, PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let principal = try RequestScope.principal()
        return try await database.transaction(TenantContext(principal, requestID: RequestScope.requestID)) { connection in
            try await body(principal, connection)
        }
    }

    static func day(_ text: String?) throws -> Day {
        guard let text else { return Day.today() }
        guard let day = Day(iso: text) else {
            throw DXSkillsError.badParameter(Message(.parameterDate, ["name": "as_of", "value": "\(text)"]))
        }
        return day
    }
}
