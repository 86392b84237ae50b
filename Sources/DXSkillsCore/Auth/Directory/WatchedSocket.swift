import Foundation
import Synchronization

/// The directory connection's socket, held as a duplicate of libldap's descriptor so that a call
/// that hangs can be cut off from a timer's thread. The duplicate is ours until `release`: its
/// number cannot pass to another connection while the timer may still use it.
final class WatchedSocket: Sendable {
    private struct State {
        var descriptor: Int32 = -1
        var cutOff = false
    }

    private let state = Mutex(State())

    /// A TCP connection exists and its TLS handshake has begun.
    var handshakeBegan: Bool { state.withLock { $0.descriptor >= 0 } }
    var wasCutOff: Bool { state.withLock { $0.cutOff } }

    /// Called by libldap just before the TLS handshake.
    func adopt(_ descriptor: Int32) {
        // libldap 2.5 sets the socket non-blocking for the handshake and then retries its reads in a
        // busy loop with no deadline: a directory that accepts and never answers would spin a core for
        // as long as it keeps the connection. Blocking reads wait idle until `cutOff` ends them.
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        let copy = dup(descriptor)
        state.withLock { state in
            if state.descriptor >= 0 { _ = close(state.descriptor) }
            state.descriptor = copy
        }
    }

    /// Ends whatever read or write is waiting on the connection.
    func cutOff() {
        state.withLock { state in
            guard state.descriptor >= 0 else { return }
            state.cutOff = true
            _ = shutdown(state.descriptor, Int32(SHUT_RDWR))
        }
    }

    func release() {
        state.withLock { state in
            if state.descriptor >= 0 { _ = close(state.descriptor) }
            state.descriptor = -1
        }
    }
}
