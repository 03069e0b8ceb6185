import Foundation

/// The client the provider adapters use: sends a request and returns a 2xx response or throws.
///
/// Failures are thrown as `HTTPError` (a status outside the accepted ones, the server's words parsed
/// and scrubbed) or `HTTPTransportError` (no response). The standard stack is URLSession, then the
/// write pacer (so retried writes are paced too), then the retry policy.
package struct HTTPClient: Sendable {
    package let transport: any HTTPTransport
    /// Request-body keys whose values are scrubbed from error text the server echoes back.
    package let sensitiveKeys: Set<String>

    /// A client over any transport (a scripted one in tests).
    package init(transport: any HTTPTransport, sensitiveKeys: Set<String> = []) {
        self.transport = transport
        self.sensitiveKeys = sensitiveKeys
    }

    /// The standard stack: `URLSessionTransport` → optional `PacedTransport` → `RetryingTransport`.
    package init(
        timeout: TimeInterval = 30, policy: RetryPolicy = RetryPolicy(), pacer: WritePacer? = nil,
        sensitiveKeys: Set<String> = [], onRetry: RetryingTransport.RetryObserver? = nil
    ) {
        var base: any HTTPTransport = URLSessionTransport(timeout: timeout)
        if let pacer { base = PacedTransport(base: base, pacer: pacer) }
        self.init(transport: RetryingTransport(base: base, policy: policy, onRetry: onRetry), sensitiveKeys: sensitiveKeys)
    }

    /// Sends `request`; returns the response when its status is 2xx or in `accepting`, else throws `HTTPError`.
    ///
    /// `accepting` lets a caller treat e.g. a 404 on GET as "absent" rather than as a failure.
    @discardableResult
    package func send(_ request: HTTPRequest, accepting: Set<Int> = []) async throws -> HTTPResponse {
        let response = try await transport.send(request)
        guard response.isSuccess || accepting.contains(response.status) else {
            throw HTTPError(request: request, response: response, sensitiveKeys: sensitiveKeys)
        }
        return response
    }
}
