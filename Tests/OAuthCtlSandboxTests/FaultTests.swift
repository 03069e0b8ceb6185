import Foundation
import Testing

@testable import OAuthCtlSandbox

@Suite("Fault injection and the request log")
struct FaultTests {
    @Test("scripted rules: the next 2 PUTs get 503 with Retry-After, the 3rd POST gets a connection reset")
    func scripted() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let control = try sandbox.newClient()
        let added = try control.send(
            "POST", "/__sandbox/faults",
            body: """
                {"rules":[{"method":"PUT","path_prefix":"/admin/clients","status":503,"times":2,"retry_after":"2"},
                          {"method":"POST","nth":3,"action":"reset"}]}
                """)
        #expect(added.status == 200)
        try sandbox.call("POST", "/admin/clients", #"{"client_id":"f"}"#)
        let first = try sandbox.call("PUT", "/admin/clients/f", "{}")
        #expect(first.status == 503 && first.header("retry-after") == "2")
        #expect(try sandbox.call("PUT", "/clients/f", "{}").status == 503)  // the prefix matches the normalized path too
        #expect(try sandbox.call("PUT", "/admin/clients/f", "{}").status == 200)
        #expect(try sandbox.call("POST", "/admin/clients", "{}").status == 201)
        #expect(throws: TestClient.Closed.self) { try sandbox.call("POST", "/admin/clients", "{}") }
        let fresh = try sandbox.newClient()
        #expect(try fresh.send("POST", "/admin/clients", body: "{}").status == 201)
        #expect(try control.send("DELETE", "/__sandbox/faults").status == 204)
        #expect(try control.send("GET", "/__sandbox/faults").json?["rules"] == .array([]))
    }

    @Test("the failure rate is deterministic for a seed; latency applies")
    func randomFailures() throws {
        func statuses() throws -> [Int] {
            var options = SandboxOptions()
            options.faults = FaultPlan(latencyMs: 1, failureRate: 0.5, failureSeed: 42, failureStatus: 502)
            let sandbox = try Sandbox(options)
            defer { sandbox.stop() }
            return try (0..<20).map { _ in try sandbox.call("GET", "/admin/clients").status }
        }
        let first = try statuses()
        #expect(first == (try statuses()))
        #expect(first.contains(502) && first.contains(200))
    }

    @Test("the request log records admin calls with client_secret redacted, and can be cleared")
    func requestLog() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        try sandbox.call("POST", "/admin/clients", #"{"client_id":"r","client_secret":"top-secret-value"}"#)
        try sandbox.call("PATCH", "/admin/clients/r", #"[{"op":"replace","path":"/client_secret","value":"other-secret"}]"#)
        try sandbox.call("GET", "/admin/clients?owner=x")
        let control = try sandbox.newClient()
        let log = try control.send("GET", "/__sandbox/requests")
        #expect(!log.text.contains("top-secret-value") && !log.text.contains("other-secret"))
        let entries = try #require(log.json?.arrayValue)
        #expect(entries.count == 3)
        #expect(entries[0]["body"]?["client_secret"] == .string("(redacted)"))
        #expect(entries[1]["body"]?.arrayValue?.first?["value"] == .string("(redacted)"))
        #expect(entries[2]["query"] == .string("owner=x") && entries[2]["method"] == .string("GET"))
        #expect(try control.send("DELETE", "/__sandbox/requests").status == 204)
        #expect(try control.send("GET", "/__sandbox/requests").json == .array([]))
    }
}
