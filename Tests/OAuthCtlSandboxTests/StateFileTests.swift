import Foundation
import OAuthCtlTestSupport
import Testing

@testable import OAuthCtlSandbox

@Suite("--state FILE")
struct StateFileTests {
    @Test("clients, secrets (as hashes) and timestamps survive a restart")
    func survivesRestart() throws {
        let directory = try TemporaryDirectory()
        var options = SandboxOptions()
        options.stateFile = directory.path + "/state.json"
        let first = try Sandbox(options)
        try first.call("POST", "/admin/clients", #"{"client_id":"keep","client_secret":"persisted-secret","metadata":{"a":1}}"#)
        try first.call("POST", "/admin/clients", #"{"client_id":"gone"}"#)
        try first.call("DELETE", "/admin/clients/gone")
        let before = try first.call("GET", "/admin/clients/keep").json
        first.stop()
        let saved = try String(contentsOfFile: directory.path + "/state.json", encoding: .utf8)
        #expect(!saved.contains("persisted-secret"))
        #expect(saved.contains("client_secret_hash"))

        let second = try Sandbox(options)
        defer { second.stop() }
        #expect(try second.call("GET", "/admin/clients/keep").json == before)
        #expect(try second.call("GET", "/admin/clients/gone").status == 404)
        #expect(try second.call("GET", "/admin/clients").json?.arrayValue?.count == 1)
    }

    @Test("a corrupt state file is an error, not a crash")
    func corrupt() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("state.json", "{not json")
        var options = SandboxOptions()
        options.stateFile = path
        #expect(throws: SandboxError.self) { try SandboxServer(options: options) }
    }
}
