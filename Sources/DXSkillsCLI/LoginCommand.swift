import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import Foundation

struct LoginCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "login",
            abstract: .catalog(.loginAbstract),
            discussion: .catalog(.loginDiscussion))
    }

    @Option(help: .catalog(.loginUrl)) var url = "http://127.0.0.1:8080"
    @Option(help: .catalog(.loginTenant)) var tenant: String?
    @Option(help: .catalog(.loginUser)) var user: String?
    @Option(
        name: .customLong("expires-in-days"), help: .catalog(.loginExpiresInDays))
    var expiresInDays = 90
    @Option(help: .catalog(.loginToken))
    var token: String?

    func validate() throws {
        guard (1...90).contains(expiresInDays) else {
            throw ValidationError(Message(.cliRange, ["option": "--expires-in-days", "min": "1", "max": "90"]))
        }
    }

    func run() async throws {
        try await reportingErrors {
            let terminal = Terminal.current
            let token: String
            if let given = self.token {
                token = try Self.pastedToken(given == "-" ? terminal.readLine() : given)
            } else {
                token = try await signIn(terminal)
            }
            let credentials = Credentials(url: url, token: token)
            let client = try makeClient(credentials)
            let me = try await callAPI { try await client.getMe().ok.body.json }
            try credentials.save()
            print("signed in to \(url) as \(me.user) (\(me.role.rawValue)) of \(me.tenantName) \(me.tenant)")
            note(Message(.cliSavedTo, ["file": "\(Credentials.file.path)"]))
        }
    }

    static func pastedToken(_ text: String?) throws -> String {
        guard let token = text?.trimmingCharacters(in: .whitespaces), !token.isEmpty else {
            throw CLIError(.usage, Message(.cliNoToken))
        }
        return token
    }

    /// Asks what is not given, then trades the password for a personal token.
    func signIn(_ terminal: Terminal) async throws -> String {
        func ask(_ prompt: String, secret: Bool = false) throws -> String {
            if terminal.interactive { note(prompt) }
            let answer = (secret ? terminal.readSecret() : terminal.readLine())?.trimmingCharacters(in: .newlines)
            guard let answer, !answer.isEmpty else {
                throw CLIError(.usage, Message(.cliNoAnswer, ["what": "\(prompt.dropLast(2))"]))
            }
            return answer
        }
        let tenant =
            try self.tenant ?? terminal.environment["DXSKILLS_TENANT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ask("団体コード / tenant code: ")
        let user = try self.user ?? ask("ユーザー名 / user name: ")
        let password = try ask("パスワード / password: ", secret: true)
        let client = try makeClient(Credentials(url: url, token: ""))
        let issued = try await callAPI {
            try await client.issuePersonalToken(
                body: .json(.init(tenant: tenant, user: user, password: password, expiresInDays: expiresInDays))
            ).created.body.json
        }
        note(Message(.cliPersonalToken, ["id": "\(issued.tokenId)", "expires": "\(issued.expiresAt)"]))
        return issued.token
    }
}
