import Foundation
import PostgresNIO

/// A fiscal year's evaluation criteria (評価基準, reference §3.2): weighted items.
public struct CriteriaDocument: Sendable, Codable, Equatable {
    /// What an item scores. A type this version does not know is kept as `unknown`, so that
    /// `problems` names it rather than the whole document failing to decode.
    public enum ItemType: Sendable, Equatable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
        case trainingHours, certPoints, skillAverage, leader, rating
        case unknown(String)

        public static let known: [ItemType] = [.trainingHours, .certPoints, .skillAverage, .leader, .rating]

        public init(rawValue: String) {
            self = Self.known.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
        }

        public init(stringLiteral value: String) { self.init(rawValue: value) }

        public var rawValue: String {
            switch self {
            case .trainingHours: return "training_hours"
            case .certPoints: return "cert_points"
            case .skillAverage: return "skill_average"
            case .leader: return "leader"
            case .rating: return "rating"
            case .unknown(let text): return text
            }
        }

        public var description: String { rawValue }

        public init(from decoder: any Decoder) throws {
            self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    public struct Item: Sendable, Codable, Equatable {
        public var code: String
        public var type: ItemType
        public var weight: Double
        public var cap: Double?
        public var skills: [String]?
        public var name: String?

        public init(
            code: String, type: ItemType, weight: Double, cap: Double? = nil, skills: [String]? = nil, name: String? = nil
        ) {
            self.code = code
            self.type = type
            self.weight = weight
            self.cap = cap
            self.skills = skills
            self.name = name
        }

        /// The exact weight (a JSON number's shortest decimal form).
        public var exactWeight: Fraction { Fraction(weight) ?? .zero }
        public var exactCap: Fraction { cap.flatMap { Fraction($0) } ?? .one }
        /// How a person reads the item: its name, else its code.
        public var label: String { name.flatMap { $0.isEmpty ? nil : $0 } ?? code }
    }

    public var fiscalYear: Int
    public var items: [Item]

    public init(fiscalYear: Int, items: [Item]) {
        self.fiscalYear = fiscalYear
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case items
        case fiscalYear = "fiscal_year"
    }

    /// The codes of the items that ratings fill in.
    public var ratingItems: [String] { items.filter { $0.type == .rating }.map(\.code) }

    /// Every problem with the document, given the tenant's skills; empty when it is valid.
    public func problems(knownSkills: Set<String>) -> [Message] {
        var problems: [Message] = []
        if FiscalYear(fiscalYear) == nil {
            problems.append(.field("fiscal_year", .docNotAFiscalYear, ["value": "\(fiscalYear)"]))
        }
        if items.isEmpty { problems.append(.field("items", .docItemsRequired)) }
        var seen = Set<String>()
        for (index, item) in items.enumerated() {
            let at = "items[\(index)]"
            if item.code.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(.field("\(at).code", .docFieldRequired))
            } else if case .failure(let problem) = Code.parse(item.code) {
                problems.append(Message(.fieldProblem, ["field": "\(at).code", "problem": .message(problem.message)]))
            } else if !seen.insert(item.code).inserted {
                problems.append(.field("\(at).code", .docCodeUsedEarlier, ["code": "\(item.code)"]))
            }
            if !(item.weight.isFinite && item.weight > 0) {
                problems.append(.field("\(at).weight", .docPositiveNumber, ["value": "\(item.weight)"]))
            }
            let type = item.type
            if case .unknown(let text) = type {
                let types = ItemType.known.map(\.rawValue).joined(separator: ", ")
                problems.append(.field("\(at).type", .docUnknownType, ["type": "\(text)", "types": "\(types)"]))
                continue
            }
            switch type {
            case .trainingHours, .certPoints:
                if let cap = item.cap {
                    if !(cap.isFinite && cap > 0) {
                        problems.append(.field("\(at).cap", .docPositiveNumber, ["value": "\(cap)"]))
                    }
                } else {
                    problems.append(.field("\(at).cap", .docCapRequired, ["type": "\(type.rawValue)"]))
                }
            default:
                if item.cap != nil { problems.append(.field("\(at).cap", .docCapNotTaken)) }
            }
            if type == .skillAverage {
                let skills = item.skills ?? []
                if skills.isEmpty { problems.append(.field("\(at).skills", .docSkillsRequired)) }
                var listed = Set<String>()
                for skill in skills {
                    if case .failure(let problem) = Code.parse(skill) {
                        problems.append(Message(.fieldProblem, ["field": "\(at).skills", "problem": .message(problem.message)]))
                    } else if !knownSkills.contains(skill) {
                        problems.append(.field("\(at).skills", .docUnknownSkill, ["code": "\(skill)"]))
                    }
                    if !listed.insert(skill).inserted {
                        problems.append(.field("\(at).skills", .docListedTwice, ["value": "\(skill)"]))
                    }
                }
            } else if item.skills != nil {
                problems.append(.field("\(at).skills", .docSkillsOnlyAverage))
            }
        }
        return problems
    }

    /// The document with its codes NFKC-normalised (see `Code`): ratings name items by the normalised
    /// code. Text that is no code is left as given, for `problems` to report.
    public var normalizingCodes: CriteriaDocument {
        var document = self
        for index in document.items.indices {
            let item = document.items[index]
            document.items[index].code = (try? Code.parse(item.code).get()) ?? item.code
            document.items[index].skills = item.skills?.map { (try? Code.parse($0).get()) ?? $0 }
        }
        return document
    }
}

/// reference §4.8 criteria per fiscal year, stored as the document.
public enum EvaluationCriteria {
    /// Validates and stores a document (replacing that year's); every problem is reported at once.
    public static func set(
        _ document: CriteriaDocument, connection: PostgresConnection, context: TenantContext, logger: Logger
    ) async throws {
        let skills = try await codes("SELECT code FROM skills", connection: connection, logger: logger)
        let document = document.normalizingCodes
        let problems = document.problems(knownSkills: skills)
        guard problems.isEmpty else { throw DXSkillsError.invalid(problems: problems) }
        try await YearDocuments.criteria.store(
            document, fiscalYear: document.fiscalYear, context: context, connection: connection, logger: logger)
    }

    /// The stored document of a fiscal year.
    public static func document(fiscalYear: Int, connection: PostgresConnection, logger: Logger) async throws
        -> CriteriaDocument
    {
        guard let document = try await all(connection: connection, logger: logger)[fiscalYear] else {
            throw DXSkillsError.notFound(Message(.objCriteria, ["year": "\(fiscalYear)"]))
        }
        return document
    }

    /// Every stored document by fiscal year.
    static func all(connection: PostgresConnection, logger: Logger) async throws -> [Int: CriteriaDocument] {
        var documents: [Int: CriteriaDocument] = [:]
        for try await (year, json) in try await connection.query(
            "SELECT fiscal_year, document::text FROM evaluation_criteria", logger: logger
        ).decode((Int, String).self) {
            documents[year] = try JSONDecoder().decode(CriteriaDocument.self, from: Data(json.utf8))
        }
        return documents
    }
}
