import Foundation
import PostgresNIO

/// A career path template (キャリアパスモデル, reference §3.2) as given: numbers are read as numbers of
/// any kind and every field may be missing, so that validation can name every problem at once.
public struct CareerTemplateDocument: Sendable, Codable, Equatable {
    public struct Requirement: Sendable, Codable, Equatable {
        public var skill: String?
        public var level: Double?
        public var cert: String?
        public var course: String?

        public init(skill: String? = nil, level: Double? = nil, cert: String? = nil, course: String? = nil) {
            self.skill = skill
            self.level = level
            self.cert = cert
            self.course = course
        }
    }

    public struct Stage: Sendable, Codable, Equatable {
        public var name: String?
        public var years: Double?
        public var placement: String?
        public var requires: [Requirement]?

        public init(name: String?, years: Double?, placement: String?, requires: [Requirement]? = nil) {
            self.name = name
            self.years = years
            self.placement = placement
            self.requires = requires
        }
    }

    public var code: String?
    public var name: String?
    public var stages: [Stage]?

    public init(code: String?, name: String?, stages: [Stage]?) {
        self.code = code
        self.name = name
        self.stages = stages
    }
}

/// Where a stage is spent (reference §2): `it` a unit with it_department, `business` any other unit,
/// `external` a secondment (出向) outside the municipality.
public enum Placement: String, Sendable, CaseIterable, Codable {
    case it, business, external
}

/// What `career-template set` did.
public enum TemplateOutcome: String, Sendable, Codable {
    case inserted, updated, unchanged
}

/// A stored template: the document after validation, numbers as whole numbers.
public struct CareerTemplate: Sendable, Codable, Equatable {
    public struct Requirement: Sendable, Codable, Equatable {
        public var skill: String?
        public var level: Int?
        public var cert: String?
        public var course: String?
    }

    public struct Stage: Sendable, Codable, Equatable {
        public var name: String
        public var years: Int
        public var placement: Placement
        public var requires: [Requirement]
    }

    public var code: String
    public var name: String
    public var stages: [Stage]
}

/// reference §3.2 career path templates: validated, stored per code, listed.
public enum CareerTemplates {
    /// Every problem of a document, or the template to store.
    static func validate(
        _ document: CareerTemplateDocument, skills: Set<String>, certifications: Set<String>, courses: Set<String>
    ) -> Result<CareerTemplate, DXSkillsError> {
        var problems: [Message] = []
        var code = document.code?.trimmingCharacters(in: .whitespaces) ?? ""
        let name = document.name?.trimmingCharacters(in: .whitespaces) ?? ""
        if code.isEmpty {
            problems.append(.field("code", .docTemplateCodeRequired))
        } else {
            code = Code.field(code, at: "code", problems: &problems)
        }
        if name.isEmpty { problems.append(.field("name", .docTemplateNameRequired)) }
        let given = document.stages ?? []
        if given.isEmpty { problems.append(.field("stages", .docStagesRequired)) }
        var stages: [CareerTemplate.Stage] = []
        for (index, stage) in given.enumerated() {
            let at = "stages[\(index)]"
            let stageName = stage.name?.trimmingCharacters(in: .whitespaces) ?? ""
            if stageName.isEmpty { problems.append(.field("\(at).name", .docFieldRequired)) }
            var years = 0
            if let value = stage.years, value == value.rounded(), value >= 1, value <= 50 {
                years = Int(value)
            } else {
                problems.append(.field("\(at).years", .docYearsRange, ["value": shown(stage.years)]))
            }
            let placement = stage.placement.flatMap(Placement.init(rawValue:))
            if placement == nil {
                problems.append(
                    .field("\(at).placement", .docPlacement, ["value": stage.placement.map { .text($0) } ?? .key(.docMissing)]))
            }
            var requirements: [CareerTemplate.Requirement] = []
            for (position, requirement) in (stage.requires ?? []).enumerated() {
                let place = "\(at).requires[\(position)]"
                let kinds = [requirement.skill, requirement.cert, requirement.course].compactMap { $0 }
                guard kinds.count == 1 else {
                    problems.append(.field(place, .docRequirementOneOf))
                    continue
                }
                if let given = requirement.skill {
                    let skill = reference(given, at: "\(place).skill", known: skills, what: .docUnknownSkill, problems: &problems)
                    guard let level = requirement.level, level == level.rounded(), (1.0...4.0).contains(level)
                    else {
                        problems.append(.field("\(place).level", .docNotSkillLevel, ["value": shown(requirement.level)]))
                        continue
                    }
                    requirements.append(.init(skill: skill, level: Int(level)))
                    continue
                }
                if requirement.level != nil {
                    problems.append(.field("\(place).level", .docLevelOnlySkill))
                }
                if let cert = requirement.cert {
                    let cert = reference(
                        cert, at: "\(place).cert", known: certifications, what: .docUnknownCertification, problems: &problems)
                    requirements.append(.init(cert: cert))
                } else if let course = requirement.course {
                    let course = reference(
                        course, at: "\(place).course", known: courses, what: .docUnknownCourse, problems: &problems)
                    requirements.append(.init(course: course))
                }
            }
            if let placement {
                stages.append(.init(name: stageName, years: years, placement: placement, requires: requirements))
            }
        }
        guard problems.isEmpty else { return .failure(.invalid(problems: problems)) }
        return .success(CareerTemplate(code: code, name: name, stages: stages))
    }

