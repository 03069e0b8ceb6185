import Foundation
import OAuthCtlTestSupport
import Testing

/// Issue 15 through the built binary: --chdir, show, apply --format json, export → plan.
@Suite("Everyday use")
struct EverydayTests {
    @Test("--chdir DIR runs as if started in DIR; a missing DIR is one line")
    func chdir() throws {
        let dir = try TemporaryDirectory()
        try """
        apiVersion: oauthctl/v1
        kind: Provider
        metadata: {name: p}
        spec: {type: hydra, url: "http://127.0.0.1:4445"}
        """.write(to: dir.url.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let moved = try OAuthCtlBinary.run(["--chdir", dir.path, "validate"])
        #expect(moved.status == 0, "\(moved.combined)")
        #expect(moved.stdout == "valid: 1 provider(s) and 0 client(s) in 1 file(s)\n", "\(moved.combined)")
        let missing = try OAuthCtlBinary.run(["--chdir=\(dir.path)/nope", "validate"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: --chdir '\(dir.path)/nope': not a directory that can be entered\n")
    }

    static let web = """
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata: {name: web}
        spec:
          scope: openid offline_access profile
          token_endpoint_auth_method: none
          authorization_code_grant_access_token_lifespan: 720h
        """

    @Test("show re-renders a saved plan in every format, offline; a tampered plan is refused")
    func show() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try writeManifests(dir, sandbox: sandbox, clients: [Self.web])
        let planPath = dir.url.appendingPathComponent("plan.json").path
        let planned = try OAuthCtlBinary.run(["plan", path, "--out", planPath])
        #expect(planned.status == 0, "\(planned.combined)")
        for format in ["text", "json", "markdown"] {
            let fresh = try OAuthCtlBinary.run(["plan", path, "--format", format])
            let shown = try OAuthCtlBinary.run(["show", planPath, "--format", format])
            #expect(shown.status == 0, "\(shown.combined)")
            #expect(shown.stdout == fresh.stdout, "show --format \(format) differs from plan --format \(format)")
        }
        // The user's spelling, not the canonical one.
        let text = try OAuthCtlBinary.run(["show", planPath]).stdout
        #expect(text.contains(#"+ scope: "openid offline_access profile""#), "\(text)")
        #expect(text.contains(#"+ authorization_code_grant_access_token_lifespan: "720h""#), "\(text)")
        sandbox.stop()
        #expect(try OAuthCtlBinary.run(["show", planPath]).status == 0, "show contacts no server")

        let saved = try String(contentsOfFile: planPath, encoding: .utf8)
        try saved.replacingOccurrences(of: "\"sb/web\"", with: "\"sb/wab\"").write(toFile: planPath, atomically: true, encoding: .utf8)
        let tampered = try OAuthCtlBinary.run(["show", planPath])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.hasPrefix("error: '\(planPath)' is not a usable saved plan: "), "\(tampered.stderr)")
        let missing = try OAuthCtlBinary.run(["show", planPath + ".nope"])
        #expect(missing.stderr == "error: can't read the saved plan '\(planPath).nope': no such file\n")
        let directory = try OAuthCtlBinary.run(["show", dir.path])
        #expect(directory.stderr == "error: can't read the saved plan '\(dir.path)': it is a directory, not a regular file\n")
    }

    @Test("apply --format json: a versioned report, per client action, result and error; stdout is only JSON")
    func applyJSON() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try writeManifests(dir, sandbox: sandbox, clients: [Self.web, FaultTests.publicClient("api")])
        let refused = try OAuthCtlBinary.run(["apply", path, "--format", "json"])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(
            refused.stderr.hasPrefix("error: apply --format json can't ask for confirmation (stdout is the report); pass -y/--auto-approve")
        )

        let applied = try OAuthCtlBinary.run(["apply", path, "-y", "--format", "json"])
        #expect(applied.status == 0, "\(applied.combined)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(applied.stdout.utf8)) as? [String: Any])
        #expect(report["format_version"] as? String == "1")
        #expect((report["tool"] as? [String: Any])?["name"] as? String == "oauthctl")
        let clients = report["clients"] as? [[String: Any]] ?? []
        #expect(
            clients.map { "\($0["address"] ?? "") \($0["action"] ?? "") \($0["result"] ?? "")" } == [
                "sb/api create succeeded", "sb/web create succeeded",
            ])
        #expect(clients.allSatisfy { $0["error"] is NSNull })
        #expect((report["summary"] as? [String: Any])?["succeeded"] as? Int == 2)

