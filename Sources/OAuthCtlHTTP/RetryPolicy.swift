import Foundation

/// When to send a request again and how long to wait first, as data and one pure function.
///
/// Retried: 429 and 503 always (the server says it did not act); 500, 502, 504 and the transport errors
/// `connectionFailed` / `connectionRefused` / `timedOut` only for requests that are safe to repeat: a
/// gateway's 502/504 or a lost connection leaves the outcome of a POST unknown (the server may have created
/// the client), so the caller reads back instead of sending it again; and a refused connection may follow a
/// send that reached the server (see `HTTPTransportError.connectionRefused`). Connection-level failures get
/// the short `connectionBudget` (an outage should fail fast); statuses, rate limits included, get
/// `totalBudget`. The wait is the server's
/// `Retry-After`, else `x-ratelimit-reset`, else the exponential floor `baseDelay * 2^(attempt-1)`
/// capped at `maxDelay` (1, 2, 4, 8, 16, 30 s); a 429 never waits less than the floor, because Ory
/// reports a reset of 0 for sub-second buckets. Jitter adds up to `maxJitter` of the wait.
package struct RetryPolicy: Sendable, Equatable {
    /// Sends in all, the first one included.
    package var maxAttempts: Int = 6
    package var baseDelay: Double = 1
    package var maxDelay: Double = 30
    /// Seconds from the first send past which no retry starts.
    package var totalBudget: Double = 120
    /// Seconds from the first send past which no retry after a connection-level failure (refused, lost,
    /// timed out, DNS) starts: an unreachable server is reported within this, not after `totalBudget`.
    package var connectionBudget: Double = RetryPolicy.defaultConnectionBudget
    /// The largest jitter, as a fraction of the wait (0.5 is up to +50 %).
    package var maxJitter: Double = 0.5

    package init(
        maxAttempts: Int = 6, baseDelay: Double = 1, maxDelay: Double = 30, totalBudget: Double = 120,
        maxJitter: Double = 0.5, connectionBudget: Double = RetryPolicy.defaultConnectionBudget
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.totalBudget = totalBudget
        self.maxJitter = maxJitter
        self.connectionBudget = connectionBudget
    }

    /// The default `connectionBudget` (and `--timeout`): 10 seconds.
    package static let defaultConnectionBudget: Double = 10

    /// A policy that never retries.
    package static let never = RetryPolicy(maxAttempts: 1)

    /// Statuses retried whatever the method: the server says it did not act.
    package static let alwaysRetriedStatuses: Set<Int> = [429, 503]
    /// Statuses retried only for requests that are safe to repeat: the server (or the one behind a
    /// gateway) may have acted.
    package static let idempotentRetriedStatuses: Set<Int> = [500, 502, 504]

    /// Decides what to do after attempt number `attempt` (1 for the first send) ended in `outcome`.
    ///
    /// Pure: no sleeping, no clock. `elapsed` is seconds since the first send; `random` in 0..<1
    /// supplies the jitter; `idempotent` is false for requests that must not be repeated once the
    /// server may have acted; `now` is needed only to read a `Retry-After` HTTP-date.
    package func decide(
        attempt: Int, outcome: RetryOutcome, elapsed: Double, random: Double, idempotent: Bool = false,
        now: Date? = nil
    ) -> RetryDecision {
        guard attempt < maxAttempts, let base = wait(attempt: attempt, outcome: outcome, idempotent: idempotent, now: now)
        else { return .giveUp }
        let jitter = min(max(random, 0), 1) * max(maxJitter, 0)
        let delay = base * (1 + jitter)
        var budget = totalBudget
        if case .transportError(let error) = outcome, error.isConnectionLevel { budget = min(budget, connectionBudget) }
        guard delay.isFinite, elapsed + delay <= budget else { return .giveUp }
        return .retry(after: delay)
    }

    /// The exponential floor before retry number `attempt`: `baseDelay * 2^(attempt-1)`, capped.
    package func floor(attempt: Int) -> Double {
        let exponent = Double(min(max(attempt - 1, 0), 62))
        return min(baseDelay * pow(2, exponent), maxDelay)
    }

    /// The wait before jitter, or nil when the outcome is not worth another attempt.
    private func wait(attempt: Int, outcome: RetryOutcome, idempotent: Bool, now: Date?) -> Double? {
        switch outcome {
        case .transportError(let error):
            return idempotent && error.isTransient ? floor(attempt: attempt) : nil
        case .response(let status, let headers):
            guard Self.alwaysRetriedStatuses.contains(status) || (idempotent && Self.idempotentRetriedStatuses.contains(status))
            else { return nil }
            let hint = serverHint(headers, now: now)
            if status == 429 { return max(hint ?? 0, floor(attempt: attempt)) }
            return hint ?? floor(attempt: attempt)
        }
    }

    /// `Retry-After` if usable, else `x-ratelimit-reset`; header names are matched case-insensitively.
    private func serverHint(_ headers: [String: String], now: Date?) -> Double? {
        var retryAfter: String?
        var reset: String?
        for (name, value) in headers {
            switch name.lowercased() {
            case "retry-after": retryAfter = value
            case "x-ratelimit-reset": reset = value
            default: break
            }
        }
        if let retryAfter, let seconds = RetryHint.retryAfter(retryAfter, now: now) { return seconds }
        if let reset, let seconds = RetryHint.rateLimitReset(reset) { return seconds }
        return nil
    }
}
