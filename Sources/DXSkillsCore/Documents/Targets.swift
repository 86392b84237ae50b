import Foundation
import PostgresNIO

/// A fiscal year's targets document (reference §3.2).
public struct TargetDocument: Sendable, Codable, Equatable {
    public struct Target: Sendable, Codable, Equatable {
        public var type: String
        public var unitKind: String?
        public var min: Int?
        public var minRatio: Double?
        public var course: String?
        public var skill: String?
        public var level: Int?

        public init(
            type: String, unitKind: String? = nil, min: Int? = nil, minRatio: Double? = nil, course: String? = nil,
            skill: String? = nil, level: Int? = nil
        ) {
            self.type = type
            self.unitKind = unitKind
            self.min = min
            self.minRatio = minRatio
            self.course = course
            self.skill = skill
            self.level = level
        }

        enum CodingKeys: String, CodingKey {
            case type, min, course, skill, level
            case unitKind = "unit_kind"
            case minRatio = "min_ratio"
        }
    }

    public var fiscalYear: Int
    public var targets: [Target]

    public init(fiscalYear: Int, targets: [Target]) {
        self.fiscalYear = fiscalYear
        self.targets = targets
    }

    enum CodingKeys: String, CodingKey {
        case targets
        case fiscalYear = "fiscal_year"
    }
}

/// reference §4.6: the targets document of a fiscal year, validated and stored.
public enum Targets {
    static let types = ["leaders_per_unit", "completion_ratio", "skill_count", "skill_ratio"]

    /// Validates and stores a document; every problem is reported at once.
    public static func set(_ document: TargetDocument, connection: PostgresConnection, context: TenantContext, logger: Logger)
        async throws
    {
        let courses = try await codes("SELECT code FROM courses", connection: connection, logger: logger)
        let skills = try await codes("SELECT code FROM skills", connection: connection, logger: logger)
        var problems: [Message] = []
        // Codes as stored (see `Code`): full-width ones normalised, look-alikes reported.
        var document = document
        for index in document.targets.indices {
            let at = "targets[\(index)]"
            document.targets[index].course = document.targets[index].course.map {
                Code.field($0, at: "\(at).course", problems: &problems)
            }
            document.targets[index].skill = document.targets[index].skill.map {
                Code.field($0, at: "\(at).skill", problems: &problems)
            }
        }
        if FiscalYear(document.fiscalYear) == nil {
            problems.append(.field("fiscal_year", .docNotAFiscalYear, ["value": "\(document.fiscalYear)"]))
        }
        for (index, target) in document.targets.enumerated() {
            let at = "targets[\(index)]"
            guard types.contains(target.type) else {
                problems.append(
                    .field(
                        "\(at).type", .docUnknownType, ["type": "\(target.type)", "types": "\(types.joined(separator: ", "))"]))
                continue
            }
            if target.type == "completion_ratio" {
                if let course = target.course {
                    if !courses.contains(course) {
                        problems.append(.field("\(at).course", .docUnknownCourse, ["code": "\(course)"]))
                    }
                } else {
                    problems.append(.field("\(at).course", .docFieldRequired))
                }
            }
            if target.type.hasPrefix("skill_") {
                if let skill = target.skill {
                    if !skills.contains(skill) { problems.append(.field("\(at).skill", .docUnknownSkill, ["code": "\(skill)"])) }
                } else {
                    problems.append(.field("\(at).skill", .docFieldRequired))
                }
                if !SkillLevel.range.contains(target.level ?? 0) { problems.append(.field("\(at).level", .docLevelRange)) }
            }
            if target.type.hasSuffix("_ratio") {
                if let ratio = target.minRatio, !(0...1).contains(ratio) || !ratio.isFinite {
                    problems.append(.field("\(at).min_ratio", .docRatioRange))
                } else if target.minRatio == nil {
                    problems.append(.field("\(at).min_ratio", .docFieldRequired))
                }
            } else if (target.min ?? -1) < 0 {
                problems.append(.field("\(at).min", .docWholeNumberRequired))
            }
        }
        guard problems.isEmpty else { throw DXSkillsError.invalid(problems: problems) }
        try await YearDocuments.targets.store(
            document, fiscalYear: document.fiscalYear, context: context, connection: connection, logger: logger)
    }

    /// The stored document of a fiscal year.
    public static func document(fiscalYear: Int, connection: PostgresConnection, logger: Logger) async throws -> TargetDocument {
        for try await json in try await connection.query(
            "SELECT document::text FROM targets WHERE fiscal_year = \(fiscalYear)", logger: logger
        ).decode(String.self) {
            return try JSONDecoder().decode(TargetDocument.self, from: Data(json.utf8))
        }
        throw DXSkillsError.notFound(Message(.objTargets, ["year": "\(fiscalYear)"]))
    }
}
