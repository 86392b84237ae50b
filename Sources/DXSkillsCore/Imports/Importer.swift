import Crypto
import PostgresNIO

/// Runs an import: the file is read and validated whole, then written in one transaction or not at all.
public enum Importer {
    public static func run(
        _ kind: ImportKind, bytes: [UInt8], options: ImportOptions, database: Database, context: TenantContext,
        scope: Scope = .tenant, caller: Principal? = nil
    ) async throws -> ImportSummary {
        try await run(
            kind, upload: Upload(bytes), options: options, database: database, context: context, scope: scope, caller: caller)
    }

    /// The same, taking the file by reference: its bytes are released as soon as they are decoded, so a
    /// large upload is not held three times over (bytes, text, COPY data) while it loads. An import
    /// that is not a dry run is counted once it has committed or failed.
    public static func run(
        _ kind: ImportKind, upload: Upload, options: ImportOptions, database: Database, context: TenantContext,
        scope: Scope = .tenant, caller: Principal? = nil
    ) async throws -> ImportSummary {
        let summary: ImportSummary
        do {
            summary = try await ConnectionWatch.answering {
                try await uncounted(
                    kind, upload: upload, options: options, database: database, context: context, scope: scope,
                    caller: caller)
            }
        } catch {
            if !options.dryRun { database.counters?.imported(kind, outcome: ImportOutcome(error), summary: nil) }
            throw error
        }
        if !summary.dryRun { database.counters?.imported(kind, outcome: .applied, summary: summary) }
        return summary
    }

    private static func uncounted(
        _ kind: ImportKind, upload: Upload, options: ImportOptions, database: Database, context: TenantContext,
        scope: Scope, caller: Principal?
    ) async throws -> ImportSummary {
        let logger = database.logger
        let scope = caller?.scope ?? scope
        // The file as uploaded, for its batch (sql/018): the same file has the same digest.
        let sha256 = Array(SHA256.hash(data: upload.bytes))
        let input = { (connection: PostgresConnection) in
            ImportInput(
                options: options, scope: scope, caller: caller, connection: connection, context: context, logger: logger)
        }
        func write(rows: Int, encoding: TextEncoding, _ body: (inout ImportSummary, ImportInput) async throws -> Void)
            async throws -> ImportSummary
        {
            try await Importer.write(
                kind, rows: rows, encoding: encoding, sha256: sha256, options: options, database: database, context: context
            ) { summary, connection in
                try await body(&summary, input(connection))
            }
        }
        func read() throws -> (table: CSVTable, encoding: TextEncoding) {
            let read = try ImportFile.read(upload.bytes, columns: kind.columns, options: options)
            upload.bytes = []
            return read
        }
        /// Units and staff: the file is checked on its own first, then against the database.
        func snapshot<Kind: RowImport>(_: Kind.Type) async throws -> ImportSummary where Kind.Known == Void {
            let (table, encoding) = try read()
            return try await located(in: table) {
                let rows = try await Kind.checkedRows(table)
                return try await write(rows: rows.count, encoding: encoding) { try await Kind.write(rows, $1, summary: &$0) }
            }
        }
        /// The other kinds: checked against the database in the transaction they write in.
        func rows<Kind: RowImport>(_: Kind.Type) async throws -> ImportSummary {
            let (table, encoding) = try read()
            return try await located(in: table) {
                try await write(rows: table.records.count, encoding: encoding) { try await Kind.run(table, $1, summary: &$0) }
            }
        }
        switch kind {
        case .training:
            // Large files: validated while parsed, loaded through COPY (see TrainingImport).
            let (text, encoding) = try ImportFile.decode(upload.bytes, options: options)
            upload.bytes = []
            let decoded = Upload.Text(text)
            return try await write(rows: 0, encoding: encoding) { try await TrainingImport.run(decoded, $1, summary: &$0) }
        case .units: return try await snapshot(UnitImport.self)
        case .staff: return try await snapshot(StaffImport.self)
        case .skills: return try await rows(SkillImport.self)
        case .courses: return try await rows(CourseImport.self)
        case .certificationCatalog: return try await rows(CertificationCatalogImport.self)
        case .certifications: return try await rows(CertificationImport.self)
        case .designations: return try await rows(DesignationImport.self)
        case .assessments: return try await rows(AssessmentImport.self)
        case .ratings: return try await rows(RatingImport.self)
        case .careerPlans: return try await rows(CareerPlanImport.self)
        case .roles: return try await rows(RoleImport.self)
        }
    }

    /// One transaction per import, serialized per tenant so two imports never plan from the same
    /// snapshot; a dry run plans the same way and rolls back.
    private static func write(
        _ kind: ImportKind, rows: Int, encoding: TextEncoding, sha256: [UInt8], options: ImportOptions,
        database: Database, context: TenantContext,
        _ body: (inout ImportSummary, PostgresConnection) async throws -> Void
    ) async throws -> ImportSummary {
        do {
            return try await database.transaction(context) { connection in
                try await connection.run(
                    "SELECT pg_advisory_xact_lock(hashtext(\(context.tenant) || ':import'))", logger: database.logger)
                // One batch row says who imported which file and when; the rows it inserts carry its id.
                try await connection.run(
                    "SELECT import_batch_begin(\(kind.rawValue), \(ByteBuffer(bytes: sha256)), \(rows)::integer)",
                    logger: database.logger)
                var summary = ImportSummary(kind: kind, rows: rows, encoding: encoding, dryRun: options.dryRun)
                try await body(&summary, connection)
                try await connection.run(
                    """
                    SELECT import_batch_finish(
                        \(summary.rows)::integer, \(summary.inserted)::integer, \(summary.updated)::integer,
                        \(summary.unchanged)::integer)
                    """, logger: database.logger)
                if options.dryRun { throw DryRunFinished(summary: summary) }
                return summary
            }
        } catch let finished as DryRunFinished {
            return finished.summary
        }
    }

    /// Thrown to roll a dry run back after planning.
    private struct DryRunFinished: Error {
        let summary: ImportSummary
    }
}

/// An uploaded file held by reference, so that whoever decodes it can let the bytes go.
public final class Upload: @unchecked Sendable {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Decoded text, likewise released once it has been turned into rows.
    final class Text: @unchecked Sendable {
        var text: String

        init(_ text: String) {
            self.text = text
        }
    }
}

extension Importer {
    /// The row problems `body` finds, each at its column of the file's header (number and title).
    static func located<Result>(in table: CSVTable, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch DXSkillsError.invalidRows(let issues, let unlisted) {
            throw DXSkillsError.invalidRows(table.locate(issues), unlisted: unlisted)
        }
    }
}
