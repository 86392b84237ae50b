import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

extension Database {
    /// How long a request waits for a connection before the server is checked: with PostgreSQL
    /// down, the pool otherwise kept a request waiting over a minute, then failed it as a 500.
    public static let acquireTimeout: Duration = .seconds(2)

    /// Runs `body`, which calls `acquired()` once it holds a connection. When that has not happened
    /// within `acquireTimeout` and the server does not take a connection of its own (it is down, or
    /// refuses the service's certificate, TLS or login), the wait is cancelled and `unavailable`
    /// thrown (503); when the server takes it, the pool is only busy and the wait goes on. Work that
    /// has its connection runs as long as it needs (an import may take minutes). Whatever it throws
    /// comes out through `availability`.
    func withAcquireTimeout<Result: Sendable>(
        _ body: (_ acquired: @escaping @Sendable () -> Void) async throws -> Result
    ) async throws -> Result {
        do {
            return try await racingAcquisition(body)
        } catch {
            throw Self.availability(error)
        }
    }

    private func racingAcquisition<Result: Sendable>(
        _ body: (_ acquired: @escaping @Sendable () -> Void) async throws -> Result
    ) async throws -> Result {
        let state = Acquisition()
        return try await withoutActuallyEscaping(body) { body in
            // The group's tasks end before it returns, so the body never outlives this call.
            let work = UncheckedSendable(body)
            return try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask { try await work.value { state.acquire() } }
                if let server {
                    group.addTask {
                        try await Task.sleep(for: Self.acquireTimeout)
                        while !state.isAcquired {
                            guard case .up = await server.state() else { throw Self.unreachable }
                            try await Task.sleep(for: .seconds(1))
                        }
                        return nil
                    }
                }
                while let result = try await group.next() {
                    if let result {
                        group.cancelAll()
                        return result
                    }
                }
                throw CancellationError()
            }
        }
    }

    static let unreachable = DXSkillsError.unavailable(
        "the database is not reachable; try again in a few seconds / データベースに接続できません。しばらくしてから再試行してください")

    /// `error` as `unavailable` when it says the database cannot be reached (a refused or lost
    /// connection, a pool that cannot connect, a server shutting down); a transaction's error as the
    /// error inside it; any other error as it is.
    static func availability(_ error: any Error) -> any Error {
        if let error = error as? PostgresTransactionError {
            return availability(error.closureError ?? error.beginError ?? error.commitError ?? error)
        }
        if let error = error as? PSQLError {
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .poolClosed, .clientClosedConnection:
                return unreachable
            case .server:
                // 08: connection exception; 57P01–57P03: shutdown, crash shutdown, cannot connect now.
                let state = error.serverInfo?[.sqlState] ?? ""
                if state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state) { return unreachable }
                return error
            default:
                return error
            }
        }
        // The pool's own errors (circuit breaker tripped, request timed out) have no public type here.
        if String(reflecting: type(of: error)).contains("ConnectionPoolError") { return unreachable }
        return error
    }
}

/// Whether the database server takes a connection of the service, asked at most once a second.
///
/// A connection of its own, outside the pool, with the pool's address, TLS and login: a bare TCP
/// check said "up" for a server that refuses the service's certificate or login (or for PgBouncer
/// in front of a stopped server), and requests then waited a minute for the pool to give up. A
/// refusal is logged (once until it changes), since the answer to the client says only 503.
final class Reachability: Sendable {
    enum State: Sendable, Equatable {
        /// It took the connection, or is only full (53300): the pool is busy.
        case up
        /// Nothing answers, or the server is starting or stopping.
        case down
        /// It answers and refuses: the reason, for the log.
        case refusing(String)
    }

    let url: DatabaseURL
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    private let last = Mutex<(at: ContinuousClock.Instant, state: State)?>(nil)

    init(url: DatabaseURL, configuration: PostgresConnection.Configuration, logger: Logger) {
        var configuration = configuration
        configuration.options.connectTimeout = .seconds(2)
        self.url = url
        self.configuration = configuration
        self.logger = logger
    }

    func state() async -> State {
        let now = ContinuousClock.now
        let previous = last.withLock { $0 }
        if let previous, now - previous.at < .seconds(1) { return previous.state }
        let state: State
        if await !acceptsTCP() {
            state = .down
        } else {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                try? await connection.close()
                state = .up
            } catch {
                state = Self.state(after: error, url: url)
            }
        }
        last.withLock { $0 = (now, state) }
        if case .refusing(let reason) = state, previous?.state != state {
            logger.error("the database refuses the service's connections", metadata: ["error": "\(reason)"])
        }
        return state
    }

    /// Whether anything accepts a TCP connection at the address.
    func acceptsTCP() async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(2)).connect(host: url.host, port: url.port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }

    /// What a failed connection to a server that accepts TCP says about it. Only what the server
    /// (or TLS) answers is a refusal or a server going away; a connection that was slow to start
    /// (a loaded machine, a pooler waiting for its server) is a busy server, as the pool's wait was.
    static func state(after error: any Error, url: DatabaseURL) -> State {
        guard let psql = error as? PSQLError else { return .up }
        switch psql.code {
        case .server:
            let sqlState = psql.serverInfo?[.sqlState] ?? ""
            if sqlState.hasPrefix("53") { return .up }  // too many connections, out of memory: busy
            if sqlState.hasPrefix("08") || sqlState.hasPrefix("57P") { return .down }
            return .refusing(Database.connectionProblem(error, url: url))
        case .sslUnsupported:
            return .refusing(Database.connectionProblem(error, url: url))
        case .connectionError where psql.underlying is NIOSSLError || psql.underlying is NIOSSLExtraError:
            return .refusing(Database.connectionProblem(error, url: url))
        case .serverClosedConnection, .uncleanShutdown:
            return .down
        default:
            return .up
        }
    }
}

/// Whether a connection was handed out yet.
final class Acquisition: Sendable {
    private let acquired = Mutex(false)
    func acquire() { acquired.withLock { $0 = true } }
    var isAcquired: Bool { acquired.withLock { $0 } }
}

/// A value that crosses into a child task which ends before the value's owner returns.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
