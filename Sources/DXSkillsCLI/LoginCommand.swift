import ArgumentParser
import DXSkillsAPI
import Foundation

struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Check a token against the service and save it for later commands (file mode 0600).",
        discussion: "The token is read from --token, else from standard input, so it need not appear in shell history.")

    @Option(help: "The service, e.g. http://127.0.0.1:8080.") var url = "http://127.0.0.1:8080"
    @Option(help: "The API token (default: read a line from standard input).") var token: String?

    func run() async throws {
        try await reportingErrors {
            var token = token
            if token == nil {
                if isatty(STDIN_FILENO) != 0 { note("token: ") }
                token = readLine(strippingNewline: true)
            }
            guard let token = token?.trimmingCharacters(in: .whitespaces), !token.isEmpty else {
                throw CLIError(.usage, "no token given: pass --token or type it on standard input")
            }
            let credentials = Credentials(url: url, token: token)
            let client = try makeClient(credentials)
            let me = try await callAPI { try await client.getMe().ok.body.json }
            try credentials.save()
            print("signed in to \(url) as \(me.user) (\(me.role.rawValue)) of \(me.tenantName) \(me.tenant)")
            note("saved to \(Credentials.file.path)")
        }
    }
}
