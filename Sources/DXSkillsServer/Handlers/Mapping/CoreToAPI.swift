import DXSkillsAPI
import DXSkillsCore

// Total mappings from the core's enums to the generated API types: a case added on one side and not
// the other fails to compile here, where `.init(rawValue:)!` would trap at run time.

extension Components.Schemas.Role {
    init(_ core: Role) {
        switch core {
        case .admin: self = .admin
        case .hr: self = .hr
        case .manager: self = .manager
        case .evaluator: self = .evaluator
        case .staff: self = .staff
        }
    }
}

extension Components.Schemas.Placement {
    init(_ core: Placement) {
        switch core {
        case .it: self = .it
        case .business: self = .business
        case .external: self = .external
        }
    }
}

extension Components.Schemas.PlanStatus {
    init(_ core: PlanStatus) {
        switch core {
        case .completed: self = .completed
        case .behind: self = .behind
        case .onTrack: self = .onTrack
        case .noPlan: self = .noPlan
        }
    }
}

extension PlanStatus {
    init(_ api: Components.Schemas.PlanStatus) {
        switch api {
        case .completed: self = .completed
        case .behind: self = .behind
        case .onTrack: self = .onTrack
        case .noPlan: self = .noPlan
        }
    }
}

extension Components.Schemas.CareerPlan.StagesPayloadPayload.StatusPayload {
    init(_ core: StageStatus) {
        switch core {
        case .met: self = .met
        case .behind: self = .behind
        case .open: self = .open
        }
    }
}

extension Components.Schemas.CareerPlan.WarningsPayloadPayload.ReasonPayload {
    init(_ core: PlanWarning.Reason) {
        switch core {
        case .placementMismatch: self = .placementMismatch
        case .notAssigned: self = .notAssigned
        }
    }
}

extension Components.Schemas.SkillEvidence.SourcePayload {
    init(_ core: EvidenceSource) {
        switch core {
        case .training: self = .training
        case .certification: self = .certification
        case .assessment: self = .assessment
        }
    }
}

extension Components.Schemas.LeaderCoverage.WarningsPayloadPayload.ReasonPayload {
    init(_ core: LeaderWarning.Reason) {
        switch core {
        case .movedAway: self = .movedAway
        case .retired: self = .retired
        case .notCounted: self = .notCounted
        }
    }
}

extension Operations.SetCareerTemplate.Output.Ok.Body.JsonPayload.OutcomePayload {
    init(_ core: TemplateOutcome) {
        switch core {
        case .inserted: self = .inserted
        case .updated: self = .updated
        case .unchanged: self = .unchanged
        }
    }
}
