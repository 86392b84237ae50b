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
            @Option(name: [.customLong("tenant"), .customLong("code")], help: "Tenant code.") var code: String
            @OptionGroup var signIn: SignInOptions
            @OptionGroup var notify: NotifyOptions
            @Option(
                name: .customLong("counted-employment-types"),
                help: "Comma-separated employment types headcount counts (default regular,fixed_term).")
            var countedEmploymentTypes: String?
            @Option(help: "Comma-separated grades, lowest first (default 主事,主任,係長,課長補佐,課長,部長,局長).")
            var grades: String?

            func validate() throws {
                if countedEmploymentTypes == nil && grades == nil && !signIn.given && !notify.given {
                    throw ValidationError(
                        "give --counted-employment-types, --grades, a sign-in setting (--sign-in, --ldap-…, --oidc-…) "
                            + "or a notification setting (--notify-…)")
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
                        if counted != nil || gradeList != nil {
                            try await Administration.updateTenant(
                                code: code, countedEmploymentTypes: counted, grades: gradeList, database: database)
                        }
                        if signIn.given {
                            var settings = try await SignInSettings.of(tenant: code, database: database)
                            try signIn.apply(to: &settings)
                            try await settings.store(tenant: code, database: database)
                            note("sign-in: \(settings.methods.map(\.rawValue).joined(separator: ","))")
                        }
                        if notify.given {
                            var settings = try await NotificationSettings.of(tenant: code, database: database)
                            notify.apply(to: &settings)
                            try await settings.store(tenant: code, database: database)
                            note(
                                "notifications: certificates \(settings.certDays.map(String.init).joined(separator: ",")) days, "
                                    + "plans \(settings.planDays.map(String.init).joined(separator: ",")) days, "
                                    + "claims every \(settings.claimDays) days, daily at \(settings.runAt)")
                        }
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
        static let configuration = CommandConfiguration(
            abstract: "Manage users.", subcommands: [Add.self, Set.self, PasswordReset.self, Sessions.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a user, or change it; a role is a grant from today, open-ended.",
                discussion: """
                    Every staff member in service already has a user named by the employee number (the staff import makes
                    it). Add users that have no staff record (administrators, HR staff from outside) here. Without --role,
                    a user linked to a staff member (--employee-no) is staff: its own record only. Role grants for many
                    users at once, effective-dated, come from `dxskills import roles`.
                    """)
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Tenant code.") var tenant: String
            @Option(help: "User name.") var name: String
            @Option(help: "admin, hr, manager, evaluator or staff (a grant from today).") var role: Role?
            @Option(help: "Scope unit of a manager or evaluator.") var unit: String?
            @Option(name: .customLong("employee-no"), help: "The staff record this user is (required for staff).")
            var employeeNo: String?
            @Option(help: "Mail address, for notifications.") var email: String?
            @Flag(
                name: .customLong("password-stdin"),
                help: "Read a password for local sign-in from the first line of standard input (12 characters or more).")
            var passwordStdin = false

            func validate() throws {
                if let role, role.isUnitScoped, unit == nil {
                    throw ValidationError("a \(role.rawValue) needs --unit: its scope is that unit and its descendants")
                }
                if role == nil || role == .staff, employeeNo == nil {
                    throw ValidationError("give --role, or --employee-no for a staff user (its own record only)")
                }
            }

            func run() async throws {
                try await reportingErrors {
                    var typed: String?
                    if passwordStdin {
                        guard let line = Terminal.current.readSecret(), !line.isEmpty else {
                            throw CLIError(.usage, "--password-stdin: no password on standard input")
                        }
                        typed = line
                    }
                    let password = typed
                    try await withDatabase(try database.url()) { database in
                        try await Administration.addUser(
                            tenant: tenant, name: name, role: role, unitCode: unit, employeeNo: employeeNo, email: email,
                            password: password, database: database)
                    }
                    print("user \(name) (\(role?.rawValue ?? "staff")) in tenant \(tenant)")
                }
            }
        }

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Disable or enable a user, or change its mail address or sign-in methods.",
                discussion: "Disabling a user ends its sessions at once; its tokens stop working.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Tenant code.") var tenant: String
            @Option(help: "User name.") var name: String
            @Option(help: "active or disabled.") var status: String?
            @Option(help: "Mail address, for notifications.") var email: String?
            @Option(
                name: .customLong("sign-in"),
                help: "The methods this user may sign in with: local, ldap, oidc (the tenant's --sign-in limits them further).")
            var methods: String?

            private var methodList: [SignInMethod]? {
                methods?.split(separator: ",").compactMap { SignInMethod(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
            }

            func validate() throws {
                if let status, !["active", "disabled"].contains(status) {
                    throw ValidationError("--status is active or disabled, got \(status)")
                }
                if let methods, methodList?.count != methods.split(separator: ",").count || methodList?.contains(.token) == true {
                    throw ValidationError("--sign-in takes local, ldap and oidc, got \(methods)")
                }
                if status == nil && email == nil && methods == nil {
                    throw ValidationError("give --status, --email or --sign-in")
                }
            }

            func run() async throws {
                try await reportingErrors {
                    try await withDatabase(try database.url()) { database in
                        try await Administration.updateUser(
                            tenant: tenant, name: name, active: status.map { $0 == "active" }, email: email,
                            methods: methodList, database: database)
                    }
                    print("updated user \(name) in tenant \(tenant)")
                }
            }
        }

        struct PasswordReset: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "password-reset",
                abstract: "Print a one-time password, valid 24 hours, that must be changed at the first sign-in.",
                discussion: "The user's sessions end. Hand the password over in person or by a channel you trust.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Tenant code.") var tenant: String
            @Option(help: "User name.") var name: String

            func run() async throws {
                try await reportingErrors {
                    let password = try await withDatabase(try database.url()) { database in
                        try await Administration.resetPassword(tenant: tenant, name: name, database: database)
                    }
                    print(password)
                    note("one-time password of \(name), valid 24 hours; it must be changed at the first sign-in")
                }
            }
        }

        struct Sessions: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "End a user's dashboard sessions.", subcommands: [End.self])

            struct End: AsyncParsableCommand {
                static let configuration = CommandConfiguration(abstract: "End every live session of a user now.")
                @OptionGroup var database: DatabaseOptions
                @Option(help: "Tenant code.") var tenant: String
                @Option(help: "User name.") var name: String

                func run() async throws {
                    try await reportingErrors {
                        let ended = try await withDatabase(try database.url()) { database in
                            try await DXSkillsCore.Sessions.endAll(
                                tenant: tenant, user: name, reason: .admin, actor: "admin", database: database)
                        }
                        print("ended \(ended) session(s) of \(name)")
                    }
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
