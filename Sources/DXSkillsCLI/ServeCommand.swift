import ArgumentParser
import DXSkillsCore
import DXSkillsServer
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

struct ServeCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: .catalog(.serveAbstract),
            discussion: .catalog(.serveDiscussion))
    }

    @Option(help: .catalog(.serveHost))
    var host = ProcessInfo.processInfo.environment["DXSKILLS_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
    @Option(help: .catalog(.servePort))
    var port = ProcessInfo.processInfo.environment["DXSKILLS_PORT"].flatMap { Int($0) } ?? 8080
    @Option(
        name: .customLong("public-url"),
        help: .catalog(.servePublicURL)
    )
    var publicURL: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            if let text = environment["DXSKILLS_PORT"], !text.isEmpty, Int(text).map({ (1...65535).contains($0) }) != true {
                throw CLIError(
                    .usage, "DXSKILLS_PORT must be a port number, not \(text) / DXSKILLS_PORT にはポート番号を指定してください")
            }
            do { try PreparedStatements.check() } catch { throw CLIError(.usage, "\(error)") }
            let appURL: DatabaseURL
            if let text = environment["DXSKILLS_APP_DATABASE_URL"], !text.isEmpty {
                appURL = try DatabaseURL(text)
            } else {
                appURL = try database.url().with(user: "dxskills_app", password: environment["DXSKILLS_APP_PASSWORD"])
            }
            let level = Logger.Level(rawValue: environment["LOG_LEVEL"] ?? "info") ?? .info
            switch environment["LOG_FORMAT"] ?? "" {
            case "json":
                LoggingSystem.bootstrap { label in
                    var handler = JSONLogHandler(label: label)
                    handler.logLevel = level
                    return handler
                }
            case "", "text":
                LoggingSystem.bootstrap { label in
                    var handler = StreamLogHandler.standardError(label: label)
                    handler.logLevel = level
                    return handler
                }
            case let other:
                throw CLIError(
                    .usage, "LOG_FORMAT must be text or json, not \(other) / LOG_FORMAT は text か json を指定してください")
            }
            let metrics = try MetricsSettings(environment: environment)
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            let logger = Logger(label: "dxskills")
            let database = try Database(url: appURL, logger: logger)
            // Mail that is set up wrong is named here and by `dxskills doctor`; the service runs without it.
            let mail: MailChannel?
            do {
                mail = try MailChannel.fromEnvironment(environment)
            } catch {
                logger.error("notifications: mail is off", metadata: ["problem": "\(error)"])
                mail = nil
            }
            let app = try buildApplication(
                configuration: .init(
                    host: host, port: port,
                    publicURL: publicURL ?? environment["DXSKILLS_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 },
                    metrics: metrics, mail: mail),
                database: database, registry: registry, logger: logger)
            logger.info(
                "dxskills serving",
                metadata: ["url": "http://\(host):\(port)", "database": "\(appURL)", "metrics": "\(metrics)"])
            // The pool retries quietly; one connection of its own says why connecting fails, if it does.
            Task {
                do {
                    try await Database.probe(appURL, logger: logger)
                } catch {
                    logger.error("cannot connect to the database", metadata: ["error": "\(error)"])
                }
                await NotificationChecks.logProblems(environment: environment, database: database, logger: logger)
            }
            try await app.runService()
        }
    }
}
