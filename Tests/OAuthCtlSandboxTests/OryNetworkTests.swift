import Foundation
import Testing

@testable import OAuthCtlSandbox

@Suite("Ory Network mode: API key and rate limits (hydra.md §4)")
struct OryNetworkTests {
    static func sandbox(writesPerMinute: Int = 15) throws -> (Sandbox, SandboxClock) {
        let clock = SandboxClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        var options = SandboxOptions(type: .oryNetwork)
        options.token = "ory_apikey_test"
        options.clock = clock
        options.writesPerMinute = writesPerMinute
        return (try Sandbox(options), clock)
    }

    static let auth = ["Authorization": "Bearer ory_apikey_test"]

    @Test("admin calls without the project API key are 401 with an Ory-style JSON error")
    func unauthorized() throws {
        let (sandbox, _) = try Self.sandbox()
        defer { sandbox.stop() }
        for headers in [[:], ["Authorization": "Bearer wrong"], ["Authorization": "Basic eDp5"]] {
            let response = try sandbox.call("GET", "/admin/clients", headers: headers)
            #expect(response.status == 401)
            #expect(response.json?["error"]?["code"] == .number("401"))
        }
        #expect(try sandbox.call("GET", "/admin/clients", headers: Self.auth).status == 200)
        #expect(try sandbox.call("GET", "/health/ready").status == 200)
    }

    @Test("the write bucket allows writesPerMinute, then 429 with an empty body and no Retry-After")
    func writeBucket() throws {
        let (sandbox, clock) = try Self.sandbox()
        defer { sandbox.stop() }
        var last: TestClient.Response?
        for n in 1...15 {
            if n % 5 == 1 && n > 1 { clock.advance(by: 1) }  // stay under the 5 rps window
            last = try sandbox.call("POST", "/admin/clients", "{}", headers: Self.auth)
            #expect(last?.status == 201)
            #expect(last?.header("x-ory-ratelimit-bucket") == "hydra-admin-low")
        }
        #expect(last?.header("x-ratelimit-remaining") == "0")
        #expect(last?.header("x-ratelimit-limit") == "15, 5;w=1, 15;w=60")
        clock.advance(by: 1)
        let limited = try sandbox.call("DELETE", "/admin/clients/any", headers: Self.auth)  // same bucket, shared counter
        #expect(limited.status == 429)
        #expect(limited.body.isEmpty)
        #expect(limited.header("retry-after") == nil)
        #expect(limited.header("x-ratelimit-reset") == "57")
        // Reads use other buckets.
        let read = try sandbox.call("GET", "/admin/clients?page_size=1", headers: Self.auth)
        #expect(read.status == 200 && read.header("x-ory-ratelimit-bucket") == "hydra-admin-medium")
        clock.advance(by: 57)
        #expect(try sandbox.call("POST", "/admin/clients", "{}", headers: Self.auth).status == 201)
    }

    @Test("the per-second window limits bursts and reports x-ratelimit-reset 0")
    func perSecond() throws {
        let (sandbox, _) = try Self.sandbox()
        defer { sandbox.stop() }
        try sandbox.call("POST", "/admin/clients", #"{"client_id":"x"}"#, headers: Self.auth)
        var statuses: [Int] = []
        var resets: [String] = []
        for _ in 0..<6 {
            let response = try sandbox.call("GET", "/admin/clients/x", headers: Self.auth)
            statuses.append(response.status)
            resets.append(response.header("x-ratelimit-reset") ?? "")
            #expect(response.header("x-ory-ratelimit-bucket") == "hydra-admin-high")
        }
        #expect(statuses == [200, 200, 200, 200, 200, 429])
        #expect(resets.last == "0")
    }
}
