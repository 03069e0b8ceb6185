import Foundation
import OAuthCtlHTTP
import Testing

/// One row of the retry table: the inputs to `decide` and the decision expected.
struct RetryCase: Sendable, CustomTestStringConvertible {
    var name: String
    var attempt = 1
    var outcome: RetryOutcome
    var elapsed = 0.0
    var random = 0.0
    var idempotent = true
    var now: Date?
    var expected: RetryDecision
    var testDescription: String { name }
}

private func status(_ code: Int, _ headers: [String: String] = [:]) -> RetryOutcome {
    .response(status: code, headers: headers)
}

/// Sun, 06 Nov 1994 08:49:37 GMT.
private let referenceNow = Date(timeIntervalSince1970: 784_111_777)

private let cases: [RetryCase] = [
    RetryCase(name: "200 is not retried", outcome: status(200), expected: .giveUp),
    RetryCase(name: "400 is not retried", outcome: status(400), expected: .giveUp),
    RetryCase(name: "409 is not retried", outcome: status(409), expected: .giveUp),
    RetryCase(name: "501 is not retried", outcome: status(501), expected: .giveUp),
    RetryCase(name: "429 waits the floor", outcome: status(429), expected: .retry(after: 1)),
    RetryCase(name: "502 waits the floor", outcome: status(502), expected: .retry(after: 1)),
    RetryCase(name: "503 waits the floor", outcome: status(503), expected: .retry(after: 1)),
    RetryCase(name: "504 waits the floor", outcome: status(504), expected: .retry(after: 1)),
    RetryCase(name: "500 on an idempotent request is retried", outcome: status(500), expected: .retry(after: 1)),
    RetryCase(name: "500 on a POST is not retried", outcome: status(500), idempotent: false, expected: .giveUp),
    RetryCase(name: "429 on a POST is retried", outcome: status(429), idempotent: false, expected: .retry(after: 1)),
    RetryCase(name: "503 on a POST is retried", outcome: status(503), idempotent: false, expected: .retry(after: 1)),
    RetryCase(name: "502 on a POST is not retried (outcome unknown)", outcome: status(502), idempotent: false, expected: .giveUp),
    RetryCase(name: "504 on a POST is not retried (outcome unknown)", outcome: status(504), idempotent: false, expected: .giveUp),
    RetryCase(
        name: "connection failure on GET is retried", outcome: .transportError(.connectionFailed("x")),
        expected: .retry(after: 1)),
    RetryCase(name: "timeout on PUT is retried", attempt: 2, outcome: .transportError(.timedOut), expected: .retry(after: 2)),
    RetryCase(
        name: "connection failure on POST is not retried", outcome: .transportError(.connectionFailed("x")),
        idempotent: false, expected: .giveUp),
    RetryCase(name: "timeout on POST is not retried", outcome: .transportError(.timedOut), idempotent: false, expected: .giveUp),
    RetryCase(name: "TLS errors are not retried", outcome: .transportError(.tls("bad cert")), expected: .giveUp),
    RetryCase(name: "DNS errors are not retried", outcome: .transportError(.dns("no such host")), expected: .giveUp),
    RetryCase(name: "invalid responses are not retried", outcome: .transportError(.invalidResponse), expected: .giveUp),
    RetryCase(name: "floor doubles: attempt 3 waits 4", attempt: 3, outcome: status(503), expected: .retry(after: 4)),
    RetryCase(name: "floor doubles: attempt 5 waits 16", attempt: 5, outcome: status(503), expected: .retry(after: 16)),
    RetryCase(name: "attempts exhausted at maxAttempts", attempt: 6, outcome: status(503), expected: .giveUp),
    RetryCase(
        name: "full jitter adds half", attempt: 2, outcome: status(503), random: 0.999_999, expected: .retry(after: 2.999_999)),
    RetryCase(name: "partial jitter", attempt: 3, outcome: status(429), random: 0.25, expected: .retry(after: 4.5)),
    RetryCase(name: "Retry-After seconds is honoured", outcome: status(503, ["retry-after": "7"]), expected: .retry(after: 7)),
    RetryCase(
        name: "Retry-After below the floor is honoured for 503", attempt: 4, outcome: status(503, ["retry-after": "1"]),
        expected: .retry(after: 1)),
    RetryCase(
        name: "Retry-After below the floor is raised to the floor for 429", attempt: 4,
        outcome: status(429, ["retry-after": "1"]), expected: .retry(after: 8)),
    RetryCase(
        name: "Retry-After header name is matched case-insensitively", outcome: status(503, ["Retry-After": "9"]),
        expected: .retry(after: 9)),
    RetryCase(
        name: "Retry-After HTTP-date is measured from now",
        outcome: status(503, ["retry-after": "Sun, 06 Nov 1994 08:49:49 GMT"]),
        now: referenceNow, expected: .retry(after: 12)),
    RetryCase(
        name: "Retry-After RFC 850 date", outcome: status(503, ["retry-after": "Sunday, 06-Nov-94 08:49:47 GMT"]),
        now: referenceNow, expected: .retry(after: 10)),
    RetryCase(
        name: "Retry-After asctime date", outcome: status(503, ["retry-after": "Sun Nov  6 08:49:42 1994"]),
        now: referenceNow, expected: .retry(after: 5)),
    RetryCase(
        name: "Retry-After date in the past waits nothing on 503",
        outcome: status(503, ["retry-after": "Sun, 06 Nov 1994 08:00:00 GMT"]), now: referenceNow, expected: .retry(after: 0)),
    RetryCase(
        name: "Retry-After date without now falls back to the floor", attempt: 2,
        outcome: status(503, ["retry-after": "Sun, 06 Nov 1994 08:49:49 GMT"]), expected: .retry(after: 2)),
    RetryCase(
        name: "garbage Retry-After falls back to x-ratelimit-reset",
        outcome: status(503, ["retry-after": "soon", "x-ratelimit-reset": "6"]), expected: .retry(after: 6)),
    RetryCase(
        name: "Retry-After wins over x-ratelimit-reset",
        outcome: status(429, ["retry-after": "3", "x-ratelimit-reset": "20"]), expected: .retry(after: 3)),
    RetryCase(
        name: "x-ratelimit-reset is honoured", outcome: status(429, ["x-ratelimit-reset": "12"]), expected: .retry(after: 12)),
    RetryCase(
        name: "repeated x-ratelimit-reset takes the largest", outcome: status(429, ["x-ratelimit-reset": "0, 17, 3"]),
        expected: .retry(after: 17)),
    RetryCase(
        name: "x-ratelimit-reset 0 uses the floor", attempt: 3, outcome: status(429, ["x-ratelimit-reset": "0"]),
        expected: .retry(after: 4)),
    RetryCase(
        name: "x-ratelimit-reset below the floor is raised for 429", attempt: 5,
        outcome: status(429, ["x-ratelimit-reset": "2, 1"]), expected: .retry(after: 16)),
    RetryCase(
        name: "x-ratelimit-reset with parameters", outcome: status(429, ["x-ratelimit-reset": "4;w=1, 40;w=60"]),
        expected: .retry(after: 40)),
    RetryCase(
        name: "wait that fits the budget exactly", attempt: 4, outcome: status(503), elapsed: 112, expected: .retry(after: 8)),
    RetryCase(name: "wait past the budget gives up", attempt: 4, outcome: status(503), elapsed: 112.5, expected: .giveUp),
    RetryCase(
        name: "jitter counts against the budget", attempt: 4, outcome: status(503), elapsed: 110.5, random: 0.5, expected: .giveUp
    ),
    RetryCase(
        name: "a server wait longer than the budget gives up", outcome: status(503, ["retry-after": "3600"]), expected: .giveUp),
]

