/// How a course is given (reference §2).
public enum Delivery: String, Sendable, CaseIterable, Codable, LabeledValue {
    case classroom, elearning, ojt

    public var japanese: String {
        switch self {
        case .classroom: return "集合"
        case .elearning: return "eラーニング"
        case .ojt: return "OJT"
        }
    }
}

/// The outcome of a training record (reference §2).
public enum TrainingStatus: String, Sendable, CaseIterable, Codable, LabeledValue {
    case completed, incomplete, absent

    public var japanese: String {
        switch self {
        case .completed: return "修了"
        case .incomplete: return "未修了"
        case .absent: return "欠席"
        }
    }
}

/// Skill levels 1–4 with their labels (reference §2).
public enum SkillLevel {
    public static let range = 1...4
    public static let japanese = [1: "認知", 2: "基礎", 3: "実践", 4: "専門"]
    public static let english = [1: "awareness", 2: "working", 3: "practitioner", 4: "expert"]
}
