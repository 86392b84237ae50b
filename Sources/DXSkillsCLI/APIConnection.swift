import AsyncHTTPClient
import DXSkillsAPI
import DXSkillsCore
import Foundation
import HTTPTypes
import NIOCore
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

/// Where the service is and who we are: $DXSKILLS_URL/$DXSKILLS_TOKEN, else the login file.
struct Credentials: Codable {
    var url: String
    var token: String

    static var file: URL {
        let environment = Terminal.current.environment
        if let path = environment["DXSKILLS_CREDENTIALS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return configHome(environment).appendingPathComponent("dxskills/credentials.json")
    }

    /// The XDG base directory for configuration: `$XDG_CONFIG_HOME` when it is an absolute path,
    /// else `$HOME/.config`, else the account's home directory from the password database.
    static func configHome(_ environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return URL(fileURLWithPath: xdg) }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return URL(fileURLWithPath: home).appendingPathComponent(".config")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
    }

    static func load() throws -> Credentials {
        let environment = Terminal.current.environment
        let saved = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(Credentials.self, from: $0) }
        let url = environment["DXSKILLS_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? saved?.url ?? "http://127.0.0.1:8080"
        guard let token = environment["DXSKILLS_TOKEN"].flatMap({ $0.isEmpty ? nil : $0 }) ?? saved?.token else {
            throw CLIError(.auth, Message(.cliNotLoggedIn))
        }
        return Credentials(url: url, token: token)
    }

    /// Writes the login file readable by its owner only (0600).
    func save() throws {
        let file = Self.file
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError(.usage, Message(.cliCannotWrite, ["file": "\(file.path)"]))
        }
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: data)
        try handle.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }
}

/// The shared client's settings, but a service that refuses the connection is reported after 5 s:
/// with the shared client's 90 s connect timeout, `dxskills` retried a refused connection for 90 s.
let apiHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration.singletonConfiguration
    configuration.timeout.connect = .seconds(5)
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()

/// The typed API client the generator made from openapi.yaml.
func makeClient(_ credentials: Credentials) throws -> Client {
    guard let base = URL(string: credentials.url), base.scheme == "http" || base.scheme == "https" else {
        throw CLIError(.usage, Message(.cliURLFormat, ["value": "\(credentials.url)"]))
    }
    // AsyncHTTPClient rather than URLSession: on Linux, URLSession kept a core busy (about 13,000
    // wake-ups) while waiting 2 s for a report, taking it from the service on a small machine.
    // An hour's timeout: imports of a million rows take minutes, answered when the whole file is in.
    return Client(
        serverURL: base.appendingPathComponent("api/v1"),
        transport: AsyncHTTPClientTransport(configuration: .init(client: apiHTTPClient, timeout: .hours(1))),
        middlewares: [BearerMiddleware(token: credentials.token), ProblemReader()])
}

/// Runs an API call, turning transport and problem responses into `CLIError`s.
func callAPI<Result>(_ body: () async throws -> Result) async throws -> Result {
    do {
        return try await body()
    } catch let error as ClientError {
        if let cliError = error.underlyingError as? CLIError { throw cliError }
        throw CLIError(
            .unavailable,
            "cannot reach the service at \(error.baseURL?.absoluteString ?? "?"): \(transportReason(error.underlyingError))")
    }
}

struct BearerMiddleware: ClientMiddleware {
    let token: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        request.headerFields[.acceptLanguage] = Terminal.current.language.rawValue
        return try await next(request, body, baseURL)
    }
}

/// Reads any problem+json answer into a `CLIError` with the right exit code.
struct ProblemReader: ClientMiddleware {
    struct Problem: Decodable {
        var title: String?
        var status: Int?
        var detail: String?
        var errors: [CSVIssue]?
        var more: Int?
        var request_id: String?
    }

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        guard response.status.code >= 400 else { return (response, responseBody) }
        var problem: Problem?
        if let responseBody, let data = try? await Data(collecting: responseBody, upTo: 16 * 1_048_576) {
            problem = try? JSONDecoder().decode(Problem.self, from: data)
        }
        throw Self.error(problem, status: Int(response.status.code))
    }

    /// The CLI's error for a problem document answered with `status`.
    static func error(_ problem: Problem?, status code: Int) -> CLIError {
        let message = problem?.detail ?? problem?.title ?? "HTTP \(code)"
        var suffix = ""
        if let more = problem?.more, more > 0 { suffix = "; \(more) more not listed / ほか \(more) 件" }
        // The statuses of the error table exit as the same error would locally; a body refused as too
        // large is invalid input; anything else is the service's failure.
        guard let category = ErrorCategory(status: code) ?? (code == 413 ? .invalid : nil) else {
            if let id = problem?.request_id { suffix = " (request id \(id))" }
            return CLIError(.server, message + suffix, issues: problem?.errors ?? [])
        }
        return CLIError(category: category, message + suffix, issues: problem?.errors ?? [])
    }
}

/// A transport failure in words. NIO's own description names the call and the errno
/// (`connect(descriptor:addr:size:): Connection refused (errno: 111)`) where Foundation's
/// `localizedDescription` gives only "NIOCore.IOError error 1".
func transportReason(_ error: any Error) -> String {
    if let error = error as? IOError { return error.description }
    if let error = error as? HTTPClientError { return error.description }
    return String(describing: error)
}
