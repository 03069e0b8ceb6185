import Foundation
import OAuthCtlHTTP
import Testing

private func retrying(_ base: ScriptedTransport, _ clock: FakeClock, random: Double = 0) -> RetryingTransport {
    RetryingTransport(base: base, policy: RetryPolicy(), sleep: clock.sleep, random: { random }, clock: clock.now)
}

@Test("503, 503, 200 sends three times and waits the floor between")
func retriesUntilSuccess() async throws {
    let base = ScriptedTransport([response(503), response(503), response(200, [:], "ok")])
    let clock = FakeClock()
    let result = try await retrying(base, clock).send(request(.get))
    #expect(result.status == 200)
    #expect(String(decoding: result.body, as: UTF8.self) == "ok")
    #expect(base.sent.current.count == 3)
    #expect(clock.sleeps.current == [1, 2])
}

@Test("a POST that fails in transport is not sent again")
func postTransportErrorIsNotRetried() async {
    let base = ScriptedTransport([.failure(.connectionFailed("127.0.0.1:4445")), response(201)])
    let clock = FakeClock()
    await #expect(throws: HTTPTransportError.connectionFailed("127.0.0.1:4445")) {
        try await retrying(base, clock).send(request(.post, "http://127.0.0.1:4445/admin/clients"))
    }
    #expect(base.sent.current.count == 1)
    #expect(clock.sleeps.current.isEmpty)
}

@Test("a GET that times out is sent again")
func getTimeoutIsRetried() async throws {
    let base = ScriptedTransport([.failure(.timedOut), response(200)])
    let clock = FakeClock()
    let result = try await retrying(base, clock).send(request(.get))
    #expect(result.status == 200)
    #expect(base.sent.current.count == 2)
}

@Test("a POST answered 429 is sent again after the reset the server named")
func postRateLimitedIsRetried() async throws {
    let base = ScriptedTransport([response(429, ["x-ratelimit-reset": "0", "X-RateLimit-Reset": "7"]), response(201)])
    let clock = FakeClock()
    let result = try await retrying(base, clock).send(request(.post, "http://127.0.0.1:4445/admin/clients"))
    #expect(result.status == 201)
    #expect(clock.sleeps.current == [7])
}

@Test("400 is returned at once")
func badRequestIsNotRetried() async throws {
    let base = ScriptedTransport([response(400, [:], #"{"error":"invalid_client_metadata"}"#), response(200)])
    let clock = FakeClock()
    let result = try await retrying(base, clock).send(request(.put))
    #expect(result.status == 400)
    #expect(base.sent.current.count == 1)
    #expect(clock.sleeps.current.isEmpty)
}

@Test("after maxAttempts the last response is returned")
func exhaustedAttemptsReturnTheLastResponse() async throws {
    let base = ScriptedTransport(Array(repeating: response(503), count: 10))
    let clock = FakeClock()
    let result = try await retrying(base, clock, random: 0.5).send(request(.delete))
    #expect(result.status == 503)
    #expect(base.sent.current.count == 6)
    #expect(clock.sleeps.current == [1.25, 2.5, 5, 10, 20])
}

@Test("the total budget stops retries once the next wait would not fit")
func budgetStopsRetries() async throws {
    let base = ScriptedTransport(Array(repeating: response(503, ["retry-after": "50"]), count: 10))
    let clock = FakeClock()
    let result = try await retrying(base, clock).send(request(.get))
    #expect(result.status == 503)
    #expect(clock.sleeps.current == [50, 50])
    #expect(base.sent.current.count == 3)
}

@Test("the retry observer hears each retry with its wait")
func observerSeesRetries() async throws {
    let base = ScriptedTransport([response(502), response(200)])
    let clock = FakeClock()
    let heard = Locked<[String]>([])
    let transport = RetryingTransport(
        base: base, sleep: clock.sleep, random: { 0 }, clock: clock.now,
        onRetry: { attempt, outcome, delay in
            if case .response(let status, _) = outcome { heard.withLock { $0.append("\(attempt) \(status) \(delay)") } }
        })
    _ = try await transport.send(request(.get))
    #expect(heard.current == ["1 502 1.0"])
}
