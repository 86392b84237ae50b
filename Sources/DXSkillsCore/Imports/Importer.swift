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
    /// large upload is not held three times over (bytes, text, COPY data) while it loads.
    public static func run(
        _ kind: ImportKind, upload: Upload, options: ImportOptions, database: Database, context: TenantContext,
        scope: Scope = .tenant, caller: Principal? = nil
    ) async throws -> ImportSummary {
        let logger = database.logger
        let scope = caller?.scope ?? scope
        if kind == .training {
            // Large files: validated while parsed, loaded through COPY (see TrainingImport).
            let (text, encoding) = try ImportFile.decode(upload.bytes, options: options)
            upload.bytes = []
            let decoded = Upload.Text(text)
            return try await write(kind, rows: 0, encoding: encoding, options: options, database: database, context: context) {
                summary, connection in
                try await TrainingImport.run(
                    text: decoded, options: options, caller: caller, summary: &summary, connection: connection, context: context,
                    logger: logger)
            }
        }
        let (table, encoding) = try ImportFile.read(upload.bytes, columns: kind.columns, options: options)
        upload.bytes = []
        // Units and staff are checked against each other first; the rest against the database.
        switch kind {
        case .units:
            let rows = try UnitImport.parse(table)
            return try await write(
                kind, rows: rows.count, encoding: encoding, options: options, database: database, context: context
            ) {
                summary, connection in
                try await UnitImport.run(rows, summary: &summary, connection: connection, context: context, logger: logger)
            }
        case .staff:
            let rows = try StaffImport.parse(table)
            return try await write(
                kind, rows: rows.count, encoding: encoding, options: options, database: database, context: context
            ) {
                summary, connection in
                try await StaffImport.run(rows, summary: &summary, connection: connection, context: context, logger: logger)
            }
        default:
            return try await write(
                kind, rows: table.records.count, encoding: encoding, options: options, database: database, context: context
            ) { summary, connection in
                switch kind {
                case .skills:
                    try await SkillImport.run(table, summary: &summary, connection: connection, context: context, logger: logger)
                case .courses:
                    try await CourseImport.run(table, summary: &summary, connection: connection, context: context, logger: logger)
                case .certificationCatalog:
                    try await CertificationCatalogImport.run(
                        table, summary: &summary, connection: connection, context: context, logger: logger)
                case .certifications:
                    try await CertificationImport.run(
                        table, caller: caller, summary: &summary, connection: connection, context: context, logger: logger)
                case .designations:
                    try await DesignationImport.run(
                        table, caller: caller, summary: &summary, connection: connection, context: context, logger: logger)
                case .assessments:
                    try await AssessmentImport.run(
                        table, scope: scope, caller: caller, options: options, summary: &summary, connection: connection,
                        context: context, logger: logger)
                case .ratings:
                    try await RatingImport.run(
                        table, options: options, caller: caller, summary: &summary, connection: connection, context: context,
                        logger: logger)
                case .careerPlans:
                    try await CareerPlanImport.run(
                        table, summary: &summary, connection: connection, context: context, logger: logger)
                case .units, .staff, .training: break
                }
            }
        }
    }

    /// One transaction per import, serialized per tenant so two imports never plan from the same
    /// snapshot; a dry run plans the same way and rolls back.
    private static func write(
        _ kind: ImportKind, rows: Int, encoding: TextEncoding, options: ImportOptions, database: Database,
        context: TenantContext,
        _ body: (inout ImportSummary, PostgresConnection) async throws -> Void
    ) async throws -> ImportSummary {
        do {
            return try await database.transaction(context) { connection in
                try await connection.run(
                    "SELECT pg_advisory_xact_lock(hashtext(\(context.tenant) || ':import'))", logger: database.logger)
                var summary = ImportSummary(kind: kind, rows: rows, encoding: encoding, dryRun: options.dryRun)
                try await body(&summary, connection)
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
