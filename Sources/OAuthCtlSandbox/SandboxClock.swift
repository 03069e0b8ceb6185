import Foundation

/// The sandbox's notion of now: system time or a frozen start, plus an offset tests can advance.
///
/// Tests freeze it (`SandboxClock(start:)`) and call `advance(by:)` instead of sleeping.
public final class SandboxClock: @unchecked Sendable {
    private let lock = NSLock()
    private let start: Date?
    private var offset: TimeInterval = 0

    /// `start == nil` follows the system clock; otherwise time stands still until advanced.
    public init(start: Date? = nil) { self.start = start }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return (start ?? Date()).addingTimeInterval(offset)
    }

    /// Moves time forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        lock.lock()
        offset += seconds
        lock.unlock()
    }
}
