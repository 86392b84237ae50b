import Crypto
import DXSkillsTestSupport
import PostgresNIO
import Testing

@testable import DXSkillsCore

@Suite("Audit log")
struct AuditLogTests {
    @Test("every inserted record gets one audit row with actor, after and request id")
    func auditRowPerInsert() async throws {
        try await withTestDatabase { db in
            // setup
            try await Administration.createTenant(code: Fixture.tenant, name: "テスト市", database: db.owner)
            // act: 7 units through the service role, as a request would
            _ = try await Importer.run(
                .units, bytes: Array(Fixture.unitsCSV.utf8), options: .init(), database: db.app,
                context: Fixture.context(actor: "hr1", requestID: "req-42"))
            // assert
            let rows = try await db.app.transaction(Fixture.context()) { connection in
                try await connection.query(
                    """
                    SELECT actor, action, key->>'code', after->>'name', request_id, (before IS NULL)
                    FROM audit_log WHERE entity = 'units' ORDER BY key->>'code'
                    """, logger: db.app.logger
                ).decode((String, String, String, String, String, Bool).self).collect()
            }
            #expect(rows.count == 7)
            #expect(rows.allSatisfy { $0.0 == "hr1" && $0.1 == "insert" && $0.4 == "req-42" && $0.5 })
            #expect(rows.first?.2 == "B1" && rows.first?.3 == "総務部")
        }
    }

