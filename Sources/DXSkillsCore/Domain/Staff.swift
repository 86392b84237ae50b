import Foundation

/// 職種区分 (reference §2).
public enum JobTrack: String, Sendable, CaseIterable, Codable {
    case general, information, technical, other

    public var japanese: String {
        switch self {
        case .general: return "一般行政"
        case .information: return "情報職"
        case .technical: return "技術"
        case .other: return "その他"
        }
    }
}

/// 任用区分 (reference §2).
public enum EmploymentType: String, Sendable, CaseIterable, Codable {
    case regular
    case fixedTerm = "fixed_term"
    case fiscalYear = "fiscal_year"

    public var japanese: String {
        switch self {
        case .regular: return "正規"
        case .fixedTerm: return "任期付"
        case .fiscalYear: return "会計年度任用"
        }
    }
}

/// Parses an enumeration cell: the English value or the Japanese label (reference §3.1).
public protocol LabeledValue: RawRepresentable, CaseIterable where RawValue == String {
    var japanese: String { get }
}

extension LabeledValue {
    public init?(label: String) {
        if let exact = Self(rawValue: label) {
            self = exact
            return
        }
        let text = label.trimmingCharacters(in: .whitespaces)
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() || $0.japanese == text })
        else { return nil }
        self = match
    }

    /// The accepted spellings, for error messages.
    public static var accepted: String {
        allCases.map { "\($0.rawValue)/\($0.japanese)" }.joined(separator: ", ")
    }
}

extension JobTrack: LabeledValue {}
extension EmploymentType: LabeledValue {}
