import Foundation

/// Decides, per admin API request, whether to delay it, fail it or reset the connection.
final class FaultInjector: @unchecked Sendable {
    private struct State {
        var plan: FaultPlan
        var rules: [FaultRule] = []
        var random: UInt64
    }

    private let initialPlan: FaultPlan
    private let state: LockedValue<State>
    /// The emulated server's own error response for a status, when a rule gives no body (default: Hydra's).
    private let errorResponse: (@Sendable (Int) -> HTTPResponse)?

    init(plan: FaultPlan, errorResponse: (@Sendable (Int) -> HTTPResponse)? = nil) {
        initialPlan = plan
        self.errorResponse = errorResponse
        state = LockedValue(State(plan: plan, random: plan.failureSeed))
    }

    /// A fault to apply: a response to send instead of the real one (or a reset), plus a delay.
    struct Outcome {
        var delayMs = 0
        var response: HTTPResponse?
        /// Carry the request out first; then wait `delayAfterMs` and answer with `response` if set.
        var afterCommit = false
        var delayAfterMs = 0

        /// The answer to a request: the delay, then the injected response or `handle()`'s (which runs
        /// before the injected answer replaces it when `afterCommit`).
        func apply(_ handle: () -> HTTPResponse) -> HTTPResponse {
            if delayMs > 0 { usleep(useconds_t(min(delayMs, 60_000)) * 1000) }
            guard afterCommit else { return response ?? handle() }
            let real = handle()
            if delayAfterMs > 0 { usleep(useconds_t(min(delayAfterMs, 60_000)) * 1000) }
            return response ?? real
        }
    }

    func outcome(method: String, paths: [String]) -> Outcome {
        state.withValue { s in
            var outcome = Outcome(delayMs: s.plan.latencyMs)
            for i in s.rules.indices where s.rules[i].fires(method: method, paths: paths) {
                let rule = s.rules[i]
                if rule.afterCommit {
                    outcome.afterCommit = true
                    outcome.delayAfterMs += rule.latencyMs
                } else {
                    outcome.delayMs += rule.latencyMs
                }
                switch rule.action {
                case .reset: outcome.response = .connectionReset
                case .status(let status):
                    var injected = response(status, retryAfter: rule.retryAfter, body: rule.body)
                    injected.headers += rule.headers
                    outcome.response = injected
                case .delay: continue
                }
                break
            }
            if outcome.response == nil && s.plan.failureRate > 0 {
                // SplitMix64: deterministic for a given seed and request order.
                s.random &+= 0x9E37_79B9_7F4A_7C15
                var z = s.random
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                if Double(z >> 11) / Double(1 << 53) < s.plan.failureRate {
                    outcome.response = response(s.plan.failureStatus, retryAfter: nil, body: nil)
                }
            }
            return outcome
        }
    }

    private func response(_ status: Int, retryAfter: String?, body: String?) -> HTTPResponse {
        var response: HTTPResponse
        if let body {
            response = HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(body.utf8))
        } else if let errorResponse {
            response = errorResponse(status)
        } else if status == 429 {
            response = HTTPResponse(status: status)  // Ory sends 429 with an empty body.
        } else {
            response =
                HydraError(
                    status, status >= 500 ? "server_error" : HTTPResponse.reason(status).lowercased(),
                    "injected by the sandbox fault plan"
                ).response
        }
        if let retryAfter { response.headers.append(("Retry-After", retryAfter)) }
        return response
    }

    /// Adds rules and optionally changes latency / failure rate (`POST /__sandbox/faults`).
    func add(rules: [FaultRule], latencyMs: Int?, failureRate: Double?) {
        state.withValue { s in
            s.rules.append(contentsOf: rules)
            if let latencyMs { s.plan.latencyMs = max(0, latencyMs) }
            if let failureRate { s.plan.failureRate = min(1, max(0, failureRate)) }
        }
    }

    /// Removes every rule and turns latency and random failures off (`DELETE /__sandbox/faults`).
    func clear() {
        state.withValue { s in
            s.rules = []
            s.plan.latencyMs = 0
            s.plan.failureRate = 0
        }
    }

    var json: JSONValue {
        state.withValue { s in
            .object([
                ("latency_ms", .number(String(s.plan.latencyMs))),
                ("failure_rate", .number(String(s.plan.failureRate))),
                ("rules", .array(s.rules.map(\.json))),
            ])
        }
    }
}
