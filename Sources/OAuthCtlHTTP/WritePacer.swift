/// Paces writes so that a server's write bucket (N per minute, optionally M per second) is never exceeded.
///
/// Limits are sliding windows: a write is granted only when fewer than `count` writes were granted in
/// the `window` seconds before it. The pacer also learns from the server: when a response says
/// `x-ratelimit-remaining` ≤ 1, writes pause until `x-ratelimit-reset` has passed (Ory Network, whose
/// Developer projects allow 15 writes a minute and 5 a second). Clock and sleep are injected.
package actor WritePacer {
    /// A sliding-window limit: at most `count` writes in any `window` seconds.
    package struct Limit: Sendable, Equatable {
        package var count: Int
        package var window: Double

        package init(count: Int, window: Double) {
            self.count = max(count, 1)
            self.window = max(window, 0)
        }
    }

    package let limits: [Limit]
    /// The shortest pause taken on `remaining ≤ 1` (Ory reports a reset of 0 for sub-second buckets).
    package let minimumPause: Double
    /// The longest pause taken on the server's word; a longer reset is left to the retry policy.
    package let maximumPause: Double
    private let clock: @Sendable () -> Double
    private let sleep: @Sendable (Double) async -> Void
    /// Told before a wait of a second or more (for progress displays).
    private let onWait: (@Sendable (Double) -> Void)?
    /// Grant times, ascending; only the last `max(limits.count)` are kept.
    private var grants: [Double] = []
    private var pausedUntil = -Double.infinity

    /// - Parameters:
    ///   - writesPerMinute: the bucket size per 60 s, or nil for no client-side pacing (the pacer then
    ///     only pauses on the server's headers).
    ///   - writesPerSecond: an optional second bucket per 1 s.
    package init(
        writesPerMinute: Int?, writesPerSecond: Int? = nil, minimumPause: Double = 1, maximumPause: Double = 120,
        clock: @escaping @Sendable () -> Double = RetryingTransport.monotonicSeconds,
        sleep: @escaping @Sendable (Double) async -> Void = RetryingTransport.taskSleep,
        onWait: (@Sendable (Double) -> Void)? = nil
    ) {
        var limits: [Limit] = []
        if let writesPerMinute { limits.append(Limit(count: writesPerMinute, window: 60)) }
        if let writesPerSecond { limits.append(Limit(count: writesPerSecond, window: 1)) }
        self.init(limits: limits, minimumPause: minimumPause, maximumPause: maximumPause, clock: clock, sleep: sleep, onWait: onWait)
    }

    /// A pacer for any set of sliding-window limits.
    package init(
        limits: [Limit], minimumPause: Double = 1, maximumPause: Double = 120,
        clock: @escaping @Sendable () -> Double = RetryingTransport.monotonicSeconds,
        sleep: @escaping @Sendable (Double) async -> Void = RetryingTransport.taskSleep,
        onWait: (@Sendable (Double) -> Void)? = nil
    ) {
        self.onWait = onWait
        self.limits = limits
        self.minimumPause = minimumPause
        self.maximumPause = max(maximumPause, minimumPause)
        self.clock = clock
        self.sleep = sleep
    }

    /// Waits until one more write is allowed, and counts it; returns the clock reading of the grant.
    ///
    /// Safe under concurrency: a waiter re-checks after every sleep, because other writers (or a newly
    /// observed pause) may have used the slot it was waiting for.
    @discardableResult
    package func acquire() async -> Double {
        while true {
            let now = clock()
            let earliest = earliestGrant()
            if earliest <= now {
                grants.append(now)
                let keep = limits.map(\.count).max() ?? 0
                if grants.count > keep { grants.removeFirst(grants.count - keep) }
                return now
            }
            if earliest - now >= 1 { onWait?(earliest - now) }
            await sleep(earliest - now)
        }
    }

    /// Learns from a write's response headers: when `x-ratelimit-remaining` ≤ 1, pause until reset.
    ///
    /// Headers repeated once per bucket (`"14, 1"`) are paired by position with the resets; a reset of
    /// 0 or a missing one pauses for `minimumPause`.
    package func observe(headers: [String: String]) {
        var remainingValue: String?
        var resetValue: String?
        for (name, value) in headers {
            switch name.lowercased() {
            case "x-ratelimit-remaining": remainingValue = value
            case "x-ratelimit-reset": resetValue = value
            default: break
            }
        }
        guard let remainingValue, let remaining = RetryHint.numbers(in: remainingValue) else { return }
        let resets = resetValue.flatMap { RetryHint.numbers(in: $0) } ?? []
        var pause: Double?
        for (index, left) in remaining.enumerated() where left <= 1 {
            let reset = resets.count == remaining.count ? resets[index] : (resets.max() ?? 0)
            pause = max(pause ?? 0, min(max(reset, minimumPause), maximumPause))
        }
        if let pause { pausedUntil = max(pausedUntil, clock() + pause) }
    }

    /// The earliest time at which the next write satisfies every limit and any observed pause.
    private func earliestGrant() -> Double {
        var earliest = pausedUntil
        for limit in limits where grants.count >= limit.count {
            earliest = max(earliest, grants[grants.count - limit.count] + limit.window)
        }
        return earliest
    }
}
