import PostgresNIO
import Synchronization

/// An answer for work whose connection closes under it.
///
/// PostgresNIO 1.33.2 never completes a statement sent on a connection that has already closed: the
/// channel's handlers are gone, and the statement's promise with them. An import validates its file
/// for seconds inside its transaction, so when PostgreSQL stopped meanwhile, its next statement waited
/// for ever, and so did the request (and the service's shutdown behind it). Work run here goes in a
/// task of its own, while this watches the connections its transactions hold: as soon as one of them
/// is closed, the caller gets `unavailable` (503). A task left waiting that way holds its memory
/// until the service stops; the pool has already dropped its connection.
public final class ConnectionWatch: Sendable {
    @TaskLocal static var current: ConnectionWatch?

    private let state = Mutex<State>(State())

    private struct State {
        var connections: [ObjectIdentifier: PostgresConnection] = [:]
        var result: Result<any Sendable, any Error>?
        var waiter: CheckedContinuation<any Sendable, any Error>?
    }

    /// How often the connections are looked at.
    static let interval: Duration = .milliseconds(200)

    public static func answering<Result: Sendable>(_ work: @escaping @Sendable () async throws -> Result) async throws
        -> Result
    {
        let watch = ConnectionWatch()
        let task = Task {
            do {
                let value = try await $current.withValue(watch) { try await work() }
                watch.finish(.success(value))
            } catch {
                watch.finish(.failure(error))
            }
        }
        let looking = Task {
            while !Task.isCancelled, watch.pending {
                if watch.lost { watch.finish(.failure(Database.unreachable)) }
                try? await Task.sleep(for: interval)
            }
        }
        defer { looking.cancel() }
        let value = try await withTaskCancellationHandler {
            try await watch.wait()
        } onCancel: {
            task.cancel()
        }
        guard let value = value as? Result else { throw CancellationError() }
        return value
    }

    func holding(_ connection: PostgresConnection) {
        state.withLock { $0.connections[ObjectIdentifier(connection)] = connection }
    }

    func released(_ connection: PostgresConnection) {
        state.withLock { $0.connections[ObjectIdentifier(connection)] = nil }
    }

    private var pending: Bool { state.withLock { $0.result == nil } }

    private var lost: Bool { state.withLock { $0.connections.values.contains(where: \.isClosed) } }

    private func finish(_ result: Result<any Sendable, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<any Sendable, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            state.connections = [:]
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    private func wait() async throws -> any Sendable {
        try await withCheckedThrowingContinuation { continuation in
            let result = state.withLock { state -> Result<any Sendable, any Error>? in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let result { continuation.resume(with: result) }
        }
    }
}
