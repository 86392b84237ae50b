import PostgresNIO

/// A set-based upsert on a natural key: one statement per batch, no row read back into memory.
///
/// Rows equal to what is stored are left alone (so they write no audit row) and counted as unchanged.
struct SetUpsert {
    struct Column {
        let name: String
        /// The SQL type the text cell is cast to.
        let type: String
        /// False for a note about how the row was written (`assessments.backdated`): it is written with
        /// the row, but a row whose other values are unchanged is still unchanged.
        var compared = true
    }

    let table: String
    let key: [Column]
    let values: [Column]

    static let batchSize = 20_000

    /// Upserts rows of text cells (key columns first, then value columns; "" is NULL).
    func run(
        _ rows: [[String]], summary: inout ImportSummary, connection: PostgresConnection, context: TenantContext,
        logger: Logger
    ) async throws {
        let columns = key + values
        let sql = statement(columns)
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + Self.batchSize, rows.count)]
            var bindings = PostgresBindings()
            bindings.append(context.tenant)
            for index in columns.indices { bindings.append(batch.map { $0[index] }) }
            var inserted = 0
            var updated = 0
            for try await wasInserted in try await connection.query(
                PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger
            ).decode(Bool.self) {
                if wasInserted { inserted += 1 } else { updated += 1 }
            }
            summary.inserted += inserted
            summary.updated += updated
            summary.unchanged += batch.count - inserted - updated
            start += Self.batchSize
        }
    }

    private func statement(_ columns: [Column]) -> String {
        let names = columns.map(\.name).joined(separator: ", ")
        let casts = columns.map { "nullif(v.\($0.name), '')::\($0.type)" }.joined(separator: ", ")
        let arrays = columns.indices.map { "$\($0 + 2)::text[]" }.joined(separator: ", ")
        let conflict = (["tenant_id"] + key.map(\.name)).joined(separator: ", ")
        let action: String
        if values.isEmpty {
            action = "DO NOTHING"
        } else {
            let sets = values.map { "\($0.name) = excluded.\($0.name)" }.joined(separator: ", ")
            let compared = values.filter(\.compared)
            let old = compared.map { "\(table).\($0.name)" }.joined(separator: ", ")
            let new = compared.map { "excluded.\($0.name)" }.joined(separator: ", ")
            action = "DO UPDATE SET \(sets) WHERE (\(old)) IS DISTINCT FROM (\(new))"
        }
        // xmax = 0 only on a freshly inserted row version.
        return """
            INSERT INTO \(table) (tenant_id, \(names))
            SELECT $1, \(casts) FROM unnest(\(arrays)) AS v(\(names))
            ON CONFLICT (\(conflict)) \(action)
            RETURNING (xmax = 0)
            """
    }
}