    @Test("an update records before and after; a re-import with no change records nothing")
    func auditUpdateAndNoop() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            let before = try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM audit_log")
            // act: the same files again, then one renamed unit
            try await Fixture.load(.units, Fixture.unitsCSV, into: db.app)
            try await Fixture.load(.staff, Fixture.staffCSV, into: db.app)
            let unchanged = try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM audit_log")
            try await Fixture.load(
                .units, Fixture.unitsCSV.replacingOccurrences(of: "S3,市民課", with: "S3,市民総務課"), into: db.app)
            // assert
            #expect(unchanged == before)
            let update = try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.query(
                    """
                    SELECT action, before->>'name', after->>'name' FROM audit_log
                    WHERE entity = 'units' AND key->>'code' = 'S3' AND action = 'update'
                    """, logger: db.owner.logger
                ).decode((String, String, String).self).collect()
            }
            #expect(update.count == 1)
            #expect(update.first?.1 == "市民課")
            #expect(update.first?.2 == "市民総務課")
        }
    }

    @Test("bulk tables: an import's inserts are audited by its batch, its updates per record with before and after")
    func statementAudit() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let context = Fixture.context(actor: "hr1", requestID: "req-7")
            let changed =
                SkillFixture.trainingCSV.replacingOccurrences(
                    of: "E003,DS-201,2025-02-01,修了,80,", with: "E003,DS-201,2025-02-01,修了,85,")
                + "E001,DS-201,2025-05-01,completed,90,\n"
            // act: one changed score and one new record among six unchanged rows, then the same file again
            let first = try await Importer.run(
                .training, bytes: Array(changed.utf8), options: .init(), database: db.app, context: context)
            let again = try await Importer.run(
                .training, bytes: Array(changed.utf8), options: .init(), database: db.app, context: context)
            let rows = try await db.owner.transaction(Fixture.context()) { connection in
                try await connection.query(
                    """
                    SELECT action, key->>'employee_no', key->>'completed_on', coalesce(before->>'score', '-'),
                           after->>'score', actor, request_id
                    FROM audit_log WHERE entity = 'training_records' AND request_id = 'req-7' ORDER BY id
                    """, logger: db.owner.logger
                ).decode((String, String, String, String, String, String, String).self).collect()
            }
            #expect(rows.map { "\($0.0) \($0.1) \($0.2) \($0.3) \($0.4) \($0.5)" } == ["update E003 2025-02-01 80 85 hr1"])
            let inserts = try await db.owner.count(
                Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE entity = 'training_records' AND action = 'insert'")
            #expect(inserts == 0, "an import's inserts have no audit row each: their batch says who and when")
            // The new record's batch: who, the file's SHA-256, the kind, the counts and the request id.
            let batch = try await db.owner.strings(
                Fixture.context(),
                """
                SELECT concat_ws(' ', b.actor, b.kind, encode(b.sha256, 'hex'), b.file_rows, b.inserted, b.updated,
                                 b.unchanged, b.request_id, b.at <= now())
                FROM training_records t JOIN import_batches b ON b.tenant_id = t.tenant_id AND b.id = t.batch_id
                WHERE t.employee_no = 'E001' AND t.completed_on = '2025-05-01'
                """)
            let digest = SHA256.hash(data: Array(changed.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(
                batch == [
                    "hr1 training \(digest) \(first.rows) \(first.inserted) \(first.updated) \(first.unchanged) req-7 t"
                ])
            #expect(first.inserted == 1 && first.updated == 1 && again.inserted == 0 && again.updated == 0)
            // Each import has its batch, the one that changed nothing too.
            #expect(
                try await db.owner.strings(
                    Fixture.context(),
                    "SELECT inserted || ' ' || updated FROM import_batches WHERE request_id = 'req-7' ORDER BY id")
                    == ["1 1", "0 0"])
        }
    }

    @Test("for every imported row of every bulk kind, who put it there and when is one join away")
    func everyKindHasItsBatch() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            for (table, kind) in [
                ("training_records", "training"), ("cert_holdings", "certifications"), ("assessments", "assessments"),
                ("ratings", "ratings"),
            ] {
                let rows = try await db.owner.strings(
                    Fixture.context(),
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT count(*) || ' ' || count(b.id) || ' ' || count(*) FILTER (WHERE b.kind = '\(kind)' AND b.actor <> '')
                            FROM \(table) t LEFT JOIN import_batches b ON b.tenant_id = t.tenant_id AND b.id = t.batch_id
                            """))
                let counts = rows.first?.split(separator: " ").compactMap { Int($0) } ?? []
                #expect(counts.count == 3 && counts[0] > 0 && Set(counts).count == 1, "\(table): \(rows)")
            }
            // A row that no import inserted (the service writing on its own) is audited row by row, as before.
            #expect(try await Self.insertedAudits(db, day: "2011-06-11", request: "req-9") == 1)
        }
    }

    /// Inserts one assessment as the service, outside any import (with `batch` as the transaction's
    /// batch setting when given), and counts the insert audit rows of that request.
    static func insertedAudits(_ db: TestDatabase, day: String, request: String, batch: String? = nil) async throws -> Int {
        try await db.app.transaction(Fixture.context(actor: "hr1", requestID: request)) { connection in
            if let batch {
                try await connection.run("SELECT set_config('dxskills.batch_id', \(batch), true)", logger: db.app.logger)
            }
            try await connection.run(
                """
                INSERT INTO assessments (tenant_id, employee_no, skill_code, level, assessed_on)
                SELECT \(Fixture.tenant), 'E001', code, 2, \(day)::date FROM skills ORDER BY code LIMIT 1
                """, logger: db.app.logger)
        }
        return try await db.owner.count(
            Fixture.context(),
            "SELECT count(*)::int FROM audit_log WHERE request_id = \(request) AND action = 'insert'")
    }

    @Test("a batch cannot be forged: the service may not write batches, and a row naming another batch is audited")
    func batchesCannotBeForged() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let old = try await db.owner.strings(Fixture.context(), "SELECT min(id)::text FROM import_batches")
            let forged = try #require(old.first)
            // The batch setting of an earlier transaction's batch covers nothing here.
            #expect(try await Self.insertedAudits(db, day: "2011-06-12", request: "req-10", batch: forged) == 1)
            for statement in [
                "INSERT INTO import_batches (tenant_id, actor, kind, sha256) VALUES ('\(Fixture.tenant)', 'x', 'training', '\\x00')",
                "UPDATE import_batches SET actor = 'someone else'", "DELETE FROM import_batches",
            ] {
                await #expect(throws: PSQLError.self, "\(statement)") {
                    try await db.app.transaction(Fixture.context()) { connection in
                        try await connection.run(PostgresQuery(unsafeSQL: statement), logger: db.app.logger)
                    }
                }
            }
        }
    }

    @Test("the service role cannot insert, update, delete or truncate the audit log")
    func auditLogIsAppendOnly() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            for statement in [
                "INSERT INTO audit_log (tenant_id, actor, action, entity) VALUES ('\(Fixture.tenant)', 'hr1', 'x', 'y')",
                "UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log",
            ] {
                await #expect(throws: PSQLError.self, "\(statement)") {
                    try await db.app.transaction(Fixture.context()) { connection in
                        try await connection.run(PostgresQuery(unsafeSQL: statement), logger: db.app.logger)
                    }
                }
            }
            #expect(try await db.app.count(Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE actor = 'test'") > 0)
        }
    }

    @Test("tokens are audited without their hash")
    func tokenHashNotInAudit() async throws {
        try await withTestDatabase { db in
            try await Fixture.create(db.owner)
            try await Administration.addUser(
                tenant: Fixture.tenant, name: "hr1", role: .hr, unitCode: nil, employeeNo: nil, database: db.owner)
            // Tokens are written by the owner (`admin token issue`); the service role may not (sql/008).
            _ = try await db.owner.transaction(Fixture.context()) { connection in
                try await TokenStore.issue(
                    user: "hr1", expiresInDays: 1, connection: connection, context: Fixture.context(), logger: db.owner.logger)
            }
            let hashes = try await db.app.count(
                Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE entity = 'api_tokens' AND after ? 'token_hash'")
            let rows = try await db.app.count(
                Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE entity = 'api_tokens'")
            #expect(rows == 1)
            #expect(hashes == 0)
        }
    }
}
