/// A user's role (reference §1).
public enum Role: String, Sendable, CaseIterable, Codable {
    case admin, hr, manager, evaluator, staff

    /// Roles whose scope is one unit and its descendants.
    public var isUnitScoped: Bool { self == .manager || self == .evaluator }
    /// Roles that may write and read all personnel data of the tenant.
    public var isTenantWide: Bool { self == .admin || self == .hr }
}

/// The labels a roles file may write instead of the value (reference §6).
extension Role: LabeledValue {
    public var japanese: String {
        switch self {
        case .admin: return "管理者"
        case .hr: return "人事"
        case .manager: return "所属長"
        case .evaluator: return "評価者"
        case .staff: return "職員"
        }
    }
}

/// Who is calling: a user of one tenant, with the scope its role gives.
public struct Principal: Sendable, Equatable {
    public let tenant: String
    public let userName: String
    public let role: Role
    public let unitCode: String?
    public let employeeNo: String?

    public init(tenant: String, userName: String, role: Role, unitCode: String?, employeeNo: String?) {
        self.tenant = tenant
        self.userName = userName
        self.role = role
        self.unitCode = unitCode
        self.employeeNo = employeeNo
    }

    /// What this caller may see.
    public var scope: Scope {
        switch role {
        case .admin, .hr: return .tenant
        case .manager, .evaluator: return .subtree(unitCode ?? "")
        case .staff: return .own(employeeNo ?? "")
        }
    }

    /// The audit actor: user name within the tenant.
    public var actor: String { userName }

    /// Throws `forbidden` unless the role is one of `roles`.
    public func require(_ roles: Role..., to action: MessageKey) throws(DXSkillsError) {
        guard roles.contains(role) else {
            throw .forbidden(Message(.forbidRole, ["role": "\(role.rawValue)", "action": .key(action)]))
        }
    }
}

/// The part of a tenant a caller may see (reference §1).
public enum Scope: Sendable, Equatable {
    case tenant
    case subtree(String)
    case own(String)
}
