import PostgresNIO

/// A role grant as `roles` lists it (reference §6).
public struct RoleGrantLine: Sendable, Codable, Equatable {
    public let user: String
    public let employeeNo: String?
    /// The linked staff member's name.
    public let name: String?
    public let role: Role
    public let unitCode: String?
    public let unitName: String?
    public let validFrom: Day
    public let validTo: Day?
}

/// `roles`: the grants valid on a day, for hr and admin.
public enum RoleGrantsReport {
    /// One line per grant valid on D, by role (admin, hr, manager, evaluator, staff), unit and user;
    /// with a unit, only the manager and evaluator grants whose unit lies in its subtree.
    public static func run(
        principal: Principal, unit: String?, asOf: Day, connection: PostgresConnection, logger: Logger
    ) async throws -> [RoleGrantLine] {
        try principal.require(.admin, .hr, to: .actListGrants)
        let root = try await ScopeResolver.root(for: principal, requested: unit, connection: connection, logger: logger)
        let day = asOf
        let rows = try await connection.query(
            """
            SELECT g.user_name, u.employee_no, s.name, g.role, g.unit_code, un.name, g.valid_from, g.valid_to
            FROM role_grants g
            JOIN users u ON u.name = g.user_name
            LEFT JOIN staff s ON s.employee_no = u.employee_no
            LEFT JOIN units un ON un.code = g.unit_code
            WHERE g.valid_from <= \(day) AND (g.valid_to IS NULL OR \(day) <= g.valid_to)
              AND (\(root)::text IS NULL OR g.unit_code IN (SELECT code FROM unit_subtree(\(root))))
            ORDER BY array_position(ARRAY['admin', 'hr', 'manager', 'evaluator', 'staff'], g.role),
                     g.unit_code NULLS FIRST, g.user_name
            """, logger: logger)
        var lines: [RoleGrantLine] = []
        for try await (user, employee, name, role, unitCode, unitName, from, to) in rows.decode(
            (String, String?, String?, String, String?, String?, Day, Day?).self)
        {
            guard let role = Role(rawValue: role) else { continue }
            lines.append(
                RoleGrantLine(
                    user: user, employeeNo: employee, name: name, role: role, unitCode: unitCode, unitName: unitName,
                    validFrom: from, validTo: to))
        }
        return lines
    }
}
