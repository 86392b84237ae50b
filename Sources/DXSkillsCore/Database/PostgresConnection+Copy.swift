import PostgresNIO
import Synchronization

extension PostgresConnection {
    /// `COPY table (columns) FROM STDIN` of `text` (COPY's text format), sent in 1 MiB chunks; throws
    /// `unavailable` (503) as soon as the connection closes under it.
    ///
    /// PostgresNIO 1.33.2 loses the chunk that waits for the socket to drain when the connection fails
    /// during COPY (`ExtendedQueryStateMachine.setAndFireError` in `.copyingData` keeps the error and
    /// drops the waiting promise): `copyFrom` then never returns, and the request that ran it never
    /// got an answer when PostgreSQL stopped mid-import. So the copy runs in a task of its own, and
    /// this waits for the first of the copy's end and the connection's close (see also
    /// `ConnectionWatch`). A copy abandoned that
    /// way gives up its text first, so it holds no more than its task.
    public func copy(
        into table: String, columns: [String], text: [UInt8], logger: Logger
    ) async throws {
        let source = CopySource(text)
        let outcome = CopyOutcome()
        let copy = Task {
            do {
                try await copyFrom(table: table, columns: columns, logger: logger) { writer in
                    while let chunk = source.next() { try await writer.write(chunk) }
                }
                outcome.finish(.success(()))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        // Looked at, not waited on: a callback on `closeFuture` would stay with a pooled connection
        // for as long as it lives, one per copy.
        let looking = Task {
            while !Task.isCancelled, outcome.pending {
                if isClosed { outcome.finish(.failure(Database.unreachable)) }
                try? await Task.sleep(for: ConnectionWatch.interval)
            }
        }
        defer { looking.cancel() }
        do {
            try await withTaskCancellationHandler {
                try await outcome.wait()
            } onCancel: {
                copy.cancel()
            }
        } catch {
            source.abandon()
            throw error
        }
    }
}

/// The copy's text, handed out a chunk at a time until it is used up or abandoned.
private final class CopySource: Sendable {
    private let state: Mutex<(text: [UInt8], offset: Int)>
    static let chunk = 1_048_576

    init(_ text: [UInt8]) { state = Mutex((text, 0)) }

    func next() -> ByteBuffer? {
        state.withLock { state in
            guard state.offset < state.text.count else { return nil }
            let end = min(state.offset + Self.chunk, state.text.count)
            defer { state.offset = end }
            return ByteBuffer(bytes: state.text[state.offset..<end])
        }
    }

    func abandon() { state.withLock { $0 = ([], 0) } }
}

/// The first result of a copy and its connection's close, for the one waiter.
private final class CopyOutcome: Sendable {
    private let state = Mutex<(result: Result<Void, any Error>?, waiter: CheckedContinuation<Void, any Error>?)>(
        (nil, nil))

    func finish(_ result: Result<Void, any Error>) {
        let waiter: CheckedContinuation<Void, any Error>? = state.withLock { state in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    var pending: Bool { state.withLock { $0.result == nil } }

    func wait() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let result: Result<Void, any Error>? = state.withLock { state in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let result { continuation.resume(with: result) }
        }
    }
}
