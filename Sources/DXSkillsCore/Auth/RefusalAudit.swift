import PostgresNIO

/// The audit row of a refused request: every 401, 403 and 404 outside the caller's scope.
///
/// The service may not insert into `audit_log`; `audit_refusal` (sql/008) writes the row as the
/// schema owner, with action `refuse`, entity `request`, key `{route, status}` and after
/// `{reason, client}`, at the database's time. It runs as one statement of its own, outside any
/// tenant transaction: the tenant is set for that one row and put back. A tenant that is unknown
/// (no token, a garbage token) or not a 6-digit code is recorded as `-`, an unknown actor as `-`.
public enum RefusalAudit {
    public static func record(
        tenant: String?, actor: String?, route: String, status: Int, reason: String, client: String?,
        requestID: String?, database: Database
    ) async throws {
        let statement = Record(
            tenant: tenant, actor: actor, route: route, status: Int32(clamping: status), reason: reason,
            client: client, requestID: requestID)
        // A refusal during an outage must not wait longer than the request it records.
        try await database.withAcquireTimeout { _ in
            for try await _ in try await database.client.rows(statement, logger: database.logger) {}
        }
    }

    struct Record: PostgresPreparedStatement {
        static let name = "audit_refusal"
        static let sql = "SELECT audit_refusal($1, $2, $3, $4, $5, $6, $7)"
        static let bindingDataTypes: [PostgresDataType] = [.text, .text, .text, .int4, .text, .text, .text]
        typealias Row = Void

        let tenant: String?
        let actor: String?
        let route: String
        let status: Int32
        let reason: String
        let client: String?
        let requestID: String?

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 7)
            bindings.append(tenant)
            bindings.append(actor)
            bindings.append(route)
            bindings.append(status)
            bindings.append(reason)
            bindings.append(client)
            bindings.append(requestID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws {}
    }
}
