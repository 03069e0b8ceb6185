/// Why no HTTP response arrived; descriptions are one line and never hold headers or bodies.
public enum HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection could not be made or was lost; the payload names the host, never the path.
    case connectionFailed(String)
    case timedOut
    /// Something arrived that is not a well-formed HTTP response.
    case invalidResponse
    case tls(String)
    case dns(String)

    public var description: String {
        switch self {
        case .connectionFailed(let detail): return "connection failed: \(detail)"
        case .timedOut: return "the request timed out"
        case .invalidResponse: return "the server sent an invalid HTTP response"
        case .tls(let detail): return "TLS error: \(detail)"
        case .dns(let detail): return "DNS lookup failed: \(detail)"
        }
    }

    /// False only when the request surely never reached the server (the connection was refused, the
    /// name didn't resolve, TLS failed): then even a POST can be sent again.
    public var mayHaveReachedServer: Bool {
        switch self {
        case .connectionFailed(let detail): return !detail.hasPrefix("could not connect")
        case .timedOut, .invalidResponse: return true
        case .tls, .dns: return false
        }
    }

    /// True for errors that a repeat of an idempotent request may get past.
    public var isTransient: Bool {
        switch self {
        case .connectionFailed, .timedOut: return true
        case .invalidResponse, .tls, .dns: return false
        }
    }
}
