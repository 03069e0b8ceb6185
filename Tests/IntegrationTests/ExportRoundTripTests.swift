import Foundation
import OAuthCtlTestSupport
import Testing

/// Export then plan is a no-op for every provider: Boruta on its sandbox, Glewlwyd on the real server,
/// Ory Network on the sandbox (Hydra and Rightbrain have their own export tests).
@Suite("export then plan, every provider")
struct ExportRoundTripTests {
    /// Exports `provider` with the provider-only manifests in `providerFolder`, then plans those plus the export.
    func exportThenPlan(providerFolder: String, provider: String, scratch: TemporaryDirectory, env: [String: String]) throws -> (
        OAuthCtlBinary.Result, OAuthCtlBinary.Result
    ) {
        let out = scratch.url.appendingPathComponent("exported").path
        let export = try OAuthCtlBinary.run(["export", providerFolder, "--provider", provider, "--out", out], environment: env)
        // The export holds its own Provider document: it plans as it is, nothing added by hand.
        let plan = try OAuthCtlBinary.run(["plan", out + "/" + provider, "--detailed-exitcode"], environment: env)
        return (export, plan)
    }

    @Test("Boruta: export of applied and system clients plans as no change")
    func boruta() async throws {
        let bench = try BorutaEndToEndTests.Bench()
        defer { bench.sandbox.stop() }
        let withClients = try bench.write([
            BorutaEndToEndTests.client("billing", id: BorutaEndToEndTests.idA, BorutaEndToEndTests.everyField),
            BorutaEndToEndTests.client("plain", id: BorutaEndToEndTests.idB),
        ])
        let apply = try bench.run(["apply", withClients, "--auto-approve"])
        #expect(apply.status == 0, "\(apply.combined)")
        let providerOnly = try bench.write([])
        let (export, plan) = try exportThenPlan(providerFolder: providerOnly, provider: "bl", scratch: bench.scratch, env: bench.env)
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.stdout.contains("Exported 2 client(s)"), "\(export.stdout)")
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(!(export.combined + plan.combined).contains(BorutaEndToEndTests.canary))
    }

    @Test("Glewlwyd: export of the applied examples and a hand-made client plans as no change")
    func glewlwyd() async throws {
        let server = try GlewlwydServer()
        defer { server.stop() }
        let scratch = try TemporaryDirectory()
        let env = GlewlwydEndToEndTests().environment(server)
        let examples = GlewlwydEndToEndTests.examples.path
        _ = try await GlewlwydOAuth(server: server).createByHand(
            #"{"client_id":"hand-made","name":"by hand","confidential":true,"client_secret":"hand-made-secret-9c1","authorization_type":["client_credentials"],"scope":["x"]}"#
        )
        let apply = try OAuthCtlBinary.run(
            ["apply", examples, "--auto-approve", "--secrets-out", scratch.url.appendingPathComponent("s.env").path], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        let providerOnly = scratch.url.appendingPathComponent("provider")
        try FileManager.default.createDirectory(at: providerOnly, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: GlewlwydEndToEndTests.examples.appendingPathComponent("provider.yaml"),
            to: providerOnly.appendingPathComponent("provider.yaml"))
        let (export, plan) = try exportThenPlan(providerFolder: providerOnly.path, provider: "glewlwyd-local", scratch: scratch, env: env)
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.stdout.contains("Exported 5 client(s)"), "\(export.stdout)")
        #expect(plan.status == 0, "\(plan.combined)")
        let exported = try FileManager.default.subpathsOfDirectory(atPath: scratch.url.appendingPathComponent("exported").path)
        for file in exported where file.hasSuffix(".yaml") {
            let text = try String(contentsOfFile: scratch.url.appendingPathComponent("exported/" + file).path, encoding: .utf8)
            #expect(!text.contains("hand-made-secret-9c1"))
            #expect(!text.contains(GlewlwydEndToEndTests.canary))
        }
    }

    @Test("Ory Network: export then plan is a no-op behind the API key")
    func oryNetwork() async throws {
        let key = "ory_apikey_OAUTHCTL-SENTINEL-ory-77"
        let sandbox = try SandboxProcess(type: "ory-network", extra: ["--token", key, "--writes-per-minute", "600"])
        defer { sandbox.stop() }
        let scratch = try TemporaryDirectory()
        let provider =
            "apiVersion: oauthctl/v1\nkind: Provider\nmetadata: {name: ory}\nspec:\n  type: ory-network\n  url: \(sandbox.baseURL)\n  writes_per_minute: 600\n  auth: {api_key: {from_env: ORY_API_KEY}}\n"
        try scratch.write("provider/provider.yaml", provider)
        try scratch.write(
            "clients/c.yaml",
            provider + "---\n" + publicClient("web") + "\n---\n" + publicClient("spa", redirect: "https://spa.example.com/cb"))
        let env = ["ORY_API_KEY": key]
        let apply = try OAuthCtlBinary.run(
            ["apply", scratch.url.appendingPathComponent("clients").path, "--auto-approve"], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        let (export, plan) = try exportThenPlan(
            providerFolder: scratch.url.appendingPathComponent("provider").path, provider: "ory", scratch: scratch, env: env)
        #expect(export.status == 0, "\(export.combined)")
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(!(apply.combined + export.combined + plan.combined).contains(key))
    }
}
