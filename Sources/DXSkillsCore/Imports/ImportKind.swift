/// The CSV files `dxskills import KIND FILE` reads (reference §3.1).
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    case skills
    case certificationCatalog = "certification-catalog"
    case units, staff, courses, training, certifications, assessments, designations, ratings
    case careerPlans = "career-plans"
    case roles

    /// The columns of the file (reference §3.1).
    var columns: [CSVColumn] {
        switch self {
        case .skills: return SkillImport.columns
        case .certificationCatalog: return CertificationCatalogImport.columns
        case .units: return UnitImport.columns
        case .staff: return StaffImport.columns
        case .courses: return CourseImport.columns
        case .training: return TrainingImport.columns
        case .certifications: return CertificationImport.columns
        case .assessments: return AssessmentImport.columns
        case .designations: return DesignationImport.columns
        case .ratings: return RatingImport.columns
        case .careerPlans: return CareerPlanImport.columns
        case .roles: return RoleImport.columns
        }
    }

    /// Who may import it: personnel data and role grants are HR's; a manager records assessments in
    /// its subtree; an evaluator enters ratings there (HR may enter evaluators' sheets on their behalf).
    public func allows(_ role: Role) -> Bool {
        role.isTenantWide || (self == .assessments && role == .manager) || (self == .ratings && role == .evaluator)
    }
}

/// How an import reads its file and whether it writes.
public struct ImportOptions: Sendable {
    public var encoding: TextEncoding?
    public var dryRun: Bool
    public var ignoreUnknownColumns: Bool
    /// Ratings: the fiscal year of rows that do not name one.
    public var fiscalYear: Int?
    /// The day the import runs, in Asia/Tokyo (nil: the clock's): assessments check dates against it;
    /// roles bring the staff's users up to date as of it.
    public var today: Day?

    public init(
        encoding: TextEncoding? = nil, dryRun: Bool = false, ignoreUnknownColumns: Bool = false, fiscalYear: Int? = nil,
        today: Day? = nil
    ) {
        self.encoding = encoding
        self.dryRun = dryRun
        self.ignoreUnknownColumns = ignoreUnknownColumns
        self.fiscalYear = fiscalYear
        self.today = today
    }
}

/// What an import did, or with `dryRun` would do.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var kind: String
    public var rows: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    /// Staff: new primary assignments that end an earlier one. Roles: stored grants that a new one
    /// ends the day before it begins.
    public var transfers: Int
    public var dryRun: Bool
    public var encoding: String

    public init(kind: ImportKind, rows: Int, encoding: TextEncoding, dryRun: Bool) {
        self.kind = kind.rawValue
        self.rows = rows
        self.inserted = 0
        self.updated = 0
        self.unchanged = 0
        self.transfers = 0
        self.dryRun = dryRun
        self.encoding = encoding.rawValue
    }
}