        // A failing write: the sandbox answers 404 to one update.
        let renamed = { (name: String) in
            "apiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: {name: \(name)}\nspec: {token_endpoint_auth_method: none, client_name: renamed}"
        }
        _ = try writeManifests(dir, sandbox: sandbox, clients: [renamed("web"), renamed("api")])
        try await Sandbox.addFaults(
            sandbox,
            #"[{"method":"PUT","path_prefix":"/admin/clients/api","status":404,"body":"{\"error\":\"Unable to locate the resource\",\"error_description\":\"\"}"}]"#
        )
        let failed = try OAuthCtlBinary.run(["apply", path, "--yes", "--format", "json"])
        let failedReport = try #require(
            try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: Any], "\(failed.combined)")
        let rows = failedReport["clients"] as? [[String: Any]] ?? []
        #expect(
            rows.map { "\($0["address"] ?? "") \($0["action"] ?? "") \($0["result"] ?? "")" } == [
                "sb/api update failed", "sb/web update succeeded",
            ], "\(failed.combined)")
        #expect((rows.first?["error"] as? String)?.hasPrefix("sb: PUT /admin/clients/api: 404 Not Found") == true, "\(rows)")
        #expect(failed.status == 1)
    }

    @Test("provider errors have one prefix everywhere, 'provider: METHOD path: message': plan, drift, export, apply text and JSON")
    func providerErrorPrefix() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try writeManifests(dir, sandbox: sandbox, clients: [FaultTests.publicClient("api")])
        let listFault =
            #"[{"method":"GET","path_prefix":"/admin/clients","status":400,"body":"{\"error\":\"invalid_request\",\"error_description\":\"boom\"}"}]"#
        for command in [["plan", path], ["drift", path], ["export", path, "--provider", "sb", "--out", dir.path + "/adopted"]] {
            try await Sandbox.addFaults(sandbox, listFault)
            let run = try OAuthCtlBinary.run(command)
            #expect(run.status == 1, "\(command[0]): \(run.combined)")
            #expect(run.stderr == "error: sb: GET /admin/clients: 400 Bad Request: invalid_request: boom\n", "\(command[0])")
        }
        let createFault = #"[{"method":"POST","status":409,"body":"{\"error\":\"conflict\",\"error_description\":\"exists already\"}"}]"#
        let expected = "sb: POST /admin/clients: 409 Conflict: exists already"
        try await Sandbox.addFaults(sandbox, createFault)
        let text = try OAuthCtlBinary.run(["apply", path, "-y"])
        #expect(text.status == 1)
        // Progress lines (`progress: ...`) aside, the report's one line.
        #expect(
            text.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("progress: ") } == ["sb/api failed: \(expected)"],
            "\(text.combined)")
        try await Sandbox.addFaults(sandbox, createFault)
        let json = try OAuthCtlBinary.run(["apply", path, "-y", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.combined)")
        let rows = report["clients"] as? [[String: Any]] ?? []
        #expect(rows.map { $0["error"] as? String } == [expected], "\(rows)")
    }

    @Test(
        "a directory named x.yaml is walked, a FIFO named x.yml is skipped with a warning (never opened), and either named explicitly is an error"
    )
    func nonRegularFiles() throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "m/p.yaml", "apiVersion: oauthctl/v1\nkind: Provider\nmetadata: {name: p}\nspec: {type: hydra, url: 'http://127.0.0.1:4445'}\n")
        try FileManager.default.createDirectory(atPath: dir.path + "/m/x.yaml", withIntermediateDirectories: true)
        #expect(mkfifo(dir.path + "/m/f.yml", 0o600) == 0)
        let walked = try OAuthCtlBinary.run(["validate", "m"], directory: dir.path)
        #expect(walked.status == 0, "\(walked.combined)")
        #expect(walked.stderr == "warning: skipped 'm/f.yml': a FIFO, not a regular file\n")
        let fifo = try OAuthCtlBinary.run(["validate", "m/f.yml"], directory: dir.path)
        #expect(fifo.status == 1)
        #expect(fifo.stderr.hasPrefix("error: 'm/f.yml' is a FIFO, not a regular file; name a manifest file or a directory of them\n"))
        let varFile = try OAuthCtlBinary.run(["validate", "m/p.yaml", "--var-file", "m/f.yml"], directory: dir.path)
        #expect(varFile.stderr.hasPrefix("error: 'm/f.yml' is a FIFO, not a regular file; name a manifest file or a directory of them\n"))
    }

    @Test("export writes the Provider too, so 'plan DIR/<provider>' is a no-op as it is; existing files need --force")
    func exportThenPlan() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try writeManifests(dir, sandbox: sandbox, clients: [Self.web, FaultTests.publicClient("api")])
        #expect(try OAuthCtlBinary.run(["apply", path, "-y"]).status == 0)
        let out = dir.url.appendingPathComponent("adopted").path
        let exported = try OAuthCtlBinary.run(["export", path, "--provider", "sb", "--out", out])
        #expect(exported.status == 0, "\(exported.combined)")
        let provider = try String(contentsOfFile: out + "/sb/provider.yaml", encoding: .utf8)
        #expect(
            provider
                == "apiVersion: oauthctl/v1\nkind: Provider\nmetadata:\n  name: sb\nspec:\n  managed_by: it\n  type: hydra\n  url: \(sandbox.baseURL)\n"
        )
        let web = try String(contentsOfFile: out + "/sb/web.yaml", encoding: .utf8)
        #expect(web.contains("scope: openid offline_access profile\n"), "\(web)")
        let plan = try OAuthCtlBinary.run(["plan", out + "/sb", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(plan.stdout.hasSuffix("No changes. The live clients match the manifests.\n"))

        let again = try OAuthCtlBinary.run(["export", path, "--provider", "sb", "--out", out])
        #expect(again.status == 1)
        #expect(
            again.stderr
                == "error: '\(out)/sb/provider.yaml' (and 3 more) already exists; pass --force to overwrite, or choose another --out (nothing was written)\n"
        )
        #expect(try OAuthCtlBinary.run(["export", path, "--provider", "sb", "--out", out, "--force"]).status == 0)
    }

    @Test("--target that matches nothing and --out into a missing directory are one-line errors")
    func targetAndOutErrors() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try writeManifests(dir, sandbox: sandbox, clients: [Self.web])
        let target = try OAuthCtlBinary.run(["plan", path, "--target", "sb/wbe"])
        #expect(target.status == 1)
        #expect(target.stdout.isEmpty)
        #expect(target.stderr == "error: --target 'sb/wbe' matches no client in the manifests; did you mean 'sb/web'?\n")
        let out = try OAuthCtlBinary.run(["plan", path, "--out", "nodir/plan.json"], directory: dir.path)
        #expect(out.status == 1)
        #expect(
            out.stderr
                == "error: can't write the plan to 'nodir/plan.json': the directory 'nodir' does not exist; create it or choose another --out (the plan above was not saved)\n"
        )
    }
}
