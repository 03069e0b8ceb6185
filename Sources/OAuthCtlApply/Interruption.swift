import OAuthCtlCore
import Synchronization

/// A stop request that the executor honours between writes: once requested, no new write starts, the
/// writes in flight finish, and the report says the run was interrupted. It also knows which writes are
/// in flight, so a second signal can name the clients whose outcome is unknown.
package final class Interruption: Sendable {
    private struct State {
        var requested = false
        var started = false
        var inFlight: [ClientAddress: Int] = [:]
    }
    private let state = Mutex(State())

    package init() {}

    /// Asks the run to stop. Returns whether any write had started: when none had, none ever will, so
    /// the caller may end the process at once.
    @discardableResult
    package func request() -> Bool {
        state.withLock { state in
            state.requested = true
            return state.started
        }
    }

    package var isRequested: Bool { state.withLock { $0.requested } }

    /// The clients whose writes have been sent and not yet answered, sorted.
    package var inFlight: [ClientAddress] { state.withLock { $0.inFlight.keys.sorted() } }

    /// Marks `address` in flight unless a stop was requested; false means: don't send.
    func begin(_ address: ClientAddress) -> Bool {
        state.withLock { state in
            guard !state.requested else { return false }
            state.started = true
            state.inFlight[address, default: 0] += 1
            return true
        }
    }

    func end(_ address: ClientAddress) {
        state.withLock { state in
            state.inFlight[address, default: 1] -= 1
            if state.inFlight[address] == 0 { state.inFlight[address] = nil }
        }
    }
}
