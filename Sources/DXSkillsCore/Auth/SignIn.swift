import Foundation
import PostgresNIO

/// The answer to a sign-in.
public enum SignInOutcome: Sendable, Equatable {
    /// Signed in as this user (for a directory or an OpenID provider: the staff member's user).
    case signedIn(user: String, method: SignInMethod, mustChangePassword: Bool)
    /// The one answer for an unknown user, a wrong password, a locked or disabled account (reference
    /// §6): nothing in it tells them apart.
    case refused
    /// The directory or the provider vouched for a person whose employee number is not a staff
    /// member in service here (or gave none); the message says which.
    case notInService(Message)
    /// The directory or the provider could not be asked; never reported as a wrong password.
    case unavailable(String)
}

/// Sign-in with a user name and a password, locally or through the tenant's directory, with the
/// lockout and the audit of reference §6.
public enum SignIn {
    /// What the database knows of a user name, for a sign-in.
    struct Account: Sendable {
        let name: String
        let employeeNo: String?
        let active: Bool
        let lockedUntil: Date?
        let methods: [SignInMethod]
        let passwordHash: String?
        let oneTimeUntil: Date?
        let hasRights: Bool
    }

    /// Signs in `user` with `password` in `tenant`. Local when the tenant allows it and the user has a
    /// password; otherwise through the directory, when the tenant has one.
    public static func password(
        tenant: String, user: String, password: String, client: String?, database: Database
    ) async throws -> SignInOutcome {
        let user = user.trimmingCharacters(in: .whitespaces)
        // No user name holds a control character; a NUL in a password would cut it short in the
        // directory's C library (and PostgreSQL refuses NUL in text): both are refused like a wrong password.
        guard Self.isTenantCode(tenant), !user.isEmpty, user.count <= 200,
            !user.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
            !password.unicodeScalars.contains("\u{0}")
        else {
            _ = try await Passwords.verify(password, hash: nil)
            return .refused
        }
        let (settings, account, lockedUntil) = try await database.transaction(TenantContext(tenant: tenant, actor: user)) {
            connection in
            let settings = try await SignInSettings.load(connection: connection, logger: database.logger)
            let account = try await Self.account(user, connection: connection, logger: database.logger)
            let locked =
                try await connection.query("SELECT sign_in_locked_until(\(user))", logger: database.logger)
                .decode(Date?.self).collect().first ?? nil
            return (settings, account, locked)
        }
        let local = settings.allows(.local) && account?.passwordHash != nil
        let method: SignInMethod = local || !settings.allows(.ldap) ? .local : .ldap
        if let lockedUntil, lockedUntil > Date() {
            // The same work as a real check, so that a locked account answers in the same time.
            _ = try await Passwords.verify(password, hash: nil)
            try await record(tenant, user, method, nil, "locked", client, database)
            return .refused
        }
        if method == .ldap {
            return try await directory(
                tenant: tenant, user: user, password: password, settings: settings, client: client, database: database)
        }
        let matches = try await Passwords.verify(password, hash: local ? account?.passwordHash : nil)
        guard let account, matches else {
            let reason = account == nil ? "unknown_user" : !settings.allows(.local) ? "method_off" : "bad_password"
            try await record(tenant, user, .local, nil, reason, client, database)
            return .refused
        }
        if let reason = refusal(of: account, method: .local) {
            try await record(tenant, user, .local, nil, reason, client, database)
            return .refused
        }
        if let until = account.oneTimeUntil, until < Date() {
            try await record(tenant, user, .local, nil, "one_time_password_expired", client, database)
            return .refused
        }
        try await record(tenant, user, .local, user, nil, client, database)
        return .signedIn(user: user, method: .local, mustChangePassword: account.oneTimeUntil != nil)
    }

    /// Signs in the staff member a directory or an OpenID provider identified by its employee
    /// number: its user is the one named by that number (reference §6). `typed` is the name the
    /// attempt is recorded under (what was typed, or the provider's subject).
    public static func employee(
        _ employeeNo: String?, mail: String? = nil, tenant: String, method: SignInMethod, typed: String, client: String?,
        database: Database
    ) async throws -> SignInOutcome {
        guard let employeeNo, !employeeNo.isEmpty else {
            try await record(tenant, typed, method, nil, "no_employee_number", client, database)
            return .notInService(Message(method == .ldap ? .signInNoEmployeeLDAP : .signInNoEmployeeOIDC))
        }
        let account = try await database.transaction(TenantContext(tenant: tenant, actor: employeeNo)) { connection in
            try await Self.account(employeeNo, connection: connection, logger: database.logger)
        }
        guard let account, account.employeeNo == employeeNo, refusal(of: account, method: method) == nil else {
            try await record(tenant, typed, method, nil, "not_in_service", client, database)
            return .notInService(Message(.signInNotInService, ["id": "\(employeeNo)"]))
        }
        try await record(tenant, typed, method, employeeNo, nil, client, database)
        if let mail {
            try await database.transaction(TenantContext(tenant: tenant, actor: employeeNo)) { connection in
                try await connection.run("SELECT app_note_directory_mail(\(mail))", logger: database.logger)
            }
        }
        return .signedIn(user: employeeNo, method: method, mustChangePassword: false)
    }

