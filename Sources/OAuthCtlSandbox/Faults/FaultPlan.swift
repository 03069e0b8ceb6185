/// Faults applied to every admin API request from the start: added latency and random failures.
///
/// Scripted, per-request faults are added at run time through `POST /__sandbox/faults` (see README).
package struct FaultPlan: Sendable {
    /// Milliseconds to wait before answering each admin API request.
    package var latencyMs: Int
    /// Probability (0...1) that a request is answered with `failureStatus` instead.
    package var failureRate: Double
    /// Seed of the deterministic generator behind `failureRate`.
    package var failureSeed: UInt64
    package var failureStatus: Int

    package init(latencyMs: Int = 0, failureRate: Double = 0, failureSeed: UInt64 = 1, failureStatus: Int = 500) {
        self.latencyMs = latencyMs
        self.failureRate = failureRate
        self.failureSeed = failureSeed
        self.failureStatus = failureStatus
    }
}
