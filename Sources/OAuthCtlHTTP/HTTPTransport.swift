/// Something that sends one HTTP request and returns the response, whatever its status.
///
/// A transport throws `HTTPTransportError` when no response arrived; an HTTP error status is a
/// response, not a thrown error (`HTTPClient` turns it into `HTTPError`).
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
