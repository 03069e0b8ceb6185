import Foundation
import OAuthCtlTestSupport
import Testing

/// The main job through the built binary against `oauthctl sandbox`: apply the examples, then plan is a no-op.
@Suite("Hydra end to end", .serialized)
struct HydraEndToEndTests {
    static let canary = "OAUTHCTL-SENTINEL-7f3a9c2e41"

    func environment(_ sandbox: SandboxProcess, extra: [String: String] = [:]) -> [String: String] {
        [
            "OAUTHCTL_VAR_HYDRA_ADMIN_URL": sandbox.baseURL, "BILLING_WEB_SECRET": Self.canary + "-billing",
            "PORTAL_SECRET": Self.canary + "-portal",
        ]
        .merging(extra) { _, new in new }
    }

    var examples: String { OAuthCtlBinary.repositoryRoot.appendingPathComponent("examples/hydra").path }

    @Test("apply creates every example client, then plan is a no-op with exit 0")
    func applyThenPlanIsNoOp() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let scratch = try TemporaryDirectory()
        let sink = scratch.url.appendingPathComponent("secrets.json").path
        let env = environment(sandbox)

        let first = try OAuthCtlBinary.run(["plan", examples, "--detailed-exitcode"], environment: env)
        #expect(first.status == 2, "\(first.combined)")
        #expect(first.stdout.contains("local/billing-web"))

        let apply = try OAuthCtlBinary.run(["apply", examples, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        #expect(apply.stdout.contains("local/storefront-spa created"))

        let clients = try await LoopbackHTTP.getJSON(sandbox.baseURL + "/admin/clients") as? [[String: Any]] ?? []
        let ids = Set(clients.compactMap { $0["client_id"] as? String })
        #expect(ids == ["billing-web", "employee-portal", "partner-api", "reports-worker", "storefront-spa", "tv-app"])
        let metadata = clients.first { $0["client_id"] as? String == "billing-web" }?["metadata"] as? [String: Any]
        #expect(metadata?["team"] as? String == "billing")
        #expect((metadata?["oauthctl"] as? [String: Any])?["managed_by"] as? String == "examples")

        let generated = try String(contentsOfFile: sink, encoding: .utf8)
        #expect(generated.contains("local/reports-worker"))
        let mode = (try FileManager.default.attributesOfItem(atPath: sink)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)

        let again = try OAuthCtlBinary.run(["plan", examples, "--detailed-exitcode"], environment: env)
        #expect(again.status == 0, "\(again.combined)")
        #expect(again.stdout.contains("No changes"))

        for output in [first.combined, apply.combined, again.combined] {
            #expect(!output.contains(Self.canary))
        }
    }

    @Test("a changed secret reference plans as one update; the same value plans as no change")
    func secretChangeIsDetected() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let scratch = try TemporaryDirectory()
        let sink = scratch.url.appendingPathComponent("secrets.env").path
        let env = environment(sandbox)
        let apply = try OAuthCtlBinary.run(["apply", examples, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")

        let rotated = environment(sandbox, extra: ["BILLING_WEB_SECRET": Self.canary + "-rotated"])
        let plan = try OAuthCtlBinary.run(["plan", examples, "--format", "json", "--detailed-exitcode"], environment: rotated)
        #expect(plan.status == 2, "\(plan.combined)")
        let document = try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any]
        let actions = document?["actions"] as? [[String: Any]] ?? []
        let updates = actions.filter { $0["action"] as? String == "update" }
        #expect(updates.compactMap { $0["address"] as? String } == ["local/billing-web"])
        let changes = updates.first?["changes"] as? [[String: Any]] ?? []
        #expect(changes.compactMap { $0["path"] as? String } == ["client_secret"])
        #expect(!plan.combined.contains(Self.canary))
    }
}
