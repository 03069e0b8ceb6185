import Foundation
import OAuthCtlTestSupport
import Testing

/// `export` writes manifests for live clients such that a plan against them is a no-op.
@Suite("export")
struct ExportTests {
    @Test("export then plan is a no-op, for hand-made and oauthctl-made clients; secrets become references")
    func exportThenPlanIsNoOp() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let handMade = [
            #"{"client_id":"spa","token_endpoint_auth_method":"none","grant_types":["authorization_code"],"redirect_uris":["https://b/cb","https://a/cb"],"allowed_cors_origins":["HTTPS://App.Example.com/"],"scope":"openid  profile"}"#,
            #"{"client_id":"worker","client_secret":"hand-made-secret-123","grant_types":["client_credentials"],"audience":["api"],"client_credentials_grant_access_token_lifespan":"90m","metadata":{"team":"x","n":[1,2]}}"#,
            #"{"client_id":"odd id/with:chars","token_endpoint_auth_method":"none","client_name":"yes","owner":"${not-a-var}"}"#,
            #"{"client_id":"other","token_endpoint_auth_method":"none","metadata":{"oauthctl":{"managed_by":"someone-else"}}}"#,
        ]
        for body in handMade {
            let (status, _) = try await LoopbackHTTP.send("POST", sandbox.baseURL + "/admin/clients", json: body)
            #expect(status == 201)
        }
        let dir = try TemporaryDirectory()
        let providerPath = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("managed")])
        #expect(try OAuthCtlBinary.run(["apply", providerPath, "--auto-approve"]).status == 0)
        try dir.write(
            "provider/provider.yaml",
            "apiVersion: oauthctl/v1\nkind: Provider\nmetadata: {name: sb}\nspec:\n  type: hydra\n  url: \(sandbox.baseURL)\n  managed_by: it\n"
        )
        let providerOnly = dir.url.appendingPathComponent("provider").path
        let out = dir.url.appendingPathComponent("exported").path

        let export = try OAuthCtlBinary.run(["export", providerOnly, "--provider", "sb", "--out", out])
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.stderr.contains("1 client(s) managed by another repository were not exported"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out + "/sb").sorted()
        #expect(files == ["README.md", "managed.yaml", "odd-id-with-chars.yaml", "provider.yaml", "spa.yaml", "worker.yaml"])
        let worker = try String(contentsOfFile: out + "/sb/worker.yaml", encoding: .utf8)
        #expect(worker.contains("  # client_secret: {from_env: SB_WORKER_CLIENT_SECRET}"), "\(worker)")
        #expect(!export.combined.contains("hand-made-secret-123"))
        #expect(try String(contentsOfFile: out + "/sb/README.md", encoding: .utf8).contains("SB_WORKER_CLIENT_SECRET"))

        // The export holds its own Provider document: it validates and plans as it is.
        let validate = try OAuthCtlBinary.run(["validate", out])
        #expect(validate.status == 0, "\(validate.combined)")
        let plan = try OAuthCtlBinary.run(["plan", out, "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.combined)")
    }
}
