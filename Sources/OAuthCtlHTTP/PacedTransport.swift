/// A transport that passes writes through a `WritePacer` and lets the pacer read their responses.
///
/// Reads are neither paced nor observed: on Ory Network they count against other buckets. Put it
/// under a `RetryingTransport`, so that every retried write is paced too.
package struct PacedTransport: HTTPTransport {
    package let base: any HTTPTransport
    package let pacer: WritePacer

    package init(base: any HTTPTransport, pacer: WritePacer) {
        self.base = base
        self.pacer = pacer
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method.isWrite else { return try await base.send(request) }
        await pacer.acquire()
        let response = try await base.send(request)
        await pacer.observe(headers: response.headers)
        return response
    }
}
