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

    @Test("bulk tables are audited per statement with the same rows: one per changed record, before and after")
    func statementAudit() async throws {
        try await withTestDatabase { db in
            try await SkillFixture.create(db.owner)
            let context = Fixture.context(actor: "hr1", requestID: "req-7")
            let changed =
                SkillFixture.trainingCSV.replacingOccurrences(
                    of: "E003,DS-201,2025-02-01,修了,80,", with: "E003,DS-201,2025-02-01,修了,85,")
                + "E001,DS-201,2025-05-01,completed,90,\n"
            // act: one changed score and one new record among six unchanged rows, then the same file again
            _ = try await Importer.run(
                .training, bytes: Array(changed.utf8), options: .init(), database: db.app, context: context)
            _ = try await Importer.run(
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
            #expect(
                rows.map { "\($0.0) \($0.1) \($0.2) \($0.3) \($0.4) \($0.5)" }.sorted() == [
                    "insert E001 2025-05-01 - 90 hr1", "update E003 2025-02-01 80 85 hr1",
                ])
            let all = try await db.owner.count(
                Fixture.context(), "SELECT count(*)::int FROM audit_log WHERE entity = 'training_records' AND action = 'insert'")
            #expect(all == 7)
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
