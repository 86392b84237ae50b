import Foundation

/// What a claim (申請, reference §7) asks to be recorded.
public enum ClaimKind: String, Sendable, Codable, CaseIterable, PostgresTextEnum {
    case training, certification
}

/// Where a claim stands (reference §7).
public enum ClaimState: String, Sendable, Codable, CaseIterable, PostgresTextEnum {
    case submitted, approved, confirmed, returned, withdrawn

    /// The state's name in a message.
    var messageKey: MessageKey {
        switch self {
        case .submitted: return .stateSubmitted
        case .approved: return .stateApproved
        case .confirmed: return .stateConfirmed
        case .returned: return .stateReturned
        case .withdrawn: return .stateWithdrawn
        }
    }
}

/// The claimed fields, as the claimant gives them.
public enum ClaimDetails: Sendable, Equatable {
    /// A catalog course, or an external one (then with its title, and optionally provider and hours).
    case training(course: String, completedOn: Day, hours: Double?, title: String?, provider: String?)
    case certification(cert: String, acquiredOn: Day)

    public var kind: ClaimKind {
        switch self {
        case .training: return .training
        case .certification: return .certification
        }
    }

    /// The claim's day: whose unit the claimant was in decides who may approve it.
    public var day: Day {
        switch self {
        case .training(_, let day, _, _, _), .certification(_, let day): return day
        }
    }
}

/// One evidence file as uploaded: its name is kept for the download, its type is read from the bytes.
public struct EvidenceUpload: Sendable, Equatable {
    public let fileName: String
    public let bytes: Data
    /// False for content sent as base64 that did not decode: the checks report it with the file's name.
    public let readable: Bool

    public init(fileName: String, bytes: Data) {
        self.fileName = fileName
        self.bytes = bytes
        self.readable = true
    }

    /// A file whose bytes came as base64 text (RFC 4648, line breaks allowed), as the API sends them.
    public init(fileName: String, base64: String) {
        self.fileName = fileName
        let decoded = Data(base64Encoded: String(base64.filter { !$0.isWhitespace }))
        self.bytes = decoded ?? Data()
        self.readable = decoded != nil
    }
}

/// An evidence file of a claim, without its bytes.
public struct ClaimEvidenceInfo: Sendable, Equatable, Codable {
    public let n: Int
    public let mediaType: String
    public let fileName: String
    public let size: Int
    /// Lower-case hex.
    public let sha256: String
}

/// One transition in a claim's history.
public struct ClaimEvent: Sendable, Equatable, Codable {
    public let at: Date
    public let actor: String
    public let from: ClaimState?
    public let to: ClaimState
    public let reason: String?
}

/// A claim as its readers see it.
public struct Claim: Sendable, Equatable {
    public let id: Int
    public let employeeNo: String
    public let details: ClaimDetails
    public let state: ClaimState
    public let submittedOn: Day
    public let submittedBy: String
    public let approvedBy: String?
    public let confirmedBy: String?
    public let returnedBy: String?
    public let returnReason: String?
    public var evidence: [ClaimEvidenceInfo]
    public var history: [ClaimEvent]

    public var kind: ClaimKind { details.kind }
}

/// An evidence file to download.
public struct EvidenceFile: Sendable, Equatable {
    public let fileName: String
    public let mediaType: String
    public let bytes: Data

    public init(fileName: String, mediaType: String, bytes: Data) {
        self.fileName = fileName
        self.mediaType = mediaType
        self.bytes = bytes
    }
}
