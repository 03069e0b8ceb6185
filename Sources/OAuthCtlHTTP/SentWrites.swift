import Synchronization

/// Counts the writes (any method but GET) that may have reached a server while it is the task's
/// `SentWrites.current`: the apply engine sets one per action, so that an action cut short by
/// `circuitOpen` is reported "not attempted" only if none of its writes went out (a replace whose delete
/// went through before the provider went down is a failure, not a skip).
///
/// Counted by `CircuitBreakerTransport`'s gate, just above URLSession: every write that passed it, whatever
/// came back (even a refused connection may follow a send that reached the server); a write stopped by
/// the open circuit is not counted.
package final class SentWrites: Sendable {
    @TaskLocal package static var current: SentWrites?

    private let count = Mutex(0)

    package init() {}

    /// Writes that may have reached the server so far.
    package var value: Int { count.withLock { $0 } }

    func record() {
        count.withLock { $0 += 1 }
    }
}