    /// Why an account that proved who it is may still not sign in; nil when it may.
    static func refusal(of account: Account, method: SignInMethod) -> String? {
        if !account.active { return "disabled" }
        if !account.methods.contains(method) { return "method_off" }
        if !account.hasRights { return "no_rights" }
        return nil
    }

    static func account(_ name: String, connection: PostgresConnection, logger: Logger) async throws -> Account? {
        let rows = try await connection.query(
            """
            SELECT name, employee_no, status, array_to_string(sign_in, ','), password_hash, password_one_time_until,
                   has_rights
            FROM sign_in_user(\(name))
            """, logger: logger)
        for try await (name, employee, status, methods, hash, oneTime, rights) in rows.decode(
            (String, String?, String, String, String?, Date?, Bool).self)
        {
            return Account(
                name: name, employeeNo: employee, active: status == "active", lockedUntil: nil,
                methods: methods.split(separator: ",").compactMap { SignInMethod(rawValue: String($0)) },
                passwordHash: hash, oneTimeUntil: oneTime, hasRights: rights)
        }
        return nil
    }

    /// Records an attempt (audited; failures count towards the lockout), and counts it once recorded.
    /// `actor` is the user signed in, or nil for a failure (recorded under the typed name).
    static func record(
        _ tenant: String, _ typed: String, _ method: SignInMethod, _ actor: String?, _ reason: String?, _ client: String?,
        _ database: Database
    ) async throws {
        try await database.transaction(TenantContext(tenant: tenant, actor: actor ?? typed)) { connection in
            try await connection.run(
                "SELECT app_record_sign_in(\(typed), \(method.rawValue), \(reason == nil), \(reason), \(client))",
                logger: database.logger)
        }
        database.counters?.signInAttempted(method: method, succeeded: reason == nil)
    }

    /// A 6-digit tenant code (団体コード).
    public static func isTenantCode(_ text: String) -> Bool { text.count == 6 && text.allSatisfy(\.isASCIIDigit) }

    /// Records a single sign-on that failed before anyone was identified (a bad state or token).
    public static func recordOpenIDFailure(tenant: String, reason: String, client: String?, database: Database) async throws {
        try await record(tenant, "oidc", .oidc, nil, "rejected: \(reason)", client, database)
    }

    /// The tenants a sign-in page offers: code, name and the methods each allows.
    public static func tenants(database: Database) async throws -> [(code: String, name: String, methods: [SignInMethod])] {
        try await database.withConnection { connection in
            try await connection.query(
                "SELECT tenant_id, name, array_to_string(methods, ',') FROM sign_in_tenants()", logger: database.logger
            ).decode((String, String, String).self).collect().map {
                ($0.0, $0.1, $0.2.split(separator: ",").compactMap { SignInMethod(rawValue: String($0)) })
            }
        }
    }
}

extension SignIn {
    /// Changes a signed-in user's own password: the current one first (a one-time password too),
    /// then the rules of reference §6. Ends the user's other sessions; `keepSession` stays.
    public static func changePassword(
        tenant: String, user: String, current: String, new: String, keepSession: Data?, client: String?,
        database: Database
    ) async throws {
        let account = try await database.transaction(TenantContext(tenant: tenant, actor: user)) { connection in
            try await Self.account(user, connection: connection, logger: database.logger)
        }
        guard let account, try await Passwords.verify(current, hash: account.passwordHash) else {
            try await record(tenant, user, .local, nil, "bad_password", client, database)
            throw DXSkillsError.invalid(Message(.passwordCurrentWrong))
        }
        if let problem = Passwords.problem(new, userName: user, employeeNo: account.employeeNo) {
            throw DXSkillsError.invalid(problem)
        }
        if new == current {
            throw DXSkillsError.invalid(Message(.passwordSame))
        }
        let hash = try await Passwords.hash(new)
        try await database.transaction(TenantContext(tenant: tenant, actor: user)) { connection in
            try await connection.run("SELECT app_set_password(\(user), \(hash), \(keepSession))", logger: database.logger)
        }
    }

    /// A personal API token for a user who signs in with its password (`dxskills login`): the
    /// sign-in of `password(…)`, then a token valid `days` (at most 90) days.
    public static func personalToken(
        tenant: String, user: String, password: String, days: Int, client: String?, database: Database
    ) async throws -> (outcome: SignInOutcome, token: IssuedToken?) {
        let outcome = try await Self.password(
            tenant: tenant, user: user, password: password, client: client, database: database)
        guard case .signedIn(let name, _, let mustChange) = outcome else { return (outcome, nil) }
        guard !mustChange else {
            throw DXSkillsError.forbidden(Message(.passwordOneTime))
        }
        let (tokenID, token, hash) = TokenStore.newToken(tenant: tenant)
        let expires = try await database.transaction(TenantContext(tenant: tenant, actor: name)) { connection in
            try await connection.query(
                """
                SELECT to_char(app_issue_own_token(\(tokenID), \(hash), \(days)::integer) AT TIME ZONE 'Asia/Tokyo',
                               'YYYY-MM-DD HH24:MI')
                """, logger: database.logger
            ).decode(String.self).collect().first ?? ""
        }
        return (outcome, IssuedToken(tokenID: tokenID, token: token, expiresAt: expires))
    }
}
