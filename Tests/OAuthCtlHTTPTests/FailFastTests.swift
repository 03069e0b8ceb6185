import Foundation
import OAuthCtlHTTP
import Testing

/// Issue 12: a short budget for connection-level failures, a per-provider circuit breaker, and bounded responses.
@Suite("fail fast")
struct FailFastTests {
    @Test("connection-level failures stop at the connection budget; a 503 keeps the long budget")
    func connectionBudget() {
        let policy = RetryPolicy(connectionBudget: 10)
        #expect(policy.decide(attempt: 3, outcome: .transportError(.connectionFailed("x")), elapsed: 3, random: 0, idempotent: true) == .retry(after: 4))
        #expect(policy.decide(attempt: 3, outcome: .transportError(.connectionFailed("x")), elapsed: 7, random: 0, idempotent: true) == .giveUp)
        #expect(policy.decide(attempt: 3, outcome: .transportError(.timedOut), elapsed: 7, random: 0, idempotent: true) == .giveUp)
        #expect(policy.decide(attempt: 3, outcome: .response(status: 503, headers: ["retry-after": "20"]), elapsed: 7, random: 0) == .retry(after: 20))
        #expect(policy.decide(attempt: 3, outcome: .response(status: 429, headers: [:]), elapsed: 50, random: 0) == .retry(after: 4))
    }

    @Test("a refused connection is retried even for a POST (nothing was sent); a lost one is not")
    func refusedPostIsRetried() {
        let policy = RetryPolicy()
        #expect(policy.decide(attempt: 1, outcome: .transportError(.connectionRefused("x")), elapsed: 0, random: 0, idempotent: false) == .retry(after: 1))
        #expect(policy.decide(attempt: 1, outcome: .transportError(.connectionFailed("x")), elapsed: 0, random: 0, idempotent: false) == .giveUp)
    }

    @Test("after a connection-level failure the breaker sends nothing more and says so in one line")
    func breakerOpens() async throws {
        let base = ScriptedTransport([.failure(.connectionRefused("could not connect to 127.0.0.1:9")), response(200)])
        let breaker = CircuitBreakerTransport(base: base, provider: "prod")
        await #expect(throws: HTTPTransportError.connectionRefused("could not connect to 127.0.0.1:9")) {
            try await breaker.send(request(.get))
        }
        for method in [HTTPMethod.get, .post, .put, .delete] {
            do {
                _ = try await breaker.send(request(method))
                Issue.record("expected circuitOpen for \(method)")
            } catch {
                #expect(HTTPTransportError.isCircuitOpen(error))
                #expect("\(error)" == "provider 'prod' is unreachable; no further requests were sent")
            }
        }
        #expect(base.sent.current.count == 1)
    }

    @Test("statuses, TLS errors and a lost write do not open the breaker")
    func breakerStaysClosed() async throws {
        let base = ScriptedTransport([
            response(503), .failure(.tls("bad")), .failure(.connectionFailed("lost")), .failure(.responseRefused("too big")), response(200),
        ])
        let breaker = CircuitBreakerTransport(base: base, provider: "prod")
        #expect(try await breaker.send(request(.get)).status == 503)
        _ = try? await breaker.send(request(.get))
        _ = try? await breaker.send(request(.post))
        _ = try? await breaker.send(request(.get))
        #expect(try await breaker.send(request(.get)).status == 200)
        #expect(breaker.openedBy == nil)
        #expect(base.sent.current.count == 5)
    }

    @Test("a lost connection on a GET (retries spent) opens the breaker; so does DNS")
    func breakerOpensOnIdempotentLoss() async throws {
        for failure in [HTTPTransportError.connectionFailed("lost"), .timedOut, .dns("cannot resolve x")] {
            let breaker = CircuitBreakerTransport(base: ScriptedTransport([.failure(failure)]), provider: "p")
            _ = try? await breaker.send(request(.put))
            #expect(breaker.openedBy == failure)
        }
    }

    @Test("a circuit-open error wrapped by a caller is still recognised")
    func wrappedCircuitOpen() {
        struct Wrapper: CircuitOpenCarrying { var circuitOpen: String? }
        #expect(HTTPTransportError.isCircuitOpen(Wrapper(circuitOpen: "prod")))
        #expect(!HTTPTransportError.isCircuitOpen(Wrapper(circuitOpen: nil)))
        #expect(!HTTPTransportError.isCircuitOpen(HTTPTransportError.connectionFailed("x")))
    }

    @Test("a body over the cap (by Content-Length, or as it streams) is refused in one line")
    func bodyCap() async throws {
        let stub = try LoopbackStub { request in
            request.target == "/big" ? .reply(status: 200, headers: [], body: Data(count: 4096)) : .endless
        }
        defer { stub.stop() }
        let transport = URLSessionTransport(timeout: 10, maxBodyBytes: 1024)
        for path in ["/big", "/endless?token=secret"] {
            let url = try #require(URL(string: stub.baseURL + path))
            do {
                _ = try await transport.send(HTTPRequest(method: .get, url: url))
                Issue.record("expected responseRefused for \(path)")
            } catch let error as HTTPTransportError {
                #expect(error == .responseRefused("response body exceeds 1 KB; refused"))
            }
        }
        let small = try #require(URL(string: stub.baseURL + "/big"))
        #expect(try await URLSessionTransport(timeout: 10, maxBodyBytes: 4096).send(HTTPRequest(method: .get, url: small)).body.count == 4096)
    }

    @Test("a request with no complete response by the deadline is given up")
    func deadline() async throws {
        let stub = try LoopbackStub { _ in .silence }
        defer { stub.stop() }
        let url = try #require(URL(string: stub.baseURL + "/admin/clients"))
        // The idle timeout (60 s) would end it as `timedOut`; the deadline ends it first, as `responseRefused`.
        // (No wall-clock check: on a busy test machine the awaiting task may resume long after the deadline fired.)
        await #expect(throws: HTTPTransportError.responseRefused("no complete response within 1 s; gave up")) {
            try await URLSessionTransport(timeout: 60, deadline: 1).send(HTTPRequest(method: .get, url: url))
        }
    }
}
