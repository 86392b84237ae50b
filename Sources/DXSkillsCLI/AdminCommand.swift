import ArgumentParser
import DXSkillsCore
import Foundation

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Tenants, users, tokens and demo data (works on the database directly).",
        subcommands: [Tenant.self, User.self, Token.self, DemoCommand.self])

    struct Tenant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Manage tenants.", subcommands: [Create.self, Set.self])

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change a tenant's settings.",
                discussion: "Example: count 会計年度任用 in headcount with --counted-employment-types regular,fixed_term,fiscal_year")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Tenant code.") var code: String
            @Option(
                name: .customLong("counted-employment-types"),
                help: "Comma-separated employment types headcount counts (default regular,fixed_term).")
            var countedEmploymentTypes: String?
            @Option(help: "Comma-separated grades, lowest first (default 主事,主任,係長,課長補佐,課長,部長,局長).")
            var grades: String?

            func validate() throws {
                if countedEmploymentTypes == nil && grades == nil {
                    throw ValidationError("give --counted-employment-types or --grades")
                }
                for value in types ?? [] where EmploymentType(label: value) == nil {
                    throw ValidationError("unknown employment type \(value): use \(EmploymentType.accepted)")
                }
            }

            private var types: [String]? {
                countedEmploymentTypes?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }

            func run() async throws {
                try await reportingErrors {
                    let counted = types?.compactMap { EmploymentType(label: $0) }
                    let gradeList = grades?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    try await withDatabase(try database.url()) { database in
                        try await Administration.updateTenant(
                            code: code, countedEmploymentTypes: counted, grades: gradeList, database: database)
                    }
                    print("updated tenant \(code)")
                }
            }
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a tenant (one municipality).")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "6-digit local government code (団体コード).") var code: String
            @Option(help: "Name, e.g. みなと市.") var name: String

            func run() async throws {
                try await reportingErrors {
                    let created = try await withDatabase(try database.url()) { database in
                        try await Administration.createTenant(code: code, name: name, database: database)
                    }
                    print(created ? "created tenant \(code) \(name)" : "tenant \(code) already exists")
                }
            }
        }
    }

    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [Add.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a user, or change its role and scope.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Tenant code.") var tenant: String
            @Option(help: "User name.") var name: String
            @Option(help: "admin, hr, manager, evaluator or staff.") var role: Role
            @Option(help: "Scope unit of a manager or evaluator.") var unit: String?
            @Option(name: .customLong("employee-no"), help: "The staff record this user is (required for staff).")
            var employeeNo: String?

            func validate() throws {
                if role.isUnitScoped && unit == nil {
                    throw ValidationError("a \(role.rawValue) needs --unit: its scope is that unit and its descendants")
                }
                if role == .staff && employeeNo == nil {
                    throw ValidationError("a staff user needs --employee-no: the record it may read")
                }
            }

            func run() async throws {
                try await reportingErrors {
                    try await withDatabase(try database.url()) { database in
                        try await Administration.addUser(
                            tenant: tenant, name: name, role: role, unitCode: unit, employeeNo: employeeNo,
                            database: database)
                    }
                    print("user \(name) (\(role.rawValue)) in tenant \(tenant)")
                }
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue or revoke API tokens.", subcommands: [Issue.self, Revoke.self])

        struct Issue: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Issue a token; prints only the token, which is shown this once.",
                discussion: "The token id, needed to revoke it, is the third part: dxs_TENANT_ID_SECRET.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Tenant code.") var tenant: String
            @Option(help: "User name.") var user: String
            @Option(name: .customLong("expires-in-days"), help: "Days until the token expires (1 to 3650).")
            var expiresInDays = 90

            func validate() throws {
                guard (1...3650).contains(expiresInDays) else {
                    throw ValidationError("--expires-in-days must be between 1 and 3650")
                }
            }

            func run() async throws {
                try await reportingErrors {
                    let issued = try await withDatabase(try database.url()) { database in
                        let context = TenantContext(tenant: tenant, actor: "admin")
                        return try await database.transaction(context) { connection in
                            try await TokenStore.issue(
                                user: user, expiresInDays: expiresInDays, connection: connection, context: context,
                                logger: database.logger)
                        }
                    }
                    print(issued.token)
                    note("token id \(issued.tokenID), expires \(issued.expiresAt) (Asia/Tokyo)")
                }
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a token by its id.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Tenant code.") var tenant: String
            @Option(name: .customLong("token-id"), help: "The token id (third part of the token).") var tokenID: String

            func run() async throws {
                try await reportingErrors {
                    try await withDatabase(try database.url()) { database in
                        try await database.transaction(TenantContext(tenant: tenant, actor: "admin")) { connection in
                            try await TokenStore.revoke(tokenID: tokenID, connection: connection, logger: database.logger)
                        }
                    }
                    print("revoked token \(tokenID)")
                }
            }
        }
    }
}
