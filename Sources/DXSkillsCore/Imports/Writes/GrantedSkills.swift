import PostgresNIO

/// A skill level a course or certification grants.
struct SkillGrant: Equatable {
    let skill: String
    let level: Int
}

/// A catalog row (course, certification) and the skill levels it grants: a repeat must grant the same.
struct GrantingRow: Equatable {
    let cells: [String]
    let grants: [SkillGrant]
}

/// A catalog whose entries grant skill levels (courses, certifications): the `skills` cells name
/// stored skills, and the levels each entry grants are kept equal to the file's list.
protocol GrantingImport: SetImport where Row == GrantingRow, Known == Set<String> {
    /// Where the grants are kept, and the column naming their entry.
    static var grants: (table: String, ownerColumn: String) { get }
}

extension GrantingImport {
    static func known(_ input: ImportInput) async throws -> Set<String> {
        try await input.codes("SELECT code FROM skills")
    }

    static func cells(_ row: GrantingRow) -> [String] { row.cells }

    static func write(_ rows: [Lined<Row>], _ input: ImportInput, summary: inout ImportSummary) async throws {
        try await upsert(rows, input, summary: &summary)
        try await replaceGrants(rows.map(\.row), input: input)
    }

    private static func replaceGrants(_ rows: [GrantingRow], input: ImportInput) async throws {
        let (table, ownerColumn) = grants
        guard !rows.isEmpty else { return }
        let pairs = rows.flatMap { row in row.grants.map { [row.cells[0], $0.skill, String($0.level)] } }
        var ignored = ImportSummary(kind: .skills, rows: 0, encoding: .utf8, dryRun: false)
        try await SetUpsert(
            table: table, key: [.init(name: ownerColumn, type: "text"), .init(name: "skill_code", type: "text")],
            values: [.init(name: "level", type: "smallint")]
        ).run(pairs, summary: &ignored, connection: input.connection, context: input.context, logger: input.logger)
        var bindings = PostgresBindings()
        bindings.append(rows.map { $0.cells[0] })
        bindings.append(pairs.map { $0[0] + "\u{1F}" + $0[1] })
        try await input.connection.run(
            PostgresQuery(
                unsafeSQL: """
                    DELETE FROM \(table) WHERE \(ownerColumn) = ANY($1::text[])
                      AND NOT (\(ownerColumn) || chr(31) || skill_code = ANY($2::text[]))
                    """, binds: bindings), logger: input.logger)
    }
}
