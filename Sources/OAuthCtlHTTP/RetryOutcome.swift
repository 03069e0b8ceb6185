/// What one attempt produced, as far as the retry decision needs to know.
package enum RetryOutcome: Sendable {
    /// A response arrived; `headers` should have lower-cased names, as `HTTPResponse.headers` does.
    case response(status: Int, headers: [String: String])
    /// No response arrived.
    case transportError(HTTPTransportError)
}
