import Foundation
import PostgresNIO
import ZIPFoundation

/// reference §7.4: everything dxskills holds about the caller (開示), as one zip: `dxskills-me.json`
/// with every part, one CSV file per part, and the evidence files of the caller's claims.
///
/// Each part selects the caller's own rows by their employee number or user name, never a join
/// that could bring in another person's row. Evaluation results appear only for disclosed fiscal
/// years, and an assessor is kept only as an employee number (a name typed in its place is
/// withheld), so nobody else's name reaches the file.
public enum OwnDataExport {
    /// One part of the export: the rows of one table that are about the caller.
    struct Part {
        let name: String
        let table: String
        /// Columns that are never exported (secrets, file bytes).
        let hidden: Set<String>
        let query: PostgresQuery
    }

    /// What an assessor becomes when it is not an employee number.
    public static let withheld = "(withheld / 非表示)"

    /// The zip's bytes. The export is itself audited (action `read`, entity `own_data_export`).
    public static func archive(
        principal: Principal, now: Date = Date(), connection: PostgresConnection, logger: Logger
    ) async throws -> Data {
        let employeeNo = principal.employeeNo
        let user = principal.userName
        var document: [String: JSONValue] = [
            "generated_at": .string(ISO8601DateFormatter().string(from: now)), "tenant": .string(principal.tenant),
            "user": .string(user), "employee_no": employeeNo.map(JSONValue.string) ?? .null,
        ]
        var tables: [(Part, [String], [[String: JSONValue]])] = []
        for part in parts(employeeNo: employeeNo, user: user) {
            let columns = try await columns(of: part, connection: connection, logger: logger)
            var rows: [[String: JSONValue]] = []
            for try await text in try await connection.query(part.query, logger: logger).decode(String.self) {
                rows.append(try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8)))
            }
            tables.append((part, columns, rows))
        }
        let numbers = try await employeeNumbers(among: tables.flatMap { $0.2 }, connection: connection, logger: logger)
        let archive = try Archive(accessMode: .create)
        for (part, columns, rows) in tables {
            let rows = rows.map { withholdingAssessors($0, numbers: numbers) }
            document[part.name] =
                part.name == "staff" ? (rows.first.map(JSONValue.object) ?? .null) : .array(rows.map(JSONValue.object))
            try add(archive, "\(part.name).csv", csv(columns: columns, rows: rows))
        }
        for (claim, n, type, bytes) in try await evidence(employeeNo: employeeNo, connection: connection, logger: logger) {
            let ext = type == "application/pdf" ? "pdf" : type == "image/png" ? "png" : "jpg"
            try add(archive, "evidence/claim-\(claim)-\(n).\(ext)", bytes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try add(archive, "dxskills-me.json", try encoder.encode(document))
        try await connection.run(
            """
            SELECT audit_read('own_data_export', jsonb_build_object('user', \(user)::text, 'employee_no', \(employeeNo)::text),
                              NULL)
            """, logger: logger)
        guard let data = archive.data else { throw DXSkillsError.invalid(Message(.exportNotWritten)) }
        return data
    }

    /// The assessors named in the rows (and in audit rows' before and after) that are employee numbers.
    static func employeeNumbers(among rows: [[String: JSONValue]], connection: PostgresConnection, logger: Logger)
        async throws -> Set<String>
    {
        var named: Set<String> = []
        for row in rows {
            for value in [row["assessor"], row["before"]?["assessor"], row["after"]?["assessor"]] {
                if case .string(let text)? = value { named.insert(text) }
            }
        }
        guard !named.isEmpty else { return [] }
        return Set(
            try await connection.query(
                "SELECT employee_no FROM staff WHERE employee_no = ANY(\(Array(named)))", logger: logger
            ).decode(String.self).collect())
    }

    /// An assessor that is not an employee number may be a person's name: it is withheld.
    static func withholdingAssessors(_ row: [String: JSONValue], numbers: Set<String>) -> [String: JSONValue] {
        func clean(_ object: [String: JSONValue]) -> [String: JSONValue] {
            guard case .string(let text)? = object["assessor"], !numbers.contains(text) else { return object }
            var object = object
            object["assessor"] = .string(withheld)
            return object
        }
        var row = clean(row)
        for side in ["before", "after"] {
            if case .object(let inner)? = row[side] { row[side] = .object(clean(inner)) }
        }
        return row
    }

    /// `dxskills-me-USER-YYYYMMDD.zip`, the day in Asia/Tokyo.
    public static func fileName(_ principal: Principal, today: Day = .today()) -> String {
        "dxskills-me-\(principal.userName)-\(today.description.replacingOccurrences(of: "-", with: "")).zip"
    }

    /// The parts, in the order of the JSON document's description in reference §7.4.
    static func parts(employeeNo: String?, user: String) -> [Part] {
        let disclosed = "SELECT fiscal_year FROM evaluation_disclosures"
        func own(_ table: String, order: String, hidden: Set<String> = []) -> Part {
            Part(
                name: table, table: table, hidden: hidden,
                query: """
                    SELECT (to_jsonb(t) - 'tenant_id')::text FROM \(unescaped: table) t
                    WHERE employee_no = \(employeeNo) ORDER BY \(unescaped: order)
                    """)
        }
        return [
            own("staff", order: "employee_no"),
            own("assignments", order: "valid_from, unit_code"),
            own("training_records", order: "completed_on, course_code"),
            own("cert_holdings", order: "acquired_on, cert_code"),
            own("assessments", order: "assessed_on, skill_code"),
            own("self_assessments", order: "assessed_on, skill_code"),
            own("designations", order: "term_start, unit_code, role"),
            own("career_plans", order: "template_code"),
            Part(
                name: "ratings", table: "ratings", hidden: [],
                query: """
                    SELECT (to_jsonb(t) - 'tenant_id')::text FROM ratings t
                    WHERE employee_no = \(employeeNo) AND fiscal_year IN (\(unescaped: disclosed))
                    ORDER BY fiscal_year, item, stage
                    """),
            own("claims", order: "id"),
            Part(
                name: "claim_events", table: "claim_events", hidden: [],
                query: """
                    SELECT (to_jsonb(t) - 'tenant_id')::text FROM claim_events t
                    WHERE claim_id IN (SELECT id FROM claims WHERE employee_no = \(employeeNo)) ORDER BY id
                    """),
            Part(
                name: "claim_evidence", table: "claim_evidence", hidden: ["bytes"],
                query: """
                    SELECT (to_jsonb(t) - 'tenant_id' - 'bytes')::text FROM claim_evidence t
                    WHERE claim_id IN (SELECT id FROM claims WHERE employee_no = \(employeeNo)) ORDER BY claim_id, n
                    """),
            Part(
                name: "users", table: "users", hidden: ["password_hash"],
                query: """
                    SELECT (to_jsonb(t) - 'tenant_id' - 'password_hash')::text FROM users t WHERE name = \(user)
                    """),
            Part(
                name: "role_grants", table: "role_grants", hidden: [],
                query: """
                    SELECT (to_jsonb(t) - 'tenant_id')::text FROM role_grants t WHERE user_name = \(user)
                    ORDER BY valid_from
                    """),
            Part(
                name: "audit_log", table: "audit_log", hidden: [],
                query: """
                    SELECT r::text
                    FROM (
                      SELECT to_jsonb(a) - 'tenant_id' AS r, a.id, a.entity FROM audit_log a
                      WHERE (a.entity IN ('staff', 'assignments', 'training_records', 'cert_holdings', 'assessments',
                                          'self_assessments', 'designations', 'career_plans')
                             AND a.key ->> 'employee_no' = \(employeeNo))
                         OR (a.entity = 'ratings' AND a.key ->> 'employee_no' = \(employeeNo)
                             AND (a.key ->> 'fiscal_year')::int IN (\(unescaped: disclosed)))
                         OR (a.entity = 'claims' AND (a.key ->> 'id')::bigint IN (
                               SELECT id FROM claims WHERE employee_no = \(employeeNo)))
                         OR (a.entity IN ('claim_evidence', 'claim_events') AND (a.key ->> 'claim_id')::bigint IN (
                               SELECT id FROM claims WHERE employee_no = \(employeeNo)))
                         OR (a.entity = 'users' AND a.key ->> 'name' = \(user))
                         OR (a.entity = 'role_grants' AND a.key ->> 'user_name' = \(user))
                         OR (a.entity = 'own_data_export' AND a.key ->> 'user' = \(user))
                    ) x
                    ORDER BY id
                    """),
            // The imports that put the caller's rows there (sql/018): who, when, which file.
            Part(
                name: "import_batches", table: "import_batches", hidden: ["xact"],
                query: """
                    SELECT (to_jsonb(b) - 'tenant_id' - 'xact')::text FROM import_batches b
                    WHERE b.id IN (
                      SELECT batch_id FROM training_records WHERE employee_no = \(employeeNo)
                      UNION SELECT batch_id FROM cert_holdings WHERE employee_no = \(employeeNo)
                      UNION SELECT batch_id FROM assessments WHERE employee_no = \(employeeNo)
                      UNION SELECT batch_id FROM ratings
                            WHERE employee_no = \(employeeNo) AND fiscal_year IN (\(unescaped: disclosed)))
                    ORDER BY b.id
                    """),
        ]
    }

    /// The table's columns in their defined order, for the CSV header (also when it has no rows).
    static func columns(of part: Part, connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.query(
            """
            SELECT column_name::text FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = \(part.table) AND column_name <> 'tenant_id'
            ORDER BY ordinal_position
            """, logger: logger
        ).decode(String.self).collect().filter { !part.hidden.contains($0) }
    }

    static func evidence(employeeNo: String?, connection: PostgresConnection, logger: Logger) async throws
        -> [(Int, Int, String, Data)]
    {
        var files: [(Int, Int, String, Data)] = []
        for try await (claim, n, type, bytes) in try await connection.query(
            """
            SELECT e.claim_id, e.n, e.media_type, e.bytes FROM claim_evidence e
            WHERE e.claim_id IN (SELECT id FROM claims WHERE employee_no = \(employeeNo)) ORDER BY e.claim_id, e.n
            """, logger: logger
        ).decode((Int, Int, String, ByteBuffer).self) {
            files.append((claim, n, type, Data(buffer: bytes)))
        }
        return files
    }

    /// UTF-8 with a BOM and CRLF lines, as every CSV dxskills writes for Excel; objects and lists as JSON text.
    static func csv(columns: [String], rows: [[String: JSONValue]]) -> Data {
        let numeric = Set(
            columns.indices.filter { index in
                rows.contains { if case .number? = $0[columns[index]] { true } else { false } }
            })
        let cells = rows.map { row in columns.map { row[$0]?.text ?? "" } }
        switch CSVWriter.encode(header: columns, rows: cells, numericColumns: numeric, encoding: .utf8BOM) {
        case .success(let output): return Data(output.bytes)
        case .failure: return Data()  // UTF-8 holds every character
        }
    }

    static func add(_ archive: Archive, _ path: String, _ data: Data) throws {
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// A JSON value as PostgreSQL's `to_jsonb` gives it, kept exactly (numbers as their text).
enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let text):
            if let value = Int64(text) { try container.encode(value) } else { try container.encode(Double(text) ?? 0) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    /// The value as a CSV cell: text as it is, numbers and booleans as JSON writes them, nothing for null.
    var text: String {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "true" : "false"
        case .number(let text), .string(let text): return text
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }
}
