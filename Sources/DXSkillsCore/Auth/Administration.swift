import Foundation
import PostgresNIO

/// Tenants and users: the `admin` commands, run directly on the database.
public enum Administration {
    /// Creates a tenant; an existing tenant with the same code and name is left as it is.
    @discardableResult
    public static func createTenant(code: String, name: String, database: Database) async throws -> Bool {
        guard code.count == 6, code.allSatisfy(\.isASCIIDigit) else {
            throw DXSkillsError.invalid(Message(.adminTenantCode, ["value": "\(code)"]))
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw DXSkillsError.invalid(Message(.adminTenantName)) }
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
            throw DXSkillsError.invalid(Message(.adminGrades))
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
            guard !rows.isEmpty else { throw DXSkillsError.notFound(Message(.objTenant, ["code": "\(code)"])) }
        }
    }

    /// Adds a user, or changes it: its role and scope (a grant from `grantFrom`, today unless given, open-ended, that ends the
    /// one it holds the day before; reference §6), its staff link, its address, its password. A nil
    /// role leaves the grants as they are: a user linked to a staff member is then `staff`.
    public static func addUser(
        tenant: String, name: String, role: Role?, unitCode: String?, employeeNo: String?, email: String? = nil,
        password: String? = nil, grantFrom: Day = .today(), database: Database
    ) async throws {
        if let role, role.isUnitScoped, unitCode == nil {
            throw DXSkillsError.invalid(Message(.adminUserNeedsUnit, ["role": "\(role.rawValue)"]))
        }
        if role == .staff || role == nil, employeeNo == nil {
            throw DXSkillsError.invalid(Message(.adminUserNeedsEmployee))
        }
        if let email, !StaffPerson.isMailAddress(email) {
            throw DXSkillsError.invalid(Message(.adminMailAddress, ["value": "\(email)"]))
        }
        if let password, let problem = Passwords.problem(password, userName: name, employeeNo: employeeNo) {
            throw DXSkillsError.invalid(problem)
        }
        var hash: String? = nil
        if let password { hash = try await Passwords.hash(password) }
        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            guard try await !connection.query("SELECT 1 FROM tenants", logger: database.logger).collect().isEmpty else {
                throw DXSkillsError.notFound(Message(.objTenant, ["code": "\(tenant)"]))
            }
            if let unitCode,
                try await connection.query("SELECT 1 FROM units WHERE code = \(unitCode)", logger: database.logger).collect()
                    .isEmpty
            {
                throw DXSkillsError.notFound(Message(.objUnit, ["code": "\(unitCode)"]))
            }
            if let employeeNo,
                try await connection.query("SELECT 1 FROM staff WHERE employee_no = \(employeeNo)", logger: database.logger)
                    .collect().isEmpty
            {
                throw DXSkillsError.notFound(Message(.objStaff, ["id": "\(employeeNo)"]))
            }
            try await connection.run(
                """
                INSERT INTO users (tenant_id, name, employee_no, email, password_hash, password_changed_at)
                VALUES (\(tenant), \(name), \(employeeNo), \(email), \(hash), CASE WHEN \(hash)::text IS NOT NULL THEN now() END)
                ON CONFLICT (tenant_id, name) DO UPDATE
                SET employee_no = excluded.employee_no, email = coalesce(excluded.email, users.email),
                    password_hash = coalesce(excluded.password_hash, users.password_hash),
                    password_changed_at = coalesce(excluded.password_changed_at, users.password_changed_at),
                    password_one_time_until = CASE WHEN excluded.password_hash IS NULL THEN users.password_one_time_until END
                WHERE (users.employee_no, users.email, users.password_hash)
                  IS DISTINCT FROM (excluded.employee_no, coalesce(excluded.email, users.email),
                                    coalesce(excluded.password_hash, users.password_hash))
                """, logger: database.logger)
            if let role {
                try await connection.run(
                    """
                    SELECT set_role_grant(\(name), \(role.rawValue), \(role.isUnitScoped ? unitCode : nil), \(grantFrom))
                    """, logger: database.logger)
            }
        }
    }

    /// Sets a user's password unless it has one (the demo users'); true when it was set.
    @discardableResult
    public static func setPasswordIfUnset(tenant: String, name: String, password: String, database: Database) async throws
        -> Bool
    {
        if let problem = Passwords.problem(password, userName: name, employeeNo: nil) {
            throw DXSkillsError.invalid(problem)
        }
        let unset = try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            try await connection.query(
                "SELECT 1 FROM users WHERE name = \(name) AND password_hash IS NULL", logger: database.logger
            ).collect().count == 1
        }
        guard unset else { return false }
        let hash = try await Passwords.hash(password)
        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            try await connection.run(
                """
                UPDATE users SET password_hash = \(hash), password_changed_at = now()
                WHERE name = \(name) AND password_hash IS NULL
                """, logger: database.logger)
        }
        return true
    }

    /// Disables or enables a user (disabling ends its sessions at once), changes its address, or the
    /// methods it may sign in with (the tenant's own list limits them further).
    public static func updateUser(
        tenant: String, name: String, active: Bool?, email: String?, methods: [SignInMethod]? = nil, database: Database
    ) async throws {
        if let methods, methods.isEmpty || methods.contains(.token) {
            throw DXSkillsError.invalid(Message(.adminSignInMethods))
        }
        if let email, !StaffPerson.isMailAddress(email) {
            throw DXSkillsError.invalid(Message(.adminMailAddress, ["value": "\(email)"]))
        }
        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            let rows = try await connection.query(
                """
                UPDATE users SET email = coalesce(\(email), email),
                  sign_in = coalesce(string_to_array(\(methods?.map(\.rawValue).joined(separator: ",")), ','), sign_in),
                  status = CASE \(active.map { $0 ? "active" : "disabled" })::text WHEN 'active' THEN 'active'
                    WHEN 'disabled' THEN 'disabled' ELSE status END,
                  disabled_reason = CASE \(active.map { $0 ? "active" : "disabled" })::text WHEN 'active' THEN NULL
                    WHEN 'disabled' THEN 'admin' ELSE disabled_reason END
                WHERE name = \(name) RETURNING name
                """, logger: database.logger
            ).collect()
            guard !rows.isEmpty else {
                throw DXSkillsError.notFound(Message(.objUser, ["name": "\(name)", "tenant": "\(tenant)"]))
            }
        }
    }

    /// Gives a user a one-time password, valid 24 hours, to be changed at its first sign-in; returns it.
    public static func resetPassword(tenant: String, name: String, database: Database) async throws -> String {
        let password = Passwords.oneTime()
        let hash = try await Passwords.hash(password)
        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
            let rows = try await connection.query(
                """
                UPDATE users SET password_hash = \(hash), password_changed_at = now(), locked_until = NULL,
                  password_one_time_until = now() + interval '24 hours'
                WHERE name = \(name) RETURNING name
                """, logger: database.logger
            ).collect()
            guard !rows.isEmpty else {
                throw DXSkillsError.notFound(Message(.objUser, ["name": "\(name)", "tenant": "\(tenant)"]))
            }
            try await connection.run(
                """
                UPDATE sessions SET ended_at = now(), end_reason = 'password_changed'
                WHERE user_name = \(name) AND ended_at IS NULL
                """, logger: database.logger)
        }
        return password
    }
}
