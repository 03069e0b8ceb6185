import Foundation

/// A transport that sends again, after waiting, when its `RetryPolicy` says so.
///
/// The policy is consulted after every attempt; the sleep, the jitter source and both clocks are
/// injected, so tests record the waits instead of sleeping. When the policy gives up, the last
/// response is returned (whatever its status) or the last transport error is thrown.
package struct RetryingTransport: HTTPTransport {
    /// Called before each wait: the attempt that failed, its outcome and the wait in seconds.
    package typealias RetryObserver = @Sendable (_ attempt: Int, _ outcome: RetryOutcome, _ delay: Double) -> Void

    package let base: any HTTPTransport
    package let policy: RetryPolicy
    private let sleep: @Sendable (Double) async -> Void
    private let random: @Sendable () -> Double
    private let clock: @Sendable () -> Double
    private let now: @Sendable () -> Date
    private let onRetry: RetryObserver?

    /// - Parameters:
    ///   - sleep: waits the given seconds; the default is `Task.sleep` (cancellation ends it early).
    ///   - random: a number in 0..<1 for jitter.
    ///   - clock: monotonic seconds, for the policy's total budget.
    ///   - now: wall-clock time, only for reading a `Retry-After` HTTP-date.
    ///   - onRetry: told about every retry, e.g. to print "retrying in 2 s (429)".
    package init(
        base: any HTTPTransport,
        policy: RetryPolicy = RetryPolicy(),
        sleep: @escaping @Sendable (Double) async -> Void = RetryingTransport.taskSleep,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        clock: @escaping @Sendable () -> Double = RetryingTransport.monotonicSeconds,
        now: @escaping @Sendable () -> Date = { Date() },
        onRetry: RetryObserver? = nil
    ) {
        self.base = base
        self.policy = policy
        self.sleep = sleep
        self.random = random
        self.clock = clock
        self.now = now
        self.onRetry = onRetry
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let start = clock()
        var attempt = 0
        // The previous attempt's result: once one was sent, the request may have reached the server.
        var previous: Result<HTTPResponse, HTTPTransportError>?
        while true {
            attempt += 1
            let result: Result<HTTPResponse, HTTPTransportError>
            do {
                let received = try await base.send(request)
                if received.isSuccess { return received }
                result = .success(received)
            } catch HTTPTransportError.circuitOpen(let provider) {
                // The provider was found down meanwhile: "not sent" only if this was the first attempt;
                // otherwise the previous attempt's outcome stands.
                if let previous { return try previous.get() }
                throw HTTPTransportError.circuitOpen(provider)
            } catch let error as HTTPTransportError {
                result = .failure(error)
            }
            previous = result
            let outcome: RetryOutcome
            switch result {
            case .success(let response): outcome = .response(status: response.status, headers: response.headers)
            case .failure(let error): outcome = .transportError(error)
            }
            let decision = policy.decide(
                attempt: attempt, outcome: outcome, elapsed: clock() - start, random: random(),
                idempotent: !request.unsafeToRepeat, now: now())
            switch decision {
            case .giveUp:
                return try result.get()
            case .retry(let delay):
                onRetry?(attempt, outcome, delay)
                await sleep(delay)
                try Task.checkCancellation()
            }
        }
    }

    /// The default sleep: `Task.sleep`, ending early (without throwing) when the task is cancelled.
    package static let taskSleep: @Sendable (Double) async -> Void = { seconds in
        guard seconds > 0 else { return }
        try? await Task.sleep(nanoseconds: UInt64(min(seconds, 86_400) * 1_000_000_000))
    }

    /// The default clock: seconds from a monotonic source that does not jump with the wall clock.
    package static let monotonicSeconds: @Sendable () -> Double = {
        Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
    }
}
