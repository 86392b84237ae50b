import PostgresNIO

/// Everything マイページ shows a signed-in staff member about themselves (reference §7.1).
public struct MyPage: Sendable, Codable, Equatable {
    public let asOf: Day
    /// The staff record with its whole assignment history (配属履歴).
    public let staff: StaffRecord
    public let skills: [MySkill]
    public let training: [MyTraining]
    public let certifications: [MyCertification]
    public let designations: [MyDesignation]
    public let plans: [CareerPlanStatus]
    /// Only fiscal years whose results hr has disclosed.
    public let evaluations: [MyEvaluation]
}

/// One piece of evidence of a skill level, with the last day it shows the level (nil: no end).
public struct MyEvidence: Sendable, Codable, Equatable {
    public let source: EvidenceSource
    public let reference: String
    public let on: Day
    public let level: Int
    public let validUntil: Day?
}

/// A staff member's own rating of a skill, shown beside Level and never counted in it.
public struct SelfAssessment: Sendable, Codable, Equatable {
    public let level: Int
    public let on: Day
}

/// Level(P, S, D) of one skill, its evidence, and the latest self-assessment on or before D.
public struct MySkill: Sendable, Codable, Equatable {
    public let skillCode: String
    public let skillName: String
    public let level: Int
    public let evidence: [MyEvidence]
    public let selfAssessment: SelfAssessment?
}

/// One training record of the caller's.
public struct MyTraining: Sendable, Codable, Equatable {
    public let courseCode: String
    public let courseTitle: String
    public let completedOn: Day
    public let status: String
    public let score: Int?
    /// The record's hours, else the course's.
    public let hours: Double
}

/// One certification holding of the caller's; `expiringSoon` when it ends within 90 days of D.
public struct MyCertification: Sendable, Codable, Equatable {
    public let certCode: String
    public let certName: String
    public let acquiredOn: Day
    /// The expiry, or the end of the certification's validity (nil: never).
    public let expiresOn: Day?
    public let valid: Bool
    public let expiringSoon: Bool
}

/// One designation (leader, sub_leader) of the caller's.
public struct MyDesignation: Sendable, Codable, Equatable {
    public let role: String
    public let unitCode: String
    public let unitName: String
    public let termStart: Day
    public let termEnd: Day
    public let workingGroup: String?
}

/// The caller's ratings of one disclosed fiscal year.
public struct MyEvaluation: Sendable, Codable, Equatable {
    public struct Rating: Sendable, Codable, Equatable {
        public let item: String
        public let stage1: String?
        public let stage2: String?
        /// Stage 2 if present, else stage 1 (reference §4.8).
        public let final: String
    }
    public let fiscalYear: Int
    public let disclosedOn: Day
    public let ratings: [Rating]
}

extension MyPage {
    /// Days ahead within which a certification's end is highlighted.
    public static let expiryWarningDays = 90

    /// The caller's own page on D. Every query is bound to the caller's employee number: nothing
    /// of anybody else is read.
    public static func load(principal: Principal, asOf: Day, connection: PostgresConnection, logger: Logger)
        async throws -> MyPage
    {
        guard let employeeNo = principal.employeeNo else {
            throw DXSkillsError.notFound(Message(.objUnlinkedUser, ["user": "\(principal.userName)"]))
        }
        // The caller as a staff user: whatever its role, マイページ shows its own record only.
        let own = Principal(
            tenant: principal.tenant, userName: principal.userName, role: .staff, unitCode: nil, employeeNo: employeeNo)
        let staff = try await StaffDirectory.show(
            principal: own, employeeNo: employeeNo, asOf: asOf, connection: connection, logger: logger)
        // As a staff user, the report's population is the caller alone; with no plan and another
        // job track than information, none.
        let plans = try await CareerPlanReport.run(principal: own, asOf: asOf, connection: connection, logger: logger)
            .filter { $0.employeeNo == employeeNo }
        return MyPage(
            asOf: asOf, staff: staff,
            skills: try await skills(employeeNo, asOf: asOf, connection: connection, logger: logger),
            training: try await training(employeeNo, connection: connection, logger: logger),
            certifications: try await certifications(employeeNo, asOf: asOf, connection: connection, logger: logger),
            designations: try await designations(employeeNo, connection: connection, logger: logger),
            plans: plans,
            evaluations: try await evaluations(employeeNo, connection: connection, logger: logger))
    }
}
