import Foundation
import OAuthCtlTestSupport
import Testing

/// `plan --out` then `apply --plan`: exactly the reviewed calls, or nothing when live changed since.
@Suite("saved plans")
struct SavedPlanTests {
    static let canary = "OAUTHCTL-SENTINEL-saved-plan-51c0"

    func confidential(_ name: String) -> String {
        "apiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: {name: \(name)}\nspec:\n  grant_types: [client_credentials]\n  client_secret: {from_env: SECRET_\(name.uppercased())}"
    }

    @Test("apply --plan carries out exactly the planned calls, and the plan file holds no secret")
    func appliesExactlyThePlan() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let env = ["SECRET_A": Self.canary + "-a", "SECRET_B": Self.canary + "-b"]
        var path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("keep"), publicClient("change")])
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"]).status == 0)
        path = try writeManifests(
            dir, sandbox: sandbox,
            clients: [
                publicClient("keep"), publicClient("change", redirect: "https://b.example.com/cb"), confidential("a"), confidential("b"),
            ])
        let planFile = dir.url.appendingPathComponent("plan.json").path
        let plan = try OAuthCtlBinary.run(["plan", path, "--out", planFile], environment: env)
        #expect(plan.status == 0, "\(plan.combined)")
        let saved = try String(contentsOfFile: planFile, encoding: .utf8)
        #expect(!saved.contains(Self.canary))
        #expect(saved.contains("\"live_digest\""))
        #expect(saved.contains("\"from_env\""))

        try await clearRequestLog(sandbox)
        let apply = try OAuthCtlBinary.run(["apply", "--plan", planFile, path, "--auto-approve"], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        let writes = try await requestLog(sandbox).filter { $0.method != "GET" }.map { "\($0.method) \($0.path)" }
        #expect(writes.sorted() == ["POST /admin/clients", "POST /admin/clients", "PUT /admin/clients/change"])
        #expect(!apply.combined.contains(Self.canary))
        let again = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: env)
        #expect(again.status == 0, "\(again.combined)")
    }

    @Test("a client changed out of band since the plan makes apply --plan exit 3 and write nothing")
    func stalePlanIsRefused() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        var path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a"), publicClient("b")])
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"]).status == 0)
        path = try writeManifests(
            dir, sandbox: sandbox,
            clients: [publicClient("a", redirect: "https://new.example.com/cb"), publicClient("b", redirect: "https://new.example.com/cb")])
        let planFile = dir.url.appendingPathComponent("plan.json").path
        #expect(try OAuthCtlBinary.run(["plan", path, "--out", planFile]).status == 0)

        _ = try await LoopbackHTTP.send(
            "PATCH", sandbox.baseURL + "/admin/clients/b", json: #"[{"op":"replace","path":"/client_name","value":"edited by hand"}]"#)
        try await clearRequestLog(sandbox)
        let apply = try OAuthCtlBinary.run(["apply", "--plan", planFile, path, "--auto-approve"])
        #expect(apply.status == 3, "\(apply.combined)")
        #expect(apply.stderr.contains("sb/b: client 'b' changed on the server since the plan ('client_name')"))
        #expect(!apply.stderr.contains("sb/a:"))
        #expect(try await requestLog(sandbox).allSatisfy { $0.method == "GET" })
    }

    @Test("a saved plan for other manifests' providers is refused")
    func otherProvidersAreRefused() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a")])
        let planFile = dir.url.appendingPathComponent("plan.json").path
        #expect(try OAuthCtlBinary.run(["plan", path, "--out", planFile]).status == 0)
        let other = try TemporaryDirectory()
        let otherPath = try writeManifests(other, sandbox: sandbox, clients: [publicClient("a")], managedBy: "another-repo")
        let apply = try OAuthCtlBinary.run(["apply", "--plan", planFile, otherPath, "--auto-approve"])
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("which these manifests don't declare the same way"))
        #expect(try await liveIDs(sandbox).isEmpty)
    }
}

/// Saved plans on a provider whose ids the server generates (matched by name).
@Suite("saved plans, server-generated ids")
struct SavedPlanGeneratedIDTests {
    @Test("a same-name client created since the plan makes apply --plan exit 3 instead of creating a duplicate")
    func sameNameCreatedSincePlan() async throws {
        let sandbox = try Rightbrain.sandbox()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try Rightbrain.manifests(
            dir,
            clients: [
                Rightbrain.client(
                    "docs", "grant_types: [authorization_code]", "token_endpoint_auth_method: none",
                    "redirect_uris: ['https://docs.example.com/cb']")
            ])
        let planFile = dir.url.appendingPathComponent("plan.json").path
        let env = Rightbrain.environment(sandbox)
        let plan = try OAuthCtlBinary.run(["plan", path, "--out", planFile], environment: env)
        #expect(plan.status == 0, "\(plan.combined)")
        try await Rightbrain.create(
            sandbox,
            #"{"name":"docs","grant_types":["authorization_code"],"token_endpoint_auth_method":"none","redirect_uris":["https://x.example.com/cb"]}"#
        )
        let apply = try OAuthCtlBinary.run(["apply", "--plan", planFile, path, "--auto-approve"], environment: env)
        #expect(apply.status == 3, "\(apply.combined)")
        #expect(apply.stderr.contains("rb/docs: a live client that matches it ("), "\(apply.stderr)")
        #expect(apply.stderr.contains("was created on the server since the plan; applying the create would make a duplicate"))
        #expect(try await Rightbrain.live(sandbox).count == 1)
    }
}
