import Foundation
import OAuthCtlHTTP
import Testing

/// The most grants that fall into any half-open window `[t, t + window)` starting at a grant.
private func busiestWindow(_ grants: [Double], _ window: Double) -> Int {
    let sorted = grants.sorted()
    return sorted.indices.map { start in sorted[start...].prefix { $0 < sorted[start] + window }.count }.max() ?? 0
}

@Test("15 writes a minute are never exceeded over 40 acquires, and the pacer is not slower than needed")
func fifteenPerMinute() async {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: 15, clock: clock.now, sleep: clock.sleep)
    var grants: [Double] = []
    for _ in 0..<40 { grants.append(await pacer.acquire()) }
    #expect(busiestWindow(grants, 60) == 15)
    #expect(grants.first == 0)
    #expect(grants.last == 120)
}

@Test("a per-second bucket spreads the burst as well")
func perSecondAndPerMinute() async {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: 15, writesPerSecond: 5, clock: clock.now, sleep: clock.sleep)
    var grants: [Double] = []
    for _ in 0..<40 { grants.append(await pacer.acquire()) }
    #expect(busiestWindow(grants, 1) == 5)
    #expect(busiestWindow(grants, 60) == 15)
}

@Test("concurrent writers together stay within the bucket")
func concurrentWriters() async {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: 15, clock: clock.now, sleep: clock.sleep)
    let grants = await withTaskGroup(of: Double.self) { group in
        for _ in 0..<40 { group.addTask { await pacer.acquire() } }
        return await group.reduce(into: [Double]()) { $0.append($1) }
    }
    #expect(grants.count == 40)
    #expect(busiestWindow(grants, 60) <= 15)
}

@Test("without a limit the pacer never waits")
func unlimited() async {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: nil, clock: clock.now, sleep: clock.sleep)
    for _ in 0..<100 { await pacer.acquire() }
    #expect(clock.sleeps.current.isEmpty)
}

@Test("remaining 1 pauses writes until the reset has passed")
func pausesOnRemainingOne() async {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: nil, clock: clock.now, sleep: clock.sleep)
    await pacer.observe(headers: ["x-ratelimit-remaining": "1", "x-ratelimit-reset": "10"])
    #expect(await pacer.acquire() == 10)
    #expect(await pacer.acquire() == 10)
}

@Test("remaining 2 does not pause")
func remainingTwoDoesNotPause() async {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: nil, clock: clock.now, sleep: clock.sleep)
    await pacer.observe(headers: ["X-RateLimit-Remaining": "2", "X-RateLimit-Reset": "30"])
    #expect(await pacer.acquire() == 0)
}

@Test("a reset of 0 pauses for the minimum")
func zeroResetPausesForTheMinimum() async {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: nil, clock: clock.now, sleep: clock.sleep)
    await pacer.observe(headers: ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "0"])
    #expect(await pacer.acquire() == 1)
}

@Test("repeated headers pair each bucket's remaining with its own reset")
func repeatedHeadersArePairedByBucket() async {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: nil, clock: clock.now, sleep: clock.sleep)
    await pacer.observe(headers: ["x-ratelimit-remaining": "4, 1", "x-ratelimit-reset": "50, 3"])
    #expect(await pacer.acquire() == 3)
}

@Test("a pause longer than the maximum is capped")
func pauseIsCapped() async {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: nil, maximumPause: 90, clock: clock.now, sleep: clock.sleep)
    await pacer.observe(headers: ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000000"])
    #expect(await pacer.acquire() == 90)
}

@Test("PacedTransport paces and observes writes, and leaves reads alone")
func pacedTransport() async throws {
    let clock = FakeClock(start: 0)
    let pacer = WritePacer(writesPerMinute: nil, clock: clock.now, sleep: clock.sleep)
    let limited = ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "20"]
    let base = ScriptedTransport([response(200, limited), response(201, limited), response(200), response(201)])
    let transport = PacedTransport(base: base, pacer: pacer)
    _ = try await transport.send(request(.get))
    _ = try await transport.send(request(.post))
    #expect(clock.sleeps.current.isEmpty)
    _ = try await transport.send(request(.get))
    #expect(clock.sleeps.current.isEmpty)
    _ = try await transport.send(request(.put))
    #expect(clock.sleeps.current == [20])
}

@Test("a wait of a second or more is announced before it starts (for progress displays); a shorter one is not")
func announcesWaits() async {
    let clock = FakeClock(start: 0)
    let heard = Locked<[Double]>([])
    let pacer = WritePacer(
        writesPerMinute: 2, writesPerSecond: nil, clock: clock.now, sleep: clock.sleep,
        onWait: { seconds in heard.withLock { $0.append(seconds) } })
    for _ in 0..<3 { await pacer.acquire() }
    #expect(heard.current == [60])
    let fast = WritePacer(
        limits: [.init(count: 1, window: 0.5)], clock: clock.now, sleep: clock.sleep,
        onWait: { seconds in heard.withLock { $0.append(seconds) } })
    for _ in 0..<2 { await fast.acquire() }
    #expect(heard.current == [60], "a half-second wait is not announced")
}
