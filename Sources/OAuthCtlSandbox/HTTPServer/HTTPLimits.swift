import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Size and time limits that keep one bad client from hurting the others.
struct HTTPLimits: Sendable {
    /// Largest request head (request line and headers); more gets 431 and a close.
    var maxHeaderBytes = 64 * 1024
    /// Largest request body; more gets 413 and a close.
    var maxBodyBytes = 1024 * 1024
    /// A keep-alive connection with no request for this long is closed.
    var idleTimeoutSeconds = 10.0
    /// A request whose head and body are not complete within this time is dropped (slowloris).
    var requestTimeoutSeconds = 10.0
    /// Connections beyond this count are closed on accept.
    var maxConnections = 512
    /// Monotonic seconds the deadlines above are measured on; tests inject one they advance by hand.
    var clock: @Sendable () -> Double = HTTPLimits.monotonicNow
    /// Longest single wait for bytes before the deadline is read again (a test clock moves between waits).
    var pollIntervalSeconds = 60.0

    static func monotonicNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
