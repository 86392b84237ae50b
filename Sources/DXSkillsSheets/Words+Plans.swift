import DXSkillsAPI

// The career plans' words of both the CLI's table and the Excel files.
extension Words {
    private func say(_ japanese: String, _ english: String) -> String { ja ? japanese : english }

    package var careerPath: String { say("キャリアパス", "template") }
    package var planStatus: String { say("状況", "status") }
    package var nextStage: String { say("次の段階", "next stage") }
    package var dueOn: String { say("期限", "due on") }

    package func planStatus(_ raw: String) -> String {
        guard ja else { return raw }
        switch raw {
        case "completed": return "完了"
        case "behind": return "遅れ"
        case "on_track": return "順調"
        default: return "未設定"
        }
    }

    package func placement(_ raw: String) -> String {
        guard ja else { return raw }
        switch raw {
        case "it": return "情報部門"
        case "business": return "業務部門"
        default: return "派遣(外部)"
        }
    }

    package func warning(_ w: Components.Schemas.CareerPlan.WarningsPayloadPayload) -> String {
        let stage = w.stage
        switch w.reason {
        case .notAssigned:
            return say(
                "\(stage): 所属なし(\(placement(w.placement.rawValue))のはず)", "\(stage): no unit (expected \(w.placement.rawValue))")
        case .placementMismatch:
            return say(
                "\(stage): 所属 \(w.unitCode ?? "") は\(placement(w.placement.rawValue))ではない",
                "\(stage): unit \(w.unitCode ?? "") is not \(w.placement.rawValue)")
        }
    }
}
