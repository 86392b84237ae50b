/// The one error type of the core: each case carries what a user needs to fix the cause.
public enum DXSkillsError: Error, Sendable, Equatable {
    /// Input rows failed validation; nothing was written.
    case invalidRows([CSVIssue])
    /// A request or document is invalid as a whole.
    case invalid(String)
    /// A request parameter is malformed.
    case badParameter(String)
    /// The object does not exist for this caller (other tenants and out-of-scope objects included).
    case notFound(String)
    /// No valid credentials.
    case unauthorized
    /// The caller's role may not do this.
    case forbidden(String)
    /// The request conflicts with stored data.
    case conflict(String)
    /// The database schema is not in a state this program can use.
    case migration(String)
    /// The database could not be reached or failed.
    case unavailable(String)
}

extension DXSkillsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidRows(let issues):
            let lines = issues.map { issue in
                var text = "line \(issue.line)"
                if let column = issue.column { text += ", column \(column)" }
                if let value = issue.value { text += ", value \"\(value)\"" }
                return text + ": \(issue.reason)"
            }
            return "\(issues.count) problem(s), nothing written:\n" + lines.joined(separator: "\n")
        case .invalid(let message): return message
        case .badParameter(let message): return message
        case .notFound(let what): return "not found: \(what)"
        case .unauthorized: return "not signed in: the token is missing, malformed, expired or revoked"
        case .forbidden(let message): return "not allowed: \(message)"
        case .conflict(let message): return message
        case .migration(let message): return message
        case .unavailable(let message): return message
        }
    }
}
