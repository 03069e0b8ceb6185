/// Why no HTTP response arrived; descriptions are one line and never hold headers or bodies.
package enum HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection could not be made or was lost; the payload names the host, never the path.
    case connectionFailed(String)
    /// The connection was refused: the server is not listening (it is down, for `CircuitBreakerTransport`).
    ///
    /// This does not prove the request was never sent: when a reused keep-alive connection dies before
    /// any answer, URLSession (libcurl) silently resends the request on a fresh connection and reports
    /// that one's refusal, although the first send reached the server. So a write is not repeated on it.
    case connectionRefused(String)
    case timedOut
    /// Something arrived that is not a well-formed HTTP response.
    case invalidResponse
    case tls(String)
    case dns(String)
    /// The response broke a limit (body size, total deadline); the payload says which. Nothing more is read.
    case responseRefused(String)
    /// The provider (named by the payload) was found unreachable earlier in this run, so this request
    /// was not sent (`CircuitBreakerTransport`).
    case circuitOpen(String)

    package var description: String {
        switch self {
        case .connectionFailed(let detail): return "connection failed: \(detail)"
        case .connectionRefused(let detail): return "connection failed: \(detail)"
        case .timedOut: return "the request timed out"
        case .invalidResponse: return "the server sent an invalid HTTP response"
        case .tls(let detail): return "TLS error: \(detail)"
        case .dns(let detail): return "DNS lookup failed: \(detail)"
        case .responseRefused(let detail): return detail
        case .circuitOpen(let provider): return "provider '\(provider)' is unreachable; no further requests were sent"
        }
    }

    /// False only when the request surely never reached the server (the name didn't resolve, TLS failed,
    /// the circuit breaker stopped it): then even a POST can be sent again.
    package var mayHaveReachedServer: Bool {
        switch self {
        // A refusal too: on a dead keep-alive connection the transport resends the request on a fresh
        // one and reports that one's refusal, though the server may have read the first.
        case .connectionFailed, .connectionRefused, .timedOut, .invalidResponse, .responseRefused: return true
        case .tls, .dns, .circuitOpen: return false
        }
    }

    /// True for errors that a repeat of an idempotent request may get past.
    package var isTransient: Bool {
        switch self {
        case .connectionFailed, .connectionRefused, .timedOut: return true
        case .invalidResponse, .tls, .dns, .responseRefused, .circuitOpen: return false
        }
    }

    /// Connection-level failures (refused, lost, timed out, DNS): the ones that say the server is out of
    /// reach. They have the short `RetryPolicy.connectionBudget`.
    package var isConnectionLevel: Bool {
        switch self {
        case .connectionFailed, .connectionRefused, .timedOut, .dns: return true
        case .invalidResponse, .tls, .responseRefused, .circuitOpen: return false
        }
    }

    /// True when `error` is (or wraps, via `CircuitOpenCarrying`) the circuit-open error: the request was
    /// never sent because its provider is known to be down.
    package static func isCircuitOpen(_ error: any Error) -> Bool {
        if case .circuitOpen? = error as? HTTPTransportError { return true }
        return (error as? any CircuitOpenCarrying)?.circuitOpen != nil
    }
}

/// An error that wraps a transport error and can say whether it is the circuit-open one (so wrapping it,
/// e.g. in a provider error that names the call, does not hide that nothing was sent).
package protocol CircuitOpenCarrying: Error {
    /// The provider name of the wrapped `.circuitOpen`, or nil.
    var circuitOpen: String? { get }
}
