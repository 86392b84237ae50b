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
    /// The one table of level names, in level order.
    public static let names: [(level: Int, japanese: String, english: String)] = [
        (1, "認知", "awareness"), (2, "基礎", "working"), (3, "実践", "practitioner"), (4, "専門", "expert"),
    ]

    /// The name of a level in Japanese or English; nil outside 1–4.
    public static func name(_ level: Int, japanese: Bool) -> String? {
        names.first { $0.level == level }.map { japanese ? $0.japanese : $0.english }
    }
}
