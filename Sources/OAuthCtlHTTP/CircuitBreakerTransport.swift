import Synchronization

/// One provider's up/down state for a run: closed until a request finds the provider unreachable, then
/// open for good. Shared by every request to that provider (see `CircuitBreakerTransport`).
package final class CircuitBreaker: Sendable {
    /// The provider's name, for the circuit-open error.
    package let provider: String
    private let tripped = Mutex<HTTPTransportError?>(nil)

    package init(provider: String) {
        self.provider = provider
    }

    /// The failure that opened the circuit, or nil while it is closed.
    package var openedBy: HTTPTransportError? { tripped.withLock { $0 } }

    /// Opens the circuit (the first failure is kept).
    package func trip(_ error: HTTPTransportError) {
        tripped.withLock { if $0 == nil { $0 = error } }
    }

    /// Throws `circuitOpen` when the circuit is open.
    package func check() throws {
        if openedBy != nil { throw HTTPTransportError.circuitOpen(provider) }
    }
}

/// Stops sending to a provider that was found down: once a request ends in a connection-level failure
/// (after the retries its policy allowed), every later request through the same breaker throws
/// `HTTPTransportError.circuitOpen` at once, without touching the network.
///
/// The standard stack uses two of these around one `CircuitBreaker`: the outer one (`trips: true`, over
/// the retrying transport) sees each request's final failure and opens the circuit; the inner one
/// (`trips: false`, just over URLSession) refuses every attempt once it is open, so requests still in
/// their retry loop stop too. `RetryingTransport` reports such a request as `circuitOpen` only when none
/// of its attempts may have reached the server.
///
/// A write that is not safe to repeat and lost its connection or timed out is not proof of an outage (it
/// was not retried), so it does not open the circuit; a refused connection or a DNS failure does.
package struct CircuitBreakerTransport: HTTPTransport {
    package let base: any HTTPTransport
    package let breaker: CircuitBreaker
    package let trips: Bool

    package init(base: any HTTPTransport, breaker: CircuitBreaker, trips: Bool = true) {
        self.base = base
        self.breaker = breaker
        self.trips = trips
    }

    /// A breaker of its own for `provider` (tests, one-layer use).
    package init(base: any HTTPTransport, provider: String) {
        self.init(base: base, breaker: CircuitBreaker(provider: provider))
    }

    package var openedBy: HTTPTransportError? { breaker.openedBy }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try breaker.check()
        // The gate sits just above URLSession: what passes it is a real send, counted for `SentWrites`.
        let tally = trips || request.method == .get ? nil : SentWrites.current
        do {
            let response = try await base.send(request)
            tally?.record()
            return response
        } catch let error as HTTPTransportError {
            if trips, error.isConnectionLevel, !request.unsafeToRepeat || error.isRefused || error.isDNS {
                breaker.trip(error)
            }
            tally?.record()
            throw error
        } catch {
            tally?.record()
            throw error
        }
    }
}

extension HTTPTransportError {
    var isRefused: Bool {
        if case .connectionRefused = self { return true }
        return false
    }

    var isDNS: Bool {
        if case .dns = self { return true }
        return false
    }
}
