/// The one error type of the core: each case carries what a user needs to fix the cause.
public enum DXSkillsError: Error, Sendable, Equatable {
    /// Input rows failed validation; nothing was written. `unlisted`: how many more problems were
    /// found and counted but not kept (a file this wrong is the wrong file).
    case invalidRows([CSVIssue], unlisted: Int = 0)
    /// A request or document is invalid as a whole.
    case invalid(Message)
    /// A request parameter is malformed.
    case badParameter(Message)
    /// The object does not exist for this caller (other tenants and out-of-scope objects included).
    case notFound(Message)
    /// No valid credentials.
    case unauthorized
    /// A sign-in with a user name and password failed: the one answer for an unknown user, a wrong
    /// password and a locked account (reference §6).
    case signInRefused
    /// The caller's role may not do this.
    case forbidden(Message)
    /// The object is not in a state that allows this (a claim's transition); the message names the state.
    case conflict(Message)
    /// The database schema is not in a state this program can use.
    case migration(String)
    /// The database could not be reached or failed.
    case unavailable(String)
}

extension DXSkillsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidRows, .invalid, .badParameter, .notFound, .unauthorized, .forbidden, .conflict: return text(.en)
        case .signInRefused:
            return "the user name or the password is wrong, or the account is locked (5 failures lock it for 15 minutes) "
                + "/ ユーザー名またはパスワードが違うか、アカウントがロックされています"
        case .migration(let message): return message
        case .unavailable(let message): return message
        }
    }
}

extension DXSkillsError {
    /// A document's problems, each `field: reason`, all reported at once.
    public static func invalid(problems: [Message]) -> DXSkillsError {
        .invalid(problems.count == 1 ? problems[0] : Message(.problemList, ["items": .list(problems.map { .message($0) })]))
    }

    /// The error in `language`: for row problems, every problem on its own line (`IssueText`).
    public func text(_ language: Language) -> String {
        switch self {
        case .notFound(let what): return Message(.errorNotFound, ["what": .message(what)]).text(language)
        case .unauthorized: return Message(.errorUnauthorized).text(language)
        case .forbidden(let reason): return Message(.errorForbidden, ["reason": .message(reason)]).text(language)
        case .badParameter(let message), .invalid(let message), .conflict(let message): return message.text(language)
        // The details are the database's, the directory's or the provider's own words, in English.
        case .unavailable(let detail) where language == .ja:
            return Message(.errorUnavailable, ["detail": "\(detail)"]).text(language)
        case .migration(let detail) where language == .ja:
            return Message(.errorMigration, ["detail": "\(detail)"]).text(language)
        default: break
        }
        guard case .invalidRows(let issues, let unlisted) = self else { return description }
        let lines = issues.map { IssueText.line($0, language) }
        let more = unlisted > 0 ? "\n" + Message(.problemsAndMore, ["count": "\(unlisted)"]).text(language) : ""
        return Message(.problemsNothingWritten, ["count": "\(issues.count + unlisted)"]).text(language) + "\n"
            + lines.joined(separator: "\n") + more
    }
}

/// What kind of failure an error is, and how every face of dxskills reports it: the API (status and
/// problem type), the dashboard (status) and the CLI (exit code, sysexits.h) read this one table.
public enum ErrorCategory: Sendable, CaseIterable {
    /// Input rows or a document failed validation; nothing was written.
    case invalid
    /// A request parameter is malformed.
    case badRequest
    case notFound
    case unauthorized
    case forbidden
    /// The object's state does not allow the change.
    case conflict
    /// The database is unreachable or its schema unusable.
    case unavailable

    public var status: Int {
        switch self {
        case .invalid: return 422
        case .badRequest: return 400
        case .notFound: return 404
        case .unauthorized: return 401
        case .forbidden: return 403
        case .conflict: return 409
        case .unavailable: return 503
        }
    }

    /// The problem type (RFC 9457) of the API.
    public var problemType: String {
        switch self {
        case .invalid: return "urn:dxskills:invalid"
        case .badRequest: return "urn:dxskills:bad-request"
        case .notFound: return "urn:dxskills:not-found"
        case .unauthorized: return "urn:dxskills:unauthorized"
        case .forbidden: return "urn:dxskills:forbidden"
        case .conflict: return "urn:dxskills:conflict"
        case .unavailable: return "urn:dxskills:unavailable"
        }
    }

    public var title: String {
        switch self {
        case .invalid: return "Invalid input"
        case .badRequest: return "Bad request"
        case .notFound: return "Not found"
        case .unauthorized: return "Unauthorized"
        case .forbidden: return "Forbidden"
        case .conflict: return "Conflict"
        case .unavailable: return "Service unavailable"
        }
    }

    /// The CLI's exit status (sysexits.h): the same whether the error came from the API or locally.
    public var exitCode: Int32 {
        switch self {
        case .invalid, .conflict: return 65  // EX_DATAERR
        case .badRequest: return 64  // EX_USAGE
        case .notFound: return 66  // EX_NOINPUT
        case .unauthorized, .forbidden: return 77  // EX_NOPERM
        case .unavailable: return 69  // EX_UNAVAILABLE
        }
    }

    /// The category an HTTP status of the API stands for; nil for any other status.
    public init?(status: Int) {
        guard let category = Self.allCases.first(where: { $0.status == status }) else { return nil }
        self = category
    }
}

extension DXSkillsError {
    public var category: ErrorCategory {
        switch self {
        case .invalidRows, .invalid: return .invalid
        case .badParameter: return .badRequest
        case .notFound: return .notFound
        case .unauthorized, .signInRefused: return .unauthorized
        case .forbidden: return .forbidden
        case .conflict: return .conflict
        case .migration, .unavailable: return .unavailable
        }
    }
}
