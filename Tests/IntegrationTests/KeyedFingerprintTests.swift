import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// `OAUTHCTL_FINGERPRINT_KEY`: markers are written in keyed form, compare right, and markers written
/// without the key are migrated by the next write of the client.
@Suite("keyed fingerprints on the sandbox")
struct KeyedFingerprintIntegrationTests {
    static let key = "FPKEY-CANARY-" + String(repeating: "z", count: 40)

    func fingerprint(_ sandbox: SandboxProcess, _ id: String) async throws -> String {
        let clients = try await Sandbox.allClients(sandbox)
        let client = try #require(clients.first { $0["client_id"]?.stringValue == id })
        return try #require(client["metadata"]?["oauthctl"]?["fingerprints"]?["client_secret"]?.stringValue)
    }

    @Test("migration: an unkeyed marker is read, rewritten in keyed form by the next write; changed/unchanged detected")
    func migration() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let provider = ManifestText.provider(url: sandbox.baseURL)
        func manifests(_ name: String) throws -> String {
            try ManifestText.write(
                dir,
                [
                    provider,
                    ManifestText.client(
                        name: "svc",
                        spec: [
                            ("client_name", Tricky(.string(name))), ("grant_types", Tricky(.array(["client_credentials"]))),
                            ("client_secret", .reference(env: "SVC_SECRET")),
                        ]),
                ])
        }
        var path = try manifests("one")
        let plain = ["SVC_SECRET": "first-secret-value-1234"]
        let keyed = plain.merging([FingerprintKey.environmentVariable: Self.key]) { $1 }
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"], environment: plain).status == 0)
        #expect(try await fingerprint(sandbox, "svc").hasPrefix("pbkdf2-sha256$"))

        // With the key, the old marker is still read: unchanged secret → no change.
        #expect(try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: keyed).status == 0)
        // The next write (another field changes) rewrites the marker in keyed form.
        path = try manifests("two")
        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve"], environment: keyed)
        #expect(apply.status == 0, "\(apply.combined)")
        #expect(try await fingerprint(sandbox, "svc").hasPrefix("hmac-sha256$"))
        #expect(try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: keyed).status == 0)

        // Changed secret: detected under the key.
        let changed = keyed.merging(["SVC_SECRET": "second-secret-value-5678"]) { $1 }
        let plan = try OAuthCtlBinary.run(["plan", path, "--format", "json"], environment: changed)
        #expect(try PlanJSON(plan.stdout).changes(of: "update")["sb/svc"] == ["client_secret"], "\(plan.combined)")

        // Without the key (or with another), the keyed marker can't be verified: unknown, not "unchanged".
        let unkeyedPlan = try OAuthCtlBinary.run(["plan", path], environment: plain)
        #expect(unkeyedPlan.status == 0)
        #expect(unkeyedPlan.combined.contains("is unknown"), "\(unkeyedPlan.combined)")
        let other = plain.merging([FingerprintKey.environmentVariable: String(repeating: "q", count: 40)]) { $1 }
        #expect(try OAuthCtlBinary.run(["plan", path], environment: other).combined.contains("is unknown"))

        // A key that is too short is refused, and never printed.
        let short = try OAuthCtlBinary.run(
            ["plan", path], environment: plain.merging([FingerprintKey.environmentVariable: "FPKEY-CANARY-x"]) { $1 })
        #expect(short.status == 1)
        #expect(short.stderr.contains("OAUTHCTL_FINGERPRINT_KEY"), "\(short.stderr)")
        for run in [apply, plan, unkeyedPlan, short] { #expect(!run.combined.contains("FPKEY-CANARY")) }
    }
}
