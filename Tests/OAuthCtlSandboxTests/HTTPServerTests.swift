import Foundation
import Testing

@testable import OAuthCtlSandbox

@Suite("HTTP/1.1 server: keep-alive, limits, bad input")
struct HTTPServerTests {
    @Test("refuses any address but 127.0.0.1")
    func loopbackOnly() {
        for host in ["0.0.0.0", "localhost", "192.168.1.1", "::1"] {
            var options = SandboxOptions()
            options.host = host
            #expect(throws: SandboxError.nonLoopbackAddress(host)) { try SandboxServer(options: options) }
        }
    }

    @Test("many requests on one keep-alive connection, and pipelined requests, are all answered")
    func keepAlive() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        for _ in 0..<200 { #expect(try sandbox.call("GET", "/health/ready").status == 200) }
        let client = try sandbox.newClient()
        client.sendRaw(Array("GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\nGET /admin/clients HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(try client.readResponse().status == 200)
        #expect(try client.readResponse().text == "[]\n")
        let closing = try client.send("GET", "/health/alive", headers: ["Connection": "close"])
        #expect(closing.header("connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test("malformed, oversized and chunked requests are answered and closed; others keep working")
    func badRequests() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let garbage = try sandbox.newClient()
        garbage.sendRaw(Array("THIS IS NOT HTTP\r\n\r\n".utf8))
        #expect(try garbage.readResponse().status == 400)
        let huge = try sandbox.newClient()
        huge.sendRaw(Array("POST /admin/clients HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n".utf8))
        #expect(try huge.readResponse().status == 413)
        let headers = try sandbox.newClient()
        headers.sendRaw(Array(("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 70_000) + "\r\n\r\n").utf8))
        #expect(try headers.readResponse().status == 431)
        let chunked = try sandbox.newClient()
        chunked.sendRaw(Array("POST /admin/clients HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n".utf8))
        #expect(try chunked.readResponse().status == 411)
        let badLength = try sandbox.newClient()
        badLength.sendRaw(Array("POST /admin/clients HTTP/1.1\r\nContent-Length: -1\r\n\r\n".utf8))
        #expect(try badLength.readResponse().status == 400)
        #expect(try sandbox.call("GET", "/health/ready").status == 200)
    }

    @Test("a slowloris client holding a partial request does not block other connections")
    func slowloris() throws {
        // The slow clients' deadline never comes (the clock stands still), so the calls below are answered
        // only if they are served while the partial requests are held: a server that waited on them would
        // leave the calls unanswered and the test would fail at the client's read timeout.
        var limits = HTTPLimits()
        limits.clock = { 0 }
        let listener = try Listener(host: "127.0.0.1", port: 0, limits: limits) { _ in HTTPResponse(status: 204) }
        listener.start()
        defer { listener.stop() }
        let slow = try (0..<20).map { _ in try TestClient(port: listener.port) }
        for client in slow { client.sendRaw(Array("GET /admin/clients HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8)) }
        for _ in 0..<50 { #expect(try TestClient(port: listener.port).send("GET", "/health/ready").status == 204) }
        #expect(slow.allSatisfy { $0.staysOpen(for: 0.05) })
        // stop() closes the held connections instead of waiting for their deadline.
        listener.stop()
        #expect(slow.allSatisfy { $0.isClosedByServer() })
    }

    @Test("a partial request is dropped at the request deadline, an idle keep-alive connection at the idle one")
    func deadlines() throws {
        // A hand-moved clock: a connection closes when, and only when, its deadline has passed on it.
        let now = LockedValue(1000.0)
        var limits = HTTPLimits()
        limits.requestTimeoutSeconds = 30
        limits.idleTimeoutSeconds = 60
        limits.clock = { now.withValue { $0 } }
        limits.pollIntervalSeconds = 0.01
        let listener = try Listener(host: "127.0.0.1", port: 0, limits: limits) { _ in HTTPResponse(status: 204) }
        listener.start()
        defer { listener.stop() }
        let partial = try TestClient(port: listener.port)
        let idle = try TestClient(port: listener.port)
        #expect(try idle.send("GET", "/").status == 204)
        partial.sendRaw(Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8))
        #expect(partial.staysOpen(for: 0.1))
        now.withValue { $0 += 29 }
        #expect(partial.staysOpen(for: 0.1))
        now.withValue { $0 += 2 }
        #expect(partial.isClosedByServer())
        #expect(idle.staysOpen(for: 0.1))
        now.withValue { $0 += 30 }
        #expect(idle.isClosedByServer())

        let deep = "[{\"op\":\"add\",\"path\":\"" + String(repeating: "/a", count: 100_000) + "\",\"value\":1}]"
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        try sandbox.call("POST", "/admin/clients", #"{"client_id":"d"}"#)
        #expect(try sandbox.call("PATCH", "/admin/clients/d", deep).status == 500)
    }

    @Test("concurrent clients are served in parallel: eight requests are inside the handler at once")
    func parallelHandlers() throws {
        // Each request waits in the handler until all eight have arrived; a server that handled one at a time
        // would never let the second in, and every wait would end in 503.
        let count = 8
        let inside = LockedValue(0)
        let release = DispatchSemaphore(value: 0)
        let listener = try Listener(host: "127.0.0.1", port: 0, limits: HTTPLimits()) { _ in
            if inside.withValue({
                $0 += 1; return $0
            }) == count {
                for _ in 1..<count { release.signal() }
                return HTTPResponse(status: 204)
            }
            return HTTPResponse(status: release.wait(timeout: .now() + 15) == .success ? 204 : 503)
        }
        listener.start()
        defer { listener.stop() }
        let statuses = LockedValue<[Int]>([])
        let done = DispatchGroup()
        for _ in 0..<count {
            done.enter()
            Thread {
                let status = (try? TestClient(port: listener.port).send("GET", "/").status) ?? 0
                statuses.withValue { $0.append(status) }
                done.leave()
            }.start()
        }
        done.wait()
        #expect(statuses.withValue { $0 } == Array(repeating: 204, count: count))
    }

    @Test("concurrent clients on their own connections all get the right answer")
    func concurrency() throws {
        var options = SandboxOptions()
        options.seed = 50
        let sandbox = try Sandbox(options)
        defer { sandbox.stop() }
        let failures = LockedValue(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            guard let client = try? sandbox.newClient() else { failures.withValue { $0 += 1 }; return }
            for _ in 0..<50 where (try? client.send("GET", "/admin/clients/sandbox-00007").status) != 200 {
                failures.withValue { $0 += 1 }
            }
        }
        #expect(failures.withValue { $0 } == 0)
    }
}
