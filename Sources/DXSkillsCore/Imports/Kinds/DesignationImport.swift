import PostgresNIO

/// DX推進リーダー roles (reference §2).
public enum DesignationRole: String, Sendable, CaseIterable, Codable, LabeledValue {
    case leader
    case subLeader = "sub_leader"

    public var japanese: String { self == .leader ? "リーダー" : "サブリーダー" }
}

/// `import designations`: DX-leader designations (指名).
///
/// The staff must be active at `term_start` and assigned inside the unit's subtree then, unless the
/// row gives an `override_reason` (recorded); the unit must be valid over the whole term. A later
/// transfer does not end a term: the leaders report warns instead.
enum DesignationImport: SetImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "unit_code", aliases: ["所属コード"], required: true),
        CSVColumn(name: "role", aliases: ["役割"], required: true),
        CSVColumn(name: "term_start", aliases: ["任期開始"], required: true),
        CSVColumn(name: "term_end", aliases: ["任期終了"], required: false),
        CSVColumn(name: "working_group", aliases: ["部会"], required: false),
        CSVColumn(name: "note", aliases: ["備考"], required: false),
        CSVColumn(name: "override_reason", aliases: ["例外理由"], required: false),
    ]

    static let target = SetUpsert(
        table: "designations",
        key: [
            .init(name: "employee_no", type: "text"), .init(name: "unit_code", type: "text"),
            .init(name: "role", type: "text"),
            .init(name: "term_start", type: "date"),
        ],
        values: [
            .init(name: "term_end", type: "date"), .init(name: "working_group", type: "text"),
            .init(name: "note", type: "text"),
            .init(name: "override_reason", type: "text"),
        ])

    struct Known {
        let input: ImportInput
        let units: [String: (from: Day, to: Day?)]
        let service: [String: (hired: Day, retired: Day?)]
        /// Each staff member's primary assignments.
        var assignments: [String: [(unit: String, from: Day, to: Day?)]] = [:]
        /// The units below each unit named so far, read when first named.
        var subtrees: [String: Set<String>] = [:]
    }

    static func known(_ input: ImportInput) async throws -> Known {
        var known = Known(
            input: input, units: try await unitValidity(connection: input.connection, logger: input.logger),
            service: try await staffService(connection: input.connection, logger: input.logger))
        for try await (no, unit, from, to) in try await input.connection.query(
            "SELECT employee_no, unit_code, valid_from, valid_to FROM assignments WHERE is_primary",
            logger: input.logger
        ).decode((String, String, Day, Day?).self) {
            known.assignments[no, default: []].append((unit, from, to))
        }
        return known
    }

    static func row(_ cells: inout CellReader, _ known: inout Known) async throws -> [String]? {
        let employee = cells.required("employee_no")
        let unit = cells.required("unit_code")
        let role = cells.labeled("role", as: DesignationRole.self)
        let start = cells.date("term_start", required: true)
        // An open term runs to the end of the fiscal year it starts in.
        let end = cells.date("term_end", required: false) ?? start.map { Day.fiscalYearEnd($0.fiscalYear) }
        let override = cells.optional("override_reason")
        if let start, let end, end < start {
            cells.fail("term_end", end.description, .beforeColumn, ["column": "term_start", "day": "\(start)"])
        }
        if let unit, known.units[unit] == nil { cells.fail("unit_code", unit, .unknownUnit) }
        if let employee, known.service[employee] == nil { cells.fail("employee_no", employee, .unknownEmployee) }
        // A leader designation scores in the ranking: evidence like any other.
        cells.refuseOwnEvidence(employee, own: known.input.own)
        if cells.issues.isEmpty, let employee, let unit, let start, let end, let validity = known.units[unit],
            let span = known.service[employee]
        {
            if start < validity.from || (validity.to.map { end > $0 } ?? false) {
                cells.fail(
                    "term_end", end.description,
                    .unitNotValidOverTerm, ["unit": "\(unit)", "from": "\(validity.from)", "to": .until(validity.to)])
            }
            if start < span.hired || (span.retired.map { start > $0 } ?? false) {
                cells.fail("term_start", start.description, .notInServiceOnDay)
            } else if override == nil {
                if known.subtrees[unit] == nil {
                    known.subtrees[unit] = try await known.input.codes("SELECT code FROM unit_subtree(\(unit))")
                }
                let placed = (known.assignments[employee] ?? []).first {
                    $0.from <= start && ($0.to.map { start <= $0 } ?? true)
                }
                if !(placed.map { known.subtrees[unit]!.contains($0.unit) } ?? false) {
                    cells.fail(
                        "unit_code", unit,
                        .designationOutsideUnit,
                        ["unit": placed.map { .text($0.unit) } ?? .key(.noUnit), "day": "\(start)"])
                }
            }
        }
        guard cells.issues.isEmpty, let employee, let unit, let role, let start, let end else { return nil }
        return [
            employee, unit, role.rawValue, start.description, end.description, cells.optional("working_group") ?? "",
            cells.optional("note") ?? "", override ?? "",
        ]
    }
}
