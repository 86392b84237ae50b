import Foundation
import PostgresNIO

/// Tenants and users: the `admin` commands, run directly on the database.
public enum Administration {
    /// Creates a tenant; an existing tenant with the same code and name is left as it is.
    @discardableResult
    public static func createTenant(code: String, name: String, database: Database) async throws -> Bool {
        guard code.count == 6, code.allSatisfy(\.isASCIIDigit) else {
            throw DXSkillsError.invalid("tenant code must be the 6-digit local government code (団体コード), got \"\(code)\"")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw DXSkillsError.invalid("tenant name is empty") }
        let context = TenantContext(tenant: code, actor: "admin")
        return try await database.transaction(context) { connection in
            let rows = try await connection.query(
                """
                INSERT INTO tenants (tenant_id, name) VALUES (\(code), \(name))
                ON CONFLICT (tenant_id) DO NOTHING RETURNING tenant_id
                """, logger: database.logger
            ).collect()
            // Built-in skills and certifications; entries the tenant already has are kept.
            try await connection.run("SELECT seed_builtin_catalog()", logger: database.logger)
            return !rows.isEmpty
        }
    }

    /// Changes a tenant's settings: which employment types headcount counts (reference §4.2), and the
    /// ordered grade list. A nil argument leaves that setting as it is.
    public static func updateTenant(
        code: String, countedEmploymentTypes: [EmploymentType]?, grades: [String]?, database: Database
    ) async throws {
        if let grades, grades.isEmpty || Set(grades).count != grades.count || grades.contains(where: \.isEmpty) {
            throw DXSkillsError.invalid("grades must be a non-empty list without repeats, lowest first")
        }
        try await database.transaction(TenantContext(tenant: code, actor: "admin")) { connection in
            let rows = try await connection.query(
                """
                UPDATE tenants SET
                  counted_employment_types = coalesce(\(countedEmploymentTypes?.map(\.rawValue)), counted_employment_types),
                  grades = coalesce(\(grades), grades)
                RETURNING tenant_id
                """, logger: database.logger
            ).collect()
            guard !rows.isEmpty else { throw DXSkillsError.notFound("tenant \(code)") }
        }
    }

    /// Adds a user, or updates its role and scope.
    public static func addUser(
        tenant: String, name: String, role: Role, unitCode: String?, employeeNo: String?, database: Database
    ) async throws {
        if role.isUnitScoped && unitCode == nil {
            throw DXSkillsError.invalid("a \(role.rawValue) user needs a unit: its scope is that unit and its descendants")
        }
        if role == .staff && employeeNo == nil {
            throw DXSkillsError.invalid("a staff user needs an employee number: the record it may read")
        }
        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            guard try await !connection.query("SELECT 1 FROM tenants", logger: database.logger).collect().isEmpty else {
                throw DXSkillsError.notFound("tenant \(tenant)")
            }
            if let unitCode,
                try await connection.query("SELECT 1 FROM units WHERE code = \(unitCode)", logger: database.logger).collect()
                    .isEmpty
            {
                throw DXSkillsError.notFound("unit \(unitCode)")
            }
            if let employeeNo,
                try await connection.query("SELECT 1 FROM staff WHERE employee_no = \(employeeNo)", logger: database.logger)
                    .collect().isEmpty
            {
                throw DXSkillsError.notFound("staff \(employeeNo)")
            }
            try await connection.run(
                """
                INSERT INTO users (tenant_id, name, role, unit_code, employee_no)
                VALUES (\(tenant), \(name), \(role.rawValue), \(unitCode), \(employeeNo))
                ON CONFLICT (tenant_id, name) DO UPDATE
                SET role = excluded.role, unit_code = excluded.unit_code, employee_no = excluded.employee_no
                WHERE (users.role, users.unit_code, users.employee_no)
                  IS DISTINCT FROM (excluded.role, excluded.unit_code, excluded.employee_no)
                """, logger: database.logger)
        }
    }
}
