import ArgumentParser
import DXSkillsCore
import Foundation

/// A failure the CLI reports on stderr, with its exit code (sysexits.h).
struct CLIError: Error, CustomStringConvertible {
    /// A failure the CLI finds itself. Its exit code is the error table's (`ErrorCategory`) for the
    /// same kind of failure; only the service's own failure, outside the table, is the CLI's.
    enum Kind {
        case usage, invalid, notFound, unavailable, auth
        /// The installation is set up wrongly (`doctor`).
        case config
        /// The service failed (HTTP 500 or a status outside the table).
        case server

        var exitCode: Int32 {
            switch self {
            case .usage: return ErrorCategory.badRequest.exitCode
            case .invalid: return ErrorCategory.invalid.exitCode
            case .notFound: return ErrorCategory.notFound.exitCode
            case .unavailable: return ErrorCategory.unavailable.exitCode
            case .auth: return ErrorCategory.forbidden.exitCode
            case .server: return 70  // EX_SOFTWARE
            case .config: return 78  // EX_CONFIG
            }
        }
    }
    let exitCode: Int32
    let message: String
    /// Row problems of an import, printed one per line.
    var issues: [CSVIssue] = []

    var description: String { message }

    init(_ kind: Kind, _ message: String, issues: [CSVIssue] = []) {
        self.init(exitCode: kind.exitCode, message, issues: issues)
    }

    /// A failure the CLI finds itself, in the terminal's language.
    init(_ kind: Kind, _ message: Message, issues: [CSVIssue] = []) {
        self.init(exitCode: kind.exitCode, message.text(Terminal.current.language), issues: issues)
    }

    init(category: ErrorCategory, _ message: String, issues: [CSVIssue] = []) {
        self.init(exitCode: category.exitCode, message, issues: issues)
    }

    private init(exitCode: Int32, _ message: String, issues: [CSVIssue]) {
        self.exitCode = exitCode
        self.message = message
        self.issues = issues
    }

    init(_ error: DXSkillsError) {
        switch error {
        case .invalidRows(let issues, let unlisted):
            self.init(
                category: error.category,
                Message(.problemsNothingWritten, ["count": "\(issues.count + unlisted)"]).text(Terminal.current.language),
                issues: issues)
        default: self.init(category: error.category, error.text(Terminal.current.language))
        }
    }
}

extension ValidationError {
    /// A refused option, in the terminal's language.
    init(_ message: Message) { self.init(message.text(Terminal.current.language)) }
}

/// Runs a command body, printing failures as `dxskills: error: …` and exiting with their code. The
/// core's messages name no flags (the dashboard shows them too): `hint` adds the command's own words,
/// such as the flag that fixes the cause, to an error it recognises.
func reportingErrors(
    file: String? = nil, hint: (CLIError) -> String? = { _ in nil }, _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        try fail(error, file: file, hint: hint(error))
    } catch let error as DXSkillsError {
        let error = CLIError(error)
        try fail(error, file: file, hint: hint(error))
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        try fail(CLIError(.unavailable, "\(String(reflecting: error))"), file: file)
    }
}

/// Prints the error and ends the command with its exit code (thrown, so that a test running the
/// command in process sees the code; ArgumentParser exits the process with it).
private func fail(_ error: CLIError, file: String?, hint: String? = nil) throws -> Never {
    var standardError = StandardError()
    print("dxskills: error: \(error.message)", to: &standardError)
    let language = Terminal.current.language
    for issue in error.issues {
        print(issueLine(issue, file: file ?? "input", language), to: &standardError)
    }
    if let hint { print("dxskills: hint: \(hint)", to: &standardError) }
    throw ExitCode(error.exitCode)
}

/// One problem of a file, as the CLI prints it: `FILE:LINE: error: COLUMN "VALUE": REASON` in
/// English (the shape editors and grep know), `FILE: 3行目 4列(職員番号) 「10012X」: …` in Japanese.
func issueLine(_ issue: CSVIssue, file: String, _ language: Language) -> String {
    switch language {
    case .en:
        var text = "\(file):\(issue.line): error:"
        if let column = issue.column { text += " \(column)" }
        if let value = issue.value { text += " \"\(value)\"" }
        return text + (issue.column == nil && issue.value == nil ? " " : ": ") + issue.reason(.en)
    case .ja:
        return "\(file): " + IssueText.line(issue, .ja)
    }
}

/// Diagnostics and progress go to stderr; results to stdout.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        Terminal.current.standardError(Array(string.utf8))
    }
}

/// A note on stderr in the terminal's language.
func note(_ message: Message) { note(message.text(Terminal.current.language)) }

func note(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}
