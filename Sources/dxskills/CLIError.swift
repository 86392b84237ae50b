import ArgumentParser
import DXSkillsCore
import Foundation

/// A failure the CLI reports on stderr, with an exit code per kind (sysexits.h).
struct CLIError: Error, CustomStringConvertible {
    enum Kind: Int32 {
        case usage = 64
        case invalid = 65
        case notFound = 66
        case unavailable = 69
        case server = 70
        case auth = 77
    }
    let kind: Kind
    let message: String
    /// Row problems of an import, printed one per line.
    var issues: [CSVIssue] = []

    var description: String { message }

    init(_ kind: Kind, _ message: String, issues: [CSVIssue] = []) {
        self.kind = kind
        self.message = message
        self.issues = issues
    }

    init(_ error: DXSkillsError) {
        switch error {
        case .invalidRows(let issues): self.init(.invalid, "\(issues.count) problem(s); nothing was written", issues: issues)
        case .invalid(let message): self.init(.invalid, message)
        case .badParameter(let message): self.init(.usage, message)
        case .notFound: self.init(.notFound, error.description)
        case .unauthorized, .forbidden: self.init(.auth, error.description)
        case .conflict(let message): self.init(.invalid, message)
        case .migration(let message), .unavailable(let message): self.init(.unavailable, message)
        }
    }
}

/// Runs a command body, printing failures as `dxskills: error: …` and exiting with their code.
func reportingErrors(file: String? = nil, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        fail(error, file: file)
    } catch let error as DXSkillsError {
        fail(CLIError(error), file: file)
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        fail(CLIError(.unavailable, "\(String(reflecting: error))"), file: file)
    }
}

private func fail(_ error: CLIError, file: String?) -> Never {
    var standardError = StandardError()
    print("dxskills: error: \(error.message)", to: &standardError)
    for issue in error.issues {
        var text = "\(file ?? "input"):\(issue.line): error:"
        if let column = issue.column { text += " \(column)" }
        if let value = issue.value { text += " \"\(value)\"" }
        text += (issue.column == nil && issue.value == nil ? " " : ": ") + issue.reason
        print(text, to: &standardError)
    }
    exit(error.kind.rawValue)
}

/// Diagnostics and progress go to stderr; results to stdout.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

func note(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}
