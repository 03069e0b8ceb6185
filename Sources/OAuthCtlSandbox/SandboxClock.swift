import Foundation

/// The sandbox's notion of now: system time or a frozen start, plus an offset tests can advance.
///
/// Tests freeze it (`SandboxClock(start:)`) and call `advance(by:)` instead of sleeping.
package final class SandboxClock: @unchecked Sendable {
    private let lock = NSLock()
    private let start: Date?
    private var offset: TimeInterval = 0

    /// `start == nil` follows the system clock; otherwise time stands still until advanced.
    package init(start: Date? = nil) { self.start = start }

    package func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return (start ?? Date()).addingTimeInterval(offset)
    }

    /// Moves time forward by `seconds`.
    package func advance(by seconds: TimeInterval) {
        lock.lock()
        offset += seconds
        lock.unlock()
    }
}
