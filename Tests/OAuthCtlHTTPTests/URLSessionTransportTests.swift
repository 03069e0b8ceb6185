import Foundation
import OAuthCtlHTTP
import OAuthCtlTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Test("GET with headers round-trips, and the response's headers and body come back")
func getRoundTrip() async throws {
    let stub = try LoopbackStub { request in
        .reply(
            status: 200,
            headers: [("X-RateLimit-Reset", "0"), ("X-RateLimit-Reset", "42"), ("Content-Type", "application/json")],
            body: Data(#"{"echo":"\#(request.headers["x-trace"] ?? "")"}"#.utf8))
    }
    defer { stub.stop() }
    let url = try #require(URL(string: "\(stub.baseURL)/admin/clients/billing-web?page_size=2"))
    let response = try await URLSessionTransport(timeout: 10).send(
        HTTPRequest(method: .get, url: url, headers: ["X-Trace": "t-1", "Authorization": "Bearer abc"], body: Data("x".utf8)))
    #expect(response.status == 200)
    #expect(String(decoding: response.body, as: UTF8.self) == #"{"echo":"t-1"}"#)
    #expect(response.header("Content-Type") == "application/json")
    #expect(response.headers["x-ratelimit-reset"] == "0, 42")
    #expect(response.headers.keys.allSatisfy { $0 == $0.lowercased() })
    let seen = try #require(stub.received.current.first)
    #expect(seen.method == "GET")
    #expect(seen.target == "/admin/clients/billing-web?page_size=2")
    #expect(seen.headers["authorization"] == "Bearer abc")
    #expect(seen.body.isEmpty)
}

@Test("PUT sends its body and headers, and the response body comes back")
func putRoundTrip() async throws {
    let stub = try LoopbackStub { request in
        .reply(status: 200, headers: [("Content-Type", "application/json")], body: request.body)
    }
    defer { stub.stop() }
    let url = try #require(URL(string: "\(stub.baseURL)/admin/clients/billing-web"))
    let body = Data(#"{"client_name":"Billing","redirect_uris":["https://billing.example.com/cb"]}"#.utf8)
    let response = try await URLSessionTransport(timeout: 10).send(
        HTTPRequest(method: .put, url: url, headers: ["Content-Type": "application/json"], body: body))
    #expect(response.status == 200)
    #expect(response.body == body)
    let seen = try #require(stub.received.current.first)
    #expect(seen.method == "PUT")
    #expect(seen.headers["content-type"] == "application/json")
    #expect(seen.body == body)
}

@Test("an error status is a response, not a thrown error")
func errorStatusIsAResponse() async throws {
    let stub = try LoopbackStub { _ in .reply(status: 409, headers: [], body: Data(#"{"error":"conflict"}"#.utf8)) }
    defer { stub.stop() }
    let url = try #require(URL(string: "\(stub.baseURL)/admin/clients"))
    let response = try await URLSessionTransport(timeout: 10).send(HTTPRequest(method: .post, url: url, body: Data("{}".utf8)))
    #expect(response.status == 409)
    #expect(stub.received.current.first?.method == "POST")
}

@Test("a closed port gives connectionFailed naming only host and port")
func connectionRefused() async throws {
    let (socket, port) = try LoopbackStub.bindLoopback()
    close(socket)
    let url = try #require(URL(string: "http://127.0.0.1:\(port)/admin/clients?token=secret"))
    do {
        _ = try await URLSessionTransport(timeout: 10).send(HTTPRequest(method: .get, url: url))
        Issue.record("expected connectionFailed")
    } catch let error as HTTPTransportError {
        #expect(error.description == "connection failed: could not connect to 127.0.0.1:\(port)")
    }
}

@Test("a server that never answers gives timedOut")
func silentServerTimesOut() async throws {
    let stub = try LoopbackStub { _ in .silence }
    defer { stub.stop() }
    let url = try #require(URL(string: "\(stub.baseURL)/admin/clients"))
    await #expect(throws: HTTPTransportError.timedOut) {
        try await URLSessionTransport(timeout: 1).send(HTTPRequest(method: .get, url: url))
    }
}

@Test("a redirect is returned, not followed, so credentials are not resent")
func redirectIsNotFollowed() async throws {
    let stub = try LoopbackStub { request in
        request.target == "/admin/clients"
            ? .reply(status: 302, headers: [("Location", "/elsewhere")], body: Data())
            : .reply(status: 200, headers: [], body: Data())
    }
    defer { stub.stop() }
    let url = try #require(URL(string: "\(stub.baseURL)/admin/clients"))
    let response = try await URLSessionTransport(timeout: 10).send(
        HTTPRequest(method: .get, url: url, headers: ["Authorization": "Bearer abc"]))
    #expect(response.status == 302)
    #expect(response.header("location") == "/elsewhere")
    #expect(stub.received.current.map(\.target) == ["/admin/clients"])
}

@Test("curl's own words name the failure where Foundation gives no code (URLError -1): TLS problems are TLS errors")
func curlWordsNameTheFailure() throws {
    let url = try #require(URL(string: "https://127.0.0.1:8443/admin/clients?page_token=x"))
    #expect(
        URLSessionTransport.transportError(.unknown, url: url, detail: "SSL certificate problem: self-signed certificate")
            == .tls("secure connection to 127.0.0.1:8443 failed: SSL certificate problem: self-signed certificate"))
    #expect(
        URLSessionTransport.transportError(.unknown, url: url, detail: "Recv failure: Connection reset by peer")
            == .connectionFailed("request to 127.0.0.1:8443 failed: Recv failure: Connection reset by peer"))
    // No words: the code, as before; words on a known code: the code decides.
    #expect(URLSessionTransport.transportError(.unknown, url: url) == .connectionFailed("request to 127.0.0.1:8443 failed (URLError -1)"))
    #expect(
        URLSessionTransport.transportError(.unknown, url: url, detail: " \n")
            == .connectionFailed("request to 127.0.0.1:8443 failed (URLError -1)"))
    #expect(URLSessionTransport.transportError(.timedOut, url: url, detail: "Operation timed out") == .timedOut)
    // One line, bounded.
    let long = "TLS connect error:\n" + String(repeating: "x", count: 500)
    guard case .tls(let text) = URLSessionTransport.transportError(.unknown, url: url, detail: long) else {
        Issue.record("a TLS failure that is not a TLS error")
        return
    }
    #expect(!text.contains("\n"))
    #expect(text.hasSuffix("…"))
    #expect(text.count < 260)
}

@Test("a server whose certificate isn't trusted fails at once as a TLS error that says why (openssl s_server)")
func untrustedCertificate() async throws {
    let dir = try TemporaryDirectory()
    let cert = dir.url.appendingPathComponent("cert.pem").path, key = dir.url.appendingPathComponent("key.pem").path
    let make = Process()
    make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    make.arguments = [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
        "-subj", "/CN=127.0.0.1",
    ]
    make.standardOutput = FileHandle.nullDevice
    make.standardError = FileHandle.nullDevice
    try make.run()
    make.waitUntilExit()
    try #require(make.terminationStatus == 0, "openssl could not make a certificate")
    // Port 0: the server picks a free port and names it (`ACCEPT 127.0.0.1:PORT`), so no other test can take it.
    let out = dir.url.appendingPathComponent("server.out")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = ["openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", cert, "-key", key, "-www"]
    server.standardOutput = try FileHandle(forWritingTo: out)
    server.standardError = FileHandle.nullDevice
    server.standardInput = FileHandle.nullDevice
    try server.run()
    defer {
        // Stopped by PID (s_server outlives SIGTERM; `waitUntilExit` here would spin the run loop).
        kill(server.processIdentifier, SIGKILL)
        for _ in 0..<100 where server.isRunning { usleep(20_000) }
    }
    var accept: Substring?
    for _ in 0..<200 where accept == nil {
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        accept = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("ACCEPT ") }
        if accept == nil { usleep(25_000) }
    }
    let port = try #require(accept?.split(separator: ":").last, "openssl s_server did not name its port")
    let url = try #require(URL(string: "https://127.0.0.1:\(port)/admin/clients"))
    await #expect(
        throws: HTTPTransportError.tls("secure connection to 127.0.0.1:\(port) failed: SSL certificate problem: self-signed certificate")
    ) {
        try await URLSessionTransport(timeout: 10).send(HTTPRequest(method: .get, url: url))
    }
}
