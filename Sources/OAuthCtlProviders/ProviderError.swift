import OAuthCtlHTTP

/// A provider call that failed, described in one line: the call, the status and the server's words,
/// plus a hint where one helps (e.g. which credential to check). Never holds a secret.
public struct ProviderError: Error, Sendable, CustomStringConvertible, CircuitOpenCarrying {
    public var description: String
    /// The provider name when this wraps `HTTPTransportError.circuitOpen` (the request was not sent).
    public var circuitOpen: String?

    public init(_ description: String, circuitOpen: String? = nil) {
        self.description = description
        self.circuitOpen = circuitOpen
    }

    /// Wraps an HTTP or transport failure, adding the credential hint for 401/403.
    static func wrap(_ error: any Error, method: HTTPMethod, path: String, authSource: String?) -> ProviderError {
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