@Test("retry decision table", arguments: cases)
func retryDecision(_ row: RetryCase) {
    let decision = RetryPolicy().decide(
        attempt: row.attempt, outcome: row.outcome, elapsed: row.elapsed, random: row.random,
        idempotent: row.idempotent, now: row.now)
    switch (decision, row.expected) {
    case (.retry(let actual), .retry(let expected)): #expect(abs(actual - expected) < 1e-9, "\(row.name)")
    default: #expect(decision == row.expected, "\(row.name)")
    }
}

@Test("the floor is 1, 2, 4, 8, 16, 30 s, capped at maxDelay")
func floorSequence() {
    let policy = RetryPolicy()
    #expect((1...7).map { policy.floor(attempt: $0) } == [1, 2, 4, 8, 16, 30, 30])
}

@Test("the default policy's attempts and floors fit the budget with full jitter")
func defaultsFitTheBudget() {
    let policy = RetryPolicy()
    var elapsed = 0.0
    var retries = 0
    while case .retry(let delay) = policy.decide(
        attempt: retries + 1, outcome: status(503), elapsed: elapsed, random: 0.999, idempotent: true)
    {
        elapsed += delay
        retries += 1
    }
    #expect(retries == policy.maxAttempts - 1)
}

@Test("decide leaves out idempotency and now by default: conservative for writes")
func conservativeDefaults() {
    let policy = RetryPolicy()
    #expect(policy.decide(attempt: 1, outcome: .transportError(.timedOut), elapsed: 0, random: 0) == .giveUp)
    #expect(policy.decide(attempt: 1, outcome: status(500), elapsed: 0, random: 0) == .giveUp)
    #expect(policy.decide(attempt: 1, outcome: status(429), elapsed: 0, random: 0) == .retry(after: 1))
}

@Test("RetryPolicy.never gives up on the first failure")
func neverRetries() {
    #expect(RetryPolicy.never.decide(attempt: 1, outcome: status(503), elapsed: 0, random: 0, idempotent: true) == .giveUp)
}
