/// The retry policy's answer: wait this many seconds and send again, or stop.
package enum RetryDecision: Sendable, Equatable {
    case retry(after: Double)
    /// Stop and hand the last outcome to the caller (also the answer for a success).
    case giveUp
}
