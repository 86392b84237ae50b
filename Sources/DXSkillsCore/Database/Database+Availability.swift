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
    /// within `acquireTimeout` and the server does not accept connections, the wait is cancelled
    /// and `unavailable` thrown (503); when the server is up, the pool is only busy and the wait
    /// goes on. Work that has its connection runs as long as it needs (an import may take minutes).
    /// Whatever it throws comes out through `availability`.
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
                            guard await server.accepts() else { throw Self.unreachable }
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

/// Whether the database server accepts TCP connections, asked at most once a second.
final class Reachability: Sendable {
    let host: String
    let port: Int
    private let last = Mutex<(at: ContinuousClock.Instant, up: Bool)?>(nil)

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    func accepts() async -> Bool {
        let now = ContinuousClock.now
        if let last = last.withLock({ $0 }), now - last.at < .seconds(1) { return last.up }
        let up: Bool
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(2)).connect(host: host, port: port).get()
            try? await channel.close()
            up = true
        } catch {
            up = false
        }
        last.withLock { $0 = (now, up) }
        return up
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