    /// A code the template refers to, normalised (see `Code`); a problem unless it is one of `known`.
    private static func reference(
        _ given: String, at field: String, known: Set<String>, what: MessageKey, problems: inout [Message]
    ) -> String {
        guard case .success(let code) = Code.parse(given) else { return Code.field(given, at: field, problems: &problems) }
        if !known.contains(code) { problems.append(.field(field, what, ["code": "\(code)"])) }
        return code
    }

    /// A number as the user wrote it: 3 rather than 3.0.
    private static func shown(_ value: Double?) -> MessageValue {
        guard let value else { return .key(.docMissing) }
        return .text(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
    }

    /// Validates and stores a template under its code; storing the same document again changes nothing.
    public static func set(
        _ document: CareerTemplateDocument, connection: PostgresConnection, context: TenantContext, logger: Logger
    ) async throws -> (code: String, outcome: TemplateOutcome) {
        let skills = try await codes("SELECT code FROM skills", connection: connection, logger: logger)
        let certifications = try await codes("SELECT code FROM certifications", connection: connection, logger: logger)
        let courses = try await codes("SELECT code FROM courses", connection: connection, logger: logger)
        let template = try validate(document, skills: skills, certifications: certifications, courses: courses).get()
        let json = try YearDocuments.json(template)
        // jsonb compares by value, so an identical document is no update and writes no audit row.
        let written = try await connection.query(
            """
            INSERT INTO career_templates (tenant_id, code, name, document)
            VALUES (\(context.tenant), \(template.code), \(template.name), \(json)::jsonb)
            ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, document = excluded.document
            WHERE (career_templates.name, career_templates.document) IS DISTINCT FROM (excluded.name, excluded.document)
            RETURNING (xmax = 0)
            """, logger: logger
        ).decode(Bool.self).collect()
        let outcome: TemplateOutcome = written.isEmpty ? .unchanged : (written[0] ? .inserted : .updated)
        return (template.code, outcome)
    }

    /// Every template of the tenant, by code.
    public static func list(connection: PostgresConnection, logger: Logger) async throws -> [CareerTemplate] {
        var templates: [CareerTemplate] = []
        for try await json in try await connection.query(
            "SELECT document::text FROM career_templates ORDER BY code", logger: logger
        ).decode(String.self) {
            templates.append(try JSONDecoder().decode(CareerTemplate.self, from: Data(json.utf8)))
        }
        return templates
    }
}
