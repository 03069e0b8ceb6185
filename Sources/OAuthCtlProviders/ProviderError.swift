import OAuthCtlCore
import OAuthCtlHTTP

/// A provider call that failed, described in one line: the call, the status and the server's words,
/// plus a hint where one helps (e.g. which credential to check). Never holds a secret.
package struct ProviderError: UncertainOutcome, Sendable, CustomStringConvertible, CircuitOpenCarrying {
    package var description: String
    /// True when a write that is not safe to repeat failed in a way that leaves its effect unknown.
    package var outcomeIsUnknown: Bool
    /// The provider name when this wraps `HTTPTransportError.circuitOpen` (the request was not sent).
    package var circuitOpen: String?

    package init(_ description: String, outcomeIsUnknown: Bool = false, circuitOpen: String? = nil) {
        self.description = description
        self.outcomeIsUnknown = outcomeIsUnknown
        self.circuitOpen = circuitOpen
    }

    /// After this failure of a request with `method`, may the server have acted? Only asked of writes
    /// that are not safe to repeat: a timeout, a lost or refused connection (a refusal may follow a send
    /// that reached the server on a dead keep-alive connection), a garbled answer or a gateway's 502/504
    /// may have come after the server acted. A circuit-open error never left the process.
    static func outcomeUnknown(_ error: any Error, method: HTTPMethod) -> Bool {
        guard !method.isIdempotent else { return false }
        if let http = error as? HTTPError { return [502, 504].contains(http.status) }
        if let transport = error as? HTTPTransportError { return transport.mayHaveReachedServer }
        return false
    }

    /// Wraps an HTTP or transport failure, adding the credential hint for 401/403.
    static func wrap(_ error: any Error, method: HTTPMethod, path: String, authSource: String?) -> ProviderError {
        var wrapped = wrapMessage(error, method: method, path: path, authSource: authSource)
        wrapped.outcomeIsUnknown = wrapped.outcomeIsUnknown || outcomeUnknown(error, method: method)
        return wrapped
    }

    private static func wrapMessage(_ error: any Error, method: HTTPMethod, path: String, authSource: String?) -> ProviderError {
        if let http = error as? HTTPError {
            if http.status == 401 || http.status == 403, let authSource {
                return ProviderError("\(http); check the credential given by \(authSource)")
            }
            if http.status == 401 || http.status == 403 {
                return ProviderError("\(http); the server wants credentials: set spec.auth on the provider")
            }
            return ProviderError(http.description)
        }
        if let provider = error as? ProviderError { return provider }
        if let transport = error as? HTTPTransportError {
            if case .circuitOpen(let provider) = transport {
                return ProviderError("\(method.rawValue) \(path): \(transport)", circuitOpen: provider)
            }
            return ProviderError("\(method.rawValue) \(path): \(transport)")
        }
        return ProviderError("\(method.rawValue) \(path): \(error)")
    }
}
