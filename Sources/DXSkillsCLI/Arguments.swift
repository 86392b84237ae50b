import ArgumentParser
import DXSkillsAPI
import DXSkillsCore

// Arguments parsed straight into the core's types (ArgumentParser lists their values in --help and
// refuses others), and total mappings from them to the generated client's types.

extension Role: ExpressibleByArgument {}
extension ImportKind: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
extension CSVOutputEncoding: ExpressibleByArgument {}
extension PlanStatus: ExpressibleByArgument {}

extension RankingGroup: ExpressibleByArgument {
    /// `none`, `grade`, `job_track`, or a unit kind (局, 部, 課): every text is a group.
    public init?(argument: String) { self.init(argument) }
}

extension Components.Schemas.ImportKind {
    init(_ core: ImportKind) {
        switch core {
        case .skills: self = .skills
        case .certificationCatalog: self = .certificationCatalog
        case .units: self = .units
        case .staff: self = .staff
        case .courses: self = .courses
        case .training: self = .training
        case .certifications: self = .certifications
        case .assessments: self = .assessments
        case .designations: self = .designations
        case .ratings: self = .ratings
        case .careerPlans: self = .careerPlans
        case .roles: self = .roles
        }
    }
}

extension Operations.ImportFile.Input.Query.EncodingPayload {
    init(_ core: TextEncoding) {
        switch core {
        case .utf8: self = .utf8
        case .sjis: self = .sjis
        }
    }
}

extension Operations.ExportRankings.Input.Query.EncodingPayload {
    init(_ core: CSVOutputEncoding) {
        switch core {
        case .utf8BOM: self = .utf8Bom
        case .utf8: self = .utf8
        case .sjis: self = .sjis
        }
    }
}

extension Components.Schemas.PlanStatus {
    init(_ core: PlanStatus) {
        switch core {
        case .behind: self = .behind
        case .completed: self = .completed
        case .onTrack: self = .onTrack
        case .noPlan: self = .noPlan
        }
    }
}
