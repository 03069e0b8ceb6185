import OAuthCtlHTTP

/// A provider call that failed, described in one line: the call, the status and the server's words,
/// plus a hint where one helps (e.g. which credential to check). Never holds a secret.
public struct ProviderError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
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
            return ProviderError("\(method.rawValue) \(path): \(transport)")
        }
        return ProviderError("\(method.rawValue) \(path): \(error)")
    }
}
