import Foundation
import OAuthCtlHTTP
import Testing

@Test("a 2xx response is returned")
func successIsReturned() async throws {
    let client = HTTPClient(transport: ScriptedTransport([response(201, [:], #"{"client_id":"a"}"#)]))
    let result = try await client.send(request(.post, "http://127.0.0.1:4445/admin/clients"))
    #expect(result.status == 201)
}

@Test("an error status is thrown as HTTPError with the server's words")
func errorStatusThrows() async throws {
    let body = #"{"error":"invalid_redirect_uri","error_description":"The value of one or more redirect_uris is invalid."}"#
    let client = HTTPClient(transport: ScriptedTransport([response(400, [:], body)]))
    let error = await #expect(throws: HTTPError.self) {
        try await client.send(request(.put))
    }
    #expect(
        error?.description
            == "PUT /admin/clients/billing-web: 400 Bad Request: invalid_redirect_uri: The value of one or more redirect_uris is invalid."
    )
}

@Test("an accepted status is returned instead of thrown")
func acceptedStatusIsReturned() async throws {
    let client = HTTPClient(transport: ScriptedTransport([response(404)]))
    let result = try await client.send(request(.get), accepting: [404])
    #expect(result.status == 404)
}

@Test("the client's sensitive keys scrub echoed secrets from the thrown error")
func clientScrubsEchoedSecrets() async throws {
    let secret = "OAUTHCTL-SENTINEL-c0ffee"
    let echo = #"{"error":"invalid_client_metadata","error_description":"bad secret \#(secret)"}"#
    let client = HTTPClient(transport: ScriptedTransport([response(400, [:], echo)]), sensitiveKeys: ["client_secret"])
    var sent = request(.post, "http://127.0.0.1:4445/admin/clients")
    sent.body = Data(#"{"client_secret":"\#(secret)"}"#.utf8)
    let error = await #expect(throws: HTTPError.self) { try await client.send(sent) }
    #expect(error?.serverDescription == "bad secret (sensitive)")
}

@Test("the standard stack retries a 503 against a real socket and paces the write")
func standardStack() async throws {
    let attempts = Locked(0)
    let stub = try LoopbackStub { _ in
        let attempt = attempts.withLock { count in
            count += 1
            return count
        }
        return attempt == 1
            ? .reply(status: 503, headers: [("Retry-After", "0")], body: Data())
            : .reply(status: 200, headers: [("x-ratelimit-remaining", "9")], body: Data("{}".utf8))
    }
    defer { stub.stop() }
    let retries = Locked<[Double]>([])
    let client = HTTPClient(
        timeout: 10, policy: RetryPolicy(baseDelay: 0.01, maxJitter: 0), pacer: WritePacer(writesPerMinute: 100),
        onRetry: { _, _, delay in retries.withLock { $0.append(delay) } })
    let url = try #require(URL(string: "\(stub.baseURL)/admin/clients/a"))
    let result = try await client.send(HTTPRequest(method: .put, url: url, body: Data("{}".utf8)))
    #expect(result.status == 200)
    #expect(stub.received.current.count == 2)
    #expect(retries.current == [0])
}
