import PostgresNIO

/// One row of a roles file: a user's role and scope from a day (reference §6).
struct RoleGrantRow: Sendable {
    var user: String
    /// The column that named the user, `employee_no` or `user`: where a problem with it is reported.
    var userColumn: String
    var role: Role
    var unitCode: String?
    var from: Day
    var to: Day?
}

extension RoleGrantRow: Equatable {
    /// The same grant, whichever column named its user.
    static func == (a: Self, b: Self) -> Bool {
        (a.user, a.role, a.unitCode, a.from, a.to) == (b.user, b.role, b.unitCode, b.from, b.to)
    }
}

/// `import roles`: role grants (権限), keyed by user and `valid_from`. A row names a staff member's
/// user by `employee_no` (the user named by the employee number and linked to it) or any user by
/// `user`. A stored grant that reaches into a row's days ends the day before the row begins, as an
/// April file moves a 課長 to another 課; one that begins later is the file's to name, not to cut.
/// Only hr and admin import grants, nobody their own, and only an admin grants admin (the database's
/// guard on role_grants says the same).
enum RoleImport: RowImport {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: false),
        CSVColumn(name: "user", aliases: ["ユーザー"], required: false),
        CSVColumn(name: "role", aliases: ["権限"], required: true),
        CSVColumn(name: "unit_code", aliases: ["所属コード"], required: false),
        CSVColumn(name: "valid_from", aliases: ["開始日"], required: true),
        CSVColumn(name: "valid_to", aliases: ["終了日"], required: false),
    ]

    struct Known {
        let units: [String: (from: Day, to: Day?)]
        let service: [String: (hired: Day, retired: Day?)]
        let users: Set<String>
        /// The staff member each linked user belongs to.
        let links: [String: String]
        let actor: String
        let own: String?
        let callerIsAdmin: Bool
    }

    static func known(_ input: ImportInput) async throws -> Known {
        let role = callerRole(input)
        if let role, !role.isTenantWide {
            throw DXSkillsError.forbidden(
                Message(.forbidRole, ["role": "\(role.rawValue)", "action": .message(Message(.actImport, ["kind": "roles"]))]))
        }
        // The rows name staff members' users: every staff member in service has one first.
        let today = input.options.today ?? Day.today()
        try await input.connection.run("SELECT app_sync_staff_users(\(today))", logger: input.logger)
        var users = Set<String>()
        var links: [String: String] = [:]
        for try await (name, employee) in try await input.connection.query(
            "SELECT name, employee_no FROM users", logger: input.logger
        ).decode((String, String?).self) {
            users.insert(name)
            links[name] = employee
        }
        return Known(
            units: try await unitValidity(connection: input.connection, logger: input.logger),
            service: try await staffService(connection: input.connection, logger: input.logger), users: users,
            links: links, actor: input.context.actor, own: input.own, callerIsAdmin: role == nil || role == .admin)
    }

    /// The role the import runs with; nil for the schema owner (the `admin` commands), which the
    /// database does not check either.
    static func callerRole(_ input: ImportInput) -> Role? { input.caller?.role ?? input.context.role }

    static func row(_ cells: inout CellReader, _ known: inout Known) -> RoleGrantRow? {
        let employee = cells.optional("employee_no")
        let named = cells.optional("user")
        let roleText = cells.optional("role")
        let role = cells.labeled("role", as: Role.self)
        let unit = cells.optional("unit_code")
        let from = cells.date("valid_from", required: true)
        let to = cells.date("valid_to", required: false)
        var user: String?
        var column = "employee_no"
        // The staff member the grant's user is linked to, if any.
        var staffNo: String?
        switch (employee, named) {
        case (nil, nil):
            cells.fail(
                "employee_no", nil,
                .grantWho)
        case (let employee?, let named?):
            column = "user"
            cells.fail("user", named, .grantBoth, ["employee": "\(employee)"])
        case (let employee?, nil):
            if known.service[employee] == nil {
                cells.fail("employee_no", employee, .unknownEmployee)
            } else {
                user = employee
                staffNo = employee
            }
        case (nil, let named?):
            column = "user"
            if known.users.contains(named) {
                user = named
                staffNo = known.links[named]
            } else {
                cells.fail("user", named, .unknownUser)
            }
        }
        if let role {
            if role.isUnitScoped, unit == nil {
                cells.fail(
                    "unit_code", nil, .grantNeedsUnit, ["role": role.withArticle])
            }
            if !role.isUnitScoped, let unit {
                cells.fail(
                    "unit_code", unit,
                    .grantHasNoUnit, ["role": role.withArticle])
            }
            if role == .admin, !known.callerIsAdmin {
                cells.fail("role", roleText, .grantAdminOnly)
            }
            if role == .staff, let user, staffNo == nil {
                cells.fail(
                    "role", roleText,
                    .grantStaffUnlinked, ["user": "\(user)"])
            }
        }
        if let unit, role?.isUnitScoped != false {
            if let validity = known.units[unit] {
                if let from, from < validity.from || (validity.to.map { from > $0 } ?? false) {
                    cells.fail(
                        "unit_code", unit,
                        .unitNotValidOnFrom,
                        ["unit": "\(unit)", "from": "\(validity.from)", "to": .until(validity.to), "day": "\(from)"])
                }
            } else {
                cells.fail("unit_code", unit, .unknownUnit)
            }
        }
        if let from, let to, to < from {
            cells.fail("valid_to", to.description, .beforeColumn, ["column": "valid_from", "day": "\(from)"])
        }
        if let staffNo, let from, let retired = known.service[staffNo]?.retired, retired < from {
            cells.fail(
                "valid_from", from.description, .retiredBeforeGrant, ["employee": "\(staffNo)", "day": "\(retired)"])
        } else if column == "employee_no", let user, known.links[user] != user {
            // The staff member is in service on valid_from, yet no user of its own: retired before
            // today (users are made for staff in service), or the name is another account's.
            cells.fail(
                "employee_no", user,
                known.users.contains(user) ? Message(.userNotLinked, ["user": "\(user)"]) : Message(.employeeHasNoUser))
        }
        if let user, user == known.actor || (staffNo != nil && staffNo == known.own) {
            cells.fail(
                column, column == "user" ? named : employee,
                .ownGrant, ["whose": .key(user == known.actor ? .ownGrantUser : .ownGrantEmployee)])
        }
        guard cells.issues.isEmpty, let user, let role, let from else { return nil }
        return RoleGrantRow(
            user: user, userColumn: column, role: role, unitCode: role.isUnitScoped ? unit : nil, from: from, to: to)
    }

    static func key(_ row: RoleGrantRow) -> [String] { [row.user, row.from.description] }
}

extension Role {
    /// `a manager`, `an hr`: how a message names a grant of the role.
    /// The role with its article ("a manager"), as a message value.
    fileprivate var withArticle: MessageValue {
        switch self {
        case .admin: return .key(.roleAdmin)
        case .hr: return .key(.roleHR)
        case .manager: return .key(.roleManager)
        case .evaluator: return .key(.roleEvaluator)
        case .staff: return .key(.roleStaff)
        }
    }
}
