import Foundation
import OAuthCtlTestSupport
import Testing

/// `drift` classifies changed, missing and unmanaged clients, honours accepted drift, and exits 0/2.
@Suite("drift")
struct DriftTests {
    @Test("changed, deleted out of band and unmanaged clients are reported apart; accepted drift does not alert")
    func classification() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let accepted =
            "apiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata:\n  name: c\n  accept_drift:\n    - {field: client_name, reason: renamed by the support team until ticket 42 lands}\nspec:\n  client_name: C\n  token_endpoint_auth_method: none"
        let path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a"), publicClient("b"), accepted])
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"]).status == 0)
        #expect(try OAuthCtlBinary.run(["drift", path]).status == 0)

        _ = try await LoopbackHTTP.send(
            "PATCH", sandbox.baseURL + "/admin/clients/a", json: #"[{"op":"replace","path":"/client_name","value":"by hand"}]"#)
        _ = try await LoopbackHTTP.send(
            "PATCH", sandbox.baseURL + "/admin/clients/c", json: #"[{"op":"replace","path":"/client_name","value":"Support's name"}]"#)
        _ = try await LoopbackHTTP.send("DELETE", sandbox.baseURL + "/admin/clients/b")
        _ = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/admin/clients", json: #"{"client_id":"hand-made","token_endpoint_auth_method":"none"}"#)

        let json = try OAuthCtlBinary.run(["drift", path, "--format", "json"])
        #expect(json.status == 2, "\(json.combined)")
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let changed = report?["changed"] as? [[String: Any]] ?? []
        #expect(changed.compactMap { $0["address"] as? String } == ["sb/a"])
        #expect(changed.first?["fields"] as? [String] == ["client_name"])
        #expect(report?["missing"] as? [String] == ["sb/b"])
        #expect((report?["unmanaged"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["hand-made"])
        #expect((report?["accepted"] as? [String])?.first?.contains("renamed by the support team") == true)

        let text = try OAuthCtlBinary.run(["drift", path])
        #expect(text.status == 2)
        // Drift names the values, live -> manifest, like plan (client_name was left out: default "").
        #expect(
            text.stdout.contains(
                """
                Changed out of band (apply restores the manifests; live -> manifest):
                  sb/a: client_name: "by hand" -> ""

                """), "\(text.stdout)")
        let changes = changed.first?["changes"] as? [[String: Any]] ?? []
        #expect(changes.first?["before"] as? String == "by hand" && changes.first?["after"] as? String == "")
        #expect(text.stdout.contains("Missing on the server"))
        #expect(text.stdout.contains("Unmanaged"))
        let markdown = try OAuthCtlBinary.run(["drift", path, "--format", "markdown"])
        #expect(markdown.stdout.contains("### Missing on the server"))

        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--target", "sb/a", "--target", "sb/b"]).status == 0)
        let after = try OAuthCtlBinary.run(["drift", path])
        #expect(after.status == 0, "\(after.combined)")
        #expect(after.stdout.contains("Accepted drift"))
    }
}
