import ArgumentParser
import DXSkillsCore
import Foundation

struct AdminCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "admin", abstract: .catalog(.adminAbstract),
            subcommands: [Tenant.self, User.self, Token.self, DemoCommand.self])
    }

    struct Tenant: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: .catalog(.adminTenantAbstract), subcommands: [Create.self, Set.self])
        }

        struct Set: AsyncParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(
                    abstract: .catalog(.adminTenantSetAbstract),
                    discussion: .catalog(.adminTenantSetDiscussion))
            }
            @OptionGroup var database: DatabaseOptions
            @Option(name: [.customLong("tenant"), .customLong("code")], help: .catalog(.tenantCode)) var code: String
            @OptionGroup var signIn: SignInOptions
            @OptionGroup var notify: NotifyOptions
            @Option(
                name: .customLong("counted-employment-types"),
                help: .catalog(.adminTenantSetCountedEmploymentTypes))
            var countedEmploymentTypes: String?
            @Option(help: .catalog(.adminTenantSetGrades))
            var grades: String?

            func validate() throws {
                if countedEmploymentTypes == nil && grades == nil && !signIn.given && !notify.given {
                    throw ValidationError(Message(.cliTenantSetNothing))
                }
                for value in types ?? [] where EmploymentType(label: value) == nil {
                    throw ValidationError(
                        Message(.cliEmploymentType, ["value": "\(value)", "accepted": "\(EmploymentType.accepted)"]))
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
                            note(
                                Message(
                                    .cliSignInSetting, ["methods": "\(settings.methods.map(\.rawValue).joined(separator: ","))"]))
                        }
                        if notify.given {
                            var settings = try await NotificationSettings.of(tenant: code, database: database)
                            notify.apply(to: &settings)
                            try await settings.store(tenant: code, database: database)
                            note(
                                Message(
                                    .cliNotifySetting,
                                    [
                                        "cert": "\(settings.certDays.map(String.init).joined(separator: ","))",
                                        "plan": "\(settings.planDays.map(String.init).joined(separator: ","))",
                                        "claim": "\(settings.claimDays)", "at": "\(settings.runAt)",
                                    ]))
                        }
                    }
                    print("updated tenant \(code)")
                }
            }
        }

        struct Create: AsyncParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: .catalog(.adminTenantCreateAbstract))
            }
            @OptionGroup var database: DatabaseOptions
            @Option(help: .catalog(.adminTenantCreateCode)) var code: String
            @Option(help: .catalog(.adminTenantCreateName)) var name: String

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
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.adminUserAbstract), subcommands: [Add.self, Set.self, PasswordReset.self, Sessions.self])
        }

        struct Add: AsyncParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(
                    abstract: .catalog(.adminUserAddAbstract),
                    discussion: .catalog(.adminUserAddDiscussion))
            }
            @OptionGroup var database: DatabaseOptions
            @Option(help: .catalog(.tenantCode)) var tenant: String
            @Option(help: .catalog(.userName)) var name: String
            @Option(help: .catalog(.adminUserAddRole)) var role: Role?
            @Option(help: .catalog(.adminUserAddUnit)) var unit: String?
            @Option(name: .customLong("employee-no"), help: .catalog(.adminUserAddEmployeeNo))
            var employeeNo: String?
            @Option(help: .catalog(.mailAddress)) var email: String?
            @Flag(
                name: .customLong("password-stdin"),
                help: .catalog(.adminUserAddPasswordStdin))
            var passwordStdin = false

            func validate() throws {
                if let role, role.isUnitScoped, unit == nil {
                    throw ValidationError(Message(.cliRoleNeedsUnit, ["role": "\(role.rawValue)"]))
                }
                if role == nil || role == .staff, employeeNo == nil {
                    throw ValidationError(Message(.cliRoleOrEmployee))
                }
            }

            func run() async throws {
                try await reportingErrors {
                    var typed: String?
                    if passwordStdin {
                        guard let line = Terminal.current.readSecret(), !line.isEmpty else {
                            throw CLIError(.usage, Message(.cliNoPasswordStdin))
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
            static var configuration: CommandConfiguration {
                CommandConfiguration(
                    abstract: .catalog(.adminUserSetAbstract),
                    discussion: .catalog(.adminUserSetDiscussion))
            }
            @OptionGroup var database: DatabaseOptions
            @Option(help: .catalog(.tenantCode)) var tenant: String
            @Option(help: .catalog(.userName)) var name: String
            @Option(help: .catalog(.adminUserSetStatus)) var status: String?
            @Option(help: .catalog(.mailAddress)) var email: String?
            @Option(
                name: .customLong("sign-in"),
                help: .catalog(.adminUserSetMethods))
            var methods: String?

            private var methodList: [SignInMethod]? {
                methods?.split(separator: ",").compactMap { SignInMethod(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
            }

            func validate() throws {
                if let status, !["active", "disabled"].contains(status) {
                    throw ValidationError(Message(.cliStatus, ["value": "\(status)"]))
                }
                if let methods, methodList?.count != methods.split(separator: ",").count || methodList?.contains(.token) == true {
                    throw ValidationError(Message(.cliSignInMethods, ["value": "\(methods)"]))
                }
                if status == nil && email == nil && methods == nil {
                    throw ValidationError(Message(.cliUserSetNothing))
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
            static var configuration: CommandConfiguration {
                CommandConfiguration(
                    commandName: "password-reset",
                    abstract: .catalog(.adminUserPasswordResetAbstract),
                    discussion: .catalog(.adminUserPasswordResetDiscussion))
            }
            @OptionGroup var database: DatabaseOptions
            @Option(help: .catalog(.tenantCode)) var tenant: String
            @Option(help: .catalog(.userName)) var name: String

            func run() async throws {
                try await reportingErrors {
                    let password = try await withDatabase(try database.url()) { database in
                        try await Administration.resetPassword(tenant: tenant, name: name, database: database)
                    }
                    print(password)
                    note(Message(.cliOneTimePassword, ["user": "\(name)"]))
                }
            }
        }

        struct Sessions: AsyncParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(
                    abstract: .catalog(.adminUserSessionsAbstract), subcommands: [End.self])
            }

            struct End: AsyncParsableCommand {
                static var configuration: CommandConfiguration {
                    CommandConfiguration(abstract: .catalog(.adminUserSessionsEndAbstract))
                }
                @OptionGroup var database: DatabaseOptions
                @Option(help: .catalog(.tenantCode)) var tenant: String
                @Option(help: .catalog(.userName)) var name: String

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
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.adminTokenAbstract), subcommands: [Issue.self, Revoke.self])
        }

        struct Issue: AsyncParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(
                    abstract: .catalog(.adminTokenIssueAbstract),
                    discussion: .catalog(.adminTokenIssueDiscussion))
            }
            @OptionGroup var database: DatabaseOptions
            @Option(help: .catalog(.tenantCode)) var tenant: String
            @Option(help: .catalog(.userName)) var user: String
            @Option(name: .customLong("expires-in-days"), help: .catalog(.adminTokenIssueExpiresInDays))
            var expiresInDays = 90

            func validate() throws {
                guard (1...3650).contains(expiresInDays) else {
                    throw ValidationError(Message(.cliRange, ["option": "--expires-in-days", "min": "1", "max": "3650"]))
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
                    note(Message(.cliTokenIssued, ["id": "\(issued.tokenID)", "expires": "\(issued.expiresAt)"]))
                }
            }
        }

        struct Revoke: AsyncParsableCommand {
            static var configuration: CommandConfiguration { CommandConfiguration(abstract: .catalog(.adminTokenRevokeAbstract)) }
            @OptionGroup var database: DatabaseOptions
            @Option(help: .catalog(.tenantCode)) var tenant: String
            @Option(name: .customLong("token-id"), help: .catalog(.adminTokenRevokeTokenID)) var tokenID: String

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
