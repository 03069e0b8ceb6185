import Foundation

/// Ory Network's per-bucket rate limits: fixed one-second and one-minute windows per bucket.
///
/// Every endpoint in one bucket shares a counter. A request over a limit gets 429 with an empty body
/// and no `Retry-After`; every response carries `x-ratelimit-*` and `x-ory-ratelimit-bucket`.
final class RateLimiter: @unchecked Sendable {
    /// A bucket's limits: requests per second and per minute.
    struct Policy: Sendable {
        let perSecond: Int
        let perMinute: Int
    }

    private struct Window {
        var start: Double = -1
        var count = 0
    }

    private let policies: [String: Policy]
    private let clock: SandboxClock
    private let state = LockedValue<[String: (Window, Window)]>([:])

    /// Developer-plan thresholds; the write bucket's per-minute limit is configurable, and its
    /// per-second limit grows with it (⌈writes/24⌉, never below 5) so large values stay usable.
    init(writesPerMinute: Int, clock: SandboxClock) {
        let writes = max(1, writesPerMinute)
        policies = [
            "hydra-admin-low": Policy(perSecond: max(5, (writes + 23) / 24), perMinute: writes),
            "hydra-admin-medium": Policy(perSecond: 5, perMinute: 15),
            "hydra-admin-high": Policy(perSecond: 5, perMinute: 80),
        ]
        self.clock = clock
    }

    /// Counts one request in `bucket`; returns whether it is allowed and the headers to send.
    func admit(bucket: String) -> (allowed: Bool, headers: [(String, String)]) {
        guard let policy = policies[bucket] else { return (true, []) }
        let now = clock.now().timeIntervalSince1970
        return state.withValue { all in
            var (second, minute) = all[bucket] ?? (Window(), Window())
            let secondStart = now.rounded(.down)
            let minuteStart = (now / 60).rounded(.down) * 60
            if second.start != secondStart { second = Window(start: secondStart, count: 0) }
            if minute.start != minuteStart { minute = Window(start: minuteStart, count: 0) }
            let allowed = second.count < policy.perSecond && minute.count < policy.perMinute
            if allowed {
                second.count += 1
                minute.count += 1
            }
            all[bucket] = (second, minute)
            let secondLeft = max(0, policy.perSecond - second.count)
            let minuteLeft = max(0, policy.perMinute - minute.count)
            let useMinute = minuteLeft <= secondLeft
            let limit = useMinute ? policy.perMinute : policy.perSecond
            let remaining = useMinute ? minuteLeft : secondLeft
            let reset = useMinute ? Int((minuteStart + 60 - now).rounded(.up)) : 0  // Ory reports 0 on the sub-second window
            return (
                allowed,
                [
                    ("x-ratelimit-limit", "\(limit), \(policy.perSecond);w=1, \(policy.perMinute);w=60"),
                    ("x-ratelimit-remaining", String(remaining)),
                    ("x-ratelimit-reset", String(max(0, reset))),
                    ("x-ory-ratelimit-bucket", bucket),
                ]
            )
        }
    }

    /// The bucket of an admin client endpoint (`hydra.md` §4), by method and normalized path.
    static func bucket(method: String, segments: [String]) -> String? {
        guard segments.count >= 2, segments[0] == "admin", segments[1] == "clients" else { return nil }
        switch (segments.count, method) {
        case (2, "GET"): return "hydra-admin-medium"
        case (3, "GET"): return "hydra-admin-high"
        case (5, _) where segments[3] == "secrets": return "hydra-admin-high"
        default: return "hydra-admin-low"
        }
    }
}
