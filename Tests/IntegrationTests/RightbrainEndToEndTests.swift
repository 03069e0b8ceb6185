import Foundation
import OAuthCtlTestSupport
import Testing

/// The built binary against `oauthctl sandbox --type rightbrain`, over loopback: every action, name
/// matching, pagination, rate limits, and secrets that reach the sink once and nothing else.
@Suite("Rightbrain end to end")
struct RightbrainEndToEndTests {
    var examples: String { OAuthCtlBinary.repositoryRoot.appendingPathComponent("examples/rightbrain").path }

    /// Fails when any output holds the token or one of `secrets`.
    func expectNoSecrets(_ outputs: [String], secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for output in outputs {
            #expect(!output.contains(Rightbrain.token), "the bearer token leaked", sourceLocation: sourceLocation)
            for secret in secrets where !secret.isEmpty {
                #expect(!output.contains(secret), "a generated secret leaked", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("the examples apply, their generated secrets reach the sink once, and plan is then a no-op matched by name")
    func examplesApplyThenNoOp() async throws {
        let sandbox = try Rightbrain.sandbox()
        defer { sandbox.stop() }
        let scratch = try TemporaryDirectory()
        let sink = scratch.url.appendingPathComponent("secrets.json").path
        let env = Rightbrain.environment(sandbox)

        let plan = try OAuthCtlBinary.run(["plan", examples, "--detailed-exitcode"], environment: env)
        #expect(plan.status == 2, "\(plan.combined)")
        #expect(plan.stdout.contains("Plan: 3 to create, 0 to update, 0 to replace, 0 to delete."))
        let apply = try OAuthCtlBinary.run(["apply", examples, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        #expect(apply.stdout.contains("rightbrain-local/task-runner created"))

        // Exactly the two confidential clients received a secret, filed under their OAuth client_id.
        let secrets = try Rightbrain.sink(sink)
        #expect(Set(secrets.keys) == ["rightbrain-local/partner-dashboard", "rightbrain-local/task-runner"])
        let live = try await Rightbrain.live(sandbox)
        #expect(Set(live.compactMap { $0["name"] as? String }) == ["docs-portal", "task-runner", "Partner dashboard"])
        for (address, entry) in secrets {
            let clientID = try #require(entry["client_id"])
            #expect(live.contains { $0["client_id"] as? String == clientID }, "\(address): the sink names the OAuth client_id")
            #expect(
                try await Rightbrain.verify(sandbox, clientID: clientID, secret: entry["client_secret"] ?? ""),
                "\(address): the sink holds the live secret")
        }
        let mode = (try FileManager.default.attributesOfItem(atPath: sink)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
        let sinkBefore = try Data(contentsOf: URL(fileURLWithPath: sink))

        let again = try OAuthCtlBinary.run(["plan", examples, "--detailed-exitcode"], environment: env)
        #expect(again.status == 0, "\(again.combined)")
        #expect(again.stdout.contains("No changes"))
        #expect(again.stdout.contains("rightbrain-local/partner-dashboard: matched live client '"))
        #expect(again.stdout.contains("by name 'Partner dashboard'"))
        let reapply = try OAuthCtlBinary.run(["apply", examples, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(reapply.status == 0, "\(reapply.combined)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: sink)) == sinkBefore, "a no-op apply writes no secret")
        let drift = try OAuthCtlBinary.run(["drift", examples], environment: env)
        #expect(drift.status == 0, "\(drift.combined)")

        // Export, then plan the exported manifests: a no-op (no secret reference: Rightbrain's can't be set).
        let exported = scratch.url.appendingPathComponent("adopted").path
        let export = try OAuthCtlBinary.run(["export", examples, "--provider", "rightbrain-local", "--out", exported], environment: env)
        #expect(export.status == 0, "\(export.combined)")
        // The export holds its own Provider document: it plans as it is.
        let planExported = try OAuthCtlBinary.run(["plan", exported, "--detailed-exitcode"], environment: env)
        #expect(planExported.status == 0, "\(planExported.combined)")
        let partner = try String(contentsOfFile: exported + "/rightbrain-local/Partner-dashboard.yaml", encoding: .utf8)
        #expect(partner.contains("name: Partner dashboard") && !partner.contains("client_secret:"))

        let saved = scratch.url.appendingPathComponent("plan.json").path
        let planOut = try OAuthCtlBinary.run(["plan", examples, "--out", saved, "--format", "markdown"], environment: env)
        #expect(planOut.status == 0, "\(planOut.combined)")
        let files = try [saved] + FileManager.default.subpathsOfDirectory(atPath: exported).map { exported + "/" + $0 }
        let written = files.map { (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "" }

        let values = secrets.values.compactMap { $0["client_secret"] }
        expectNoSecrets(
            [
                plan.combined, apply.combined, again.combined, reapply.combined, drift.combined, export.combined, planExported.combined,
                planOut.combined,
            ] + written, secrets: values)
    }

    @Test("create, update, no-op, replace of a grant-type change (only with --allow-replace), tombstone delete; --prune deletes nothing")
    func everyAction() async throws {
        let sandbox = try Rightbrain.sandbox()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let sink = dir.url.appendingPathComponent("secrets.json").path
        let env = Rightbrain.environment(sandbox)
        let byHand = try await Rightbrain.create(sandbox, #"{"name":"made-by-hand","grant_types":["client_credentials"]}"#)
        let retired = try await Rightbrain.create(sandbox, #"{"name":"retired","token_endpoint_auth_method":"none"}"#)

        let web = { (uri: String) in
            Rightbrain.client("web", "grant_types: [authorization_code]", "token_endpoint_auth_method: none", "redirect_uris: ['\(uri)']")
        }
        let worker = { (grants: String) in Rightbrain.client("worker", "description: batch", "grant_types: [\(grants)]") }
        var path = try Rightbrain.manifests(dir, clients: [web("https://a.example/cb"), worker("client_credentials")])
        let create = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(create.status == 0, "\(create.combined)")
        #expect(create.stdout.contains("Apply: 2 succeeded"))
        let firstSecret = try #require(try Rightbrain.sink(sink)["rb/worker"])
        #expect(try Rightbrain.sink(sink).keys.sorted() == ["rb/worker"])
        let workerID = try #require(try await Rightbrain.live(sandbox).first { $0["name"] as? String == "worker" }?["id"] as? String)

        // A redirect change is an update (POST /oauth_client/{id}, grant_types not sent); worker is a no-op.
        path = try Rightbrain.manifests(dir, clients: [web("https://b.example/cb"), worker("client_credentials")])
        try await Rightbrain.clearRequests(sandbox)
        let update = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(update.status == 0, "\(update.combined)")
        #expect(update.stdout.contains("rb/web updated"))
        #expect(update.stdout.contains("Apply: 1 succeeded"))
        #expect(!update.stdout.contains("rb/worker updated"))
        let writes = try await Rightbrain.requests(sandbox).filter { $0["method"] as? String != "GET" }
        #expect(writes.count == 1)
        let updatePath = writes.first?["path"] as? String ?? ""
        #expect(
            writes.first?["method"] as? String == "POST"
                && updatePath.hasPrefix("/api/v1/org/\(Rightbrain.org)/project/\(Rightbrain.project)/oauth_client/"))
        let body = writes.first?["body"] as? [String: Any] ?? [:]
        #expect(body["grant_types"] == nil)
        #expect(body["redirect_uris"] as? [String] == ["https://b.example/cb"])
        #expect(body["name"] as? String == "web")

        // A grant-type change can't be an update: the plan refuses it without --allow-replace.
        path = try Rightbrain.manifests(dir, clients: [web("https://b.example/cb"), worker("client_credentials, refresh_token")])
        let refused = try OAuthCtlBinary.run(["plan", path], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("rb/worker: changing 'grant_types' (immutable on this server) forces replacement"))
        #expect(refused.stderr.contains("--allow-replace"))
        let planned = try OAuthCtlBinary.run(["plan", path, "--allow-replace", "--format", "json"], environment: env)
        let document = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any]
        let replace = (document?["actions"] as? [[String: Any]])?.first { $0["action"] as? String == "replace" }
        #expect(replace?["address"] as? String == "rb/worker")
        #expect((replace?["changes"] as? [[String: Any]])?.first?["forces_replacement"] as? Bool == true)

        try await Rightbrain.clearRequests(sandbox)
        let replaced = try OAuthCtlBinary.run(
            ["apply", path, "--auto-approve", "--allow-replace", "--secrets-out", sink], environment: env)
        #expect(replaced.status == 0, "\(replaced.combined)")
        let methods = try await Rightbrain.requests(sandbox).filter { $0["method"] as? String != "GET" }.map {
            "\($0["method"] ?? "") \($0["path"] ?? "")"
        }
        let apiPath = "/api/v1/org/\(Rightbrain.org)/project/\(Rightbrain.project)/oauth_client"
        #expect(methods == ["DELETE \(apiPath)/\(workerID)", "POST \(apiPath)"])
        let newWorker = try #require(try await Rightbrain.live(sandbox).first { $0["name"] as? String == "worker" })
        #expect(newWorker["id"] as? String != workerID)
        #expect(newWorker["grant_types"] as? [String] == ["client_credentials", "refresh_token"])
        let secondSecret = try #require(try Rightbrain.sink(sink)["rb/worker"])
        #expect(secondSecret["client_secret"] != firstSecret["client_secret"])
        #expect(secondSecret["client_id"] == newWorker["client_id"] as? String)
        #expect(
            try await Rightbrain.verify(sandbox, clientID: secondSecret["client_id"] ?? "", secret: secondSecret["client_secret"] ?? ""))

        // A tombstone deletes by name; --prune says it can't delete anything on Rightbrain.
        let tombstone = Rightbrain.client("retired", state: "absent")
        path = try Rightbrain.manifests(
            dir, clients: [web("https://b.example/cb"), worker("client_credentials, refresh_token"), tombstone])
        let prune = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--prune"], environment: env)
        #expect(prune.status == 0, "\(prune.combined)")
        #expect(prune.stdout.contains("rb/retired deleted"))
        #expect(prune.stdout.contains("--prune deletes nothing on provider 'rb' (rightbrain)"))
        let names = Set(try await Rightbrain.live(sandbox).compactMap { $0["name"] as? String })
        #expect(names == ["web", "worker", "made-by-hand"])
        #expect(!(try await Rightbrain.live(sandbox)).contains { $0["id"] as? String == retired })
        #expect(try await Rightbrain.live(sandbox).contains { $0["id"] as? String == byHand })

        let final = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: env)
        #expect(final.status == 0, "\(final.combined)")
        let allSecrets = [firstSecret["client_secret"] ?? "", secondSecret["client_secret"] ?? ""]
        expectNoSecrets(
            [create.combined, update.combined, refused.combined, planned.combined, replaced.combined, prune.combined, final.combined],
            secrets: allSecrets)
    }

    @Test("two live clients with the manifest's name are an error that names both ids; nothing is written")
    func ambiguousName() async throws {
        let sandbox = try Rightbrain.sandbox()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let first = try await Rightbrain.create(sandbox, #"{"name":"twin","token_endpoint_auth_method":"none"}"#)
        let second = try await Rightbrain.create(sandbox, #"{"name":"twin","token_endpoint_auth_method":"none"}"#)
        let path = try Rightbrain.manifests(dir, clients: [Rightbrain.client("twin", "token_endpoint_auth_method: none")])
        let env = Rightbrain.environment(sandbox)
        let plan = try OAuthCtlBinary.run(["plan", path], environment: env)
        #expect(plan.status == 1)
        #expect(
            plan.stderr.contains("rb/twin: 2 live clients have name 'twin' (ids \([first, second].sorted().joined(separator: ", ")))"),
            "\(plan.stderr)")
        try await Rightbrain.clearRequests(sandbox)
        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve"], environment: env)
        #expect(apply.status == 1)
        #expect(try await Rightbrain.requests(sandbox).allSatisfy { $0["method"] as? String == "GET" })
        expectNoSecrets([plan.combined, apply.combined], secrets: [])
    }

    @Test("listing follows the cursor across 260 clients in pages of 100; a client on the last page matches by name")
    func pagination() async throws {
        let sandbox = try Rightbrain.sandbox(extra: ["--seed", "260"])
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let seeded = Rightbrain.client("sandbox-00255", "description: Seeded by the sandbox", "grant_types: [client_credentials]")
        let path = try Rightbrain.manifests(dir, clients: [seeded])
        let env = Rightbrain.environment(sandbox)
        let plan = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: env)
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(plan.stdout.contains("matched live client '"))
        let lists = try await Rightbrain.requests(sandbox).filter { ($0["path"] as? String ?? "").hasSuffix("/oauth_client") }
        #expect(lists.count == 3)
        let queries = lists.compactMap { $0["query"] as? String }
        #expect(queries.first == "page_limit=100")
        #expect(queries.dropFirst().allSatisfy { $0.hasPrefix("page_limit=100&cursor=") })
        #expect(Set(queries).count == 3)

        let drift = try OAuthCtlBinary.run(["drift", path, "--format", "json"], environment: env)
        #expect(drift.status == 0, "\(drift.combined)")
        let report = try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any]
        #expect((report?["unmanaged"] as? [[String: Any]])?.count == 259)
    }

    @Test("a 429 with Retry-After on create is waited out and retried once; the client is created once")
    func rateLimited() async throws {
        let sandbox = try Rightbrain.sandbox()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try Rightbrain.manifests(dir, clients: [Rightbrain.client("spa", "token_endpoint_auth_method: none")])
        let rule = #"{"rules":[{"method":"POST","path_prefix":"/api/v1/org/","status":429,"retry_after":"2","times":1}]}"#
        _ = try await LoopbackHTTP.send("POST", sandbox.baseURL + "/__sandbox/faults", json: rule)
        let started = Date()
        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve"], environment: Rightbrain.environment(sandbox))
        let elapsed = Date().timeIntervalSince(started)
        #expect(apply.status == 0, "\(apply.combined)")
        let posts = try await Rightbrain.requests(sandbox).filter { $0["method"] as? String == "POST" }
        #expect(posts.compactMap { $0["status"] as? Int } == [429, 200])
        // The retry policy's own first wait is 1 s; only the server's Retry-After makes it 2 s.
        #expect(elapsed >= 2, "Retry-After: 2 was not honoured (\(elapsed) s)")
        #expect(try await Rightbrain.live(sandbox).count == 1)
    }

    @Test("a wrong token is a 401 that names the credential's source, never its value; dry run shows no secret")
    func unauthorizedAndDryRun() async throws {
        let sandbox = try Rightbrain.sandbox()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try Rightbrain.manifests(dir, clients: [Rightbrain.client("worker", "grant_types: [client_credentials]")])
        var env = Rightbrain.environment(sandbox)
        env["RIGHTBRAIN_TOKEN"] = Rightbrain.token + "-wrong"
        let denied = try OAuthCtlBinary.run(["plan", path], environment: env)
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("401"))
        #expect(denied.stderr.contains("Not authenticated"))
        #expect(denied.stderr.contains("bearer_token from_env RIGHTBRAIN_TOKEN"))

        let sink = dir.url.appendingPathComponent("secrets.json").path
        let dry = try OAuthCtlBinary.run(["apply", path, "--dry-run", "--secrets-out", sink], environment: Rightbrain.environment(sandbox))
        #expect(dry.status == 0, "\(dry.combined)")
        #expect(dry.stdout.contains("would send: POST /api/v1/org/\(Rightbrain.org)/project/\(Rightbrain.project)/oauth_client"))
        #expect(try await Rightbrain.live(sandbox).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: sink))
        expectNoSecrets([denied.combined, dry.combined], secrets: [])
    }

    @Test("a 422 {detail} from the server is reported with its words; a repeated cursor stops the listing")
    func serverErrors() async throws {
        let sandbox = try Rightbrain.sandbox()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let env = Rightbrain.environment(sandbox)
        let insecure = Rightbrain.client(
            "web", "grant_types: [authorization_code]", "token_endpoint_auth_method: none", "redirect_uris: ['http://app.example.com/cb']")
        let path = try Rightbrain.manifests(dir, clients: [insecure])
        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve"], environment: env)
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("/project/\(Rightbrain.project)/oauth_client: 422 Unprocessable Content"), "\(apply.stderr)")
        #expect(apply.stderr.contains("redirect_uris.0: Value error, redirect URI must use https"), "\(apply.stderr)")

        let loop = #"{\"pagination\":{\"next_cursor\":\"same\",\"has_next\":true,\"page_limit\":100},\"results\":[]}"#
        let rule = #"{"rules":[{"method":"GET","path_prefix":"/api/v1/org/","status":200,"times":-1,"body":"\#(loop)"}]}"#
        _ = try await LoopbackHTTP.send("POST", sandbox.baseURL + "/__sandbox/faults", json: rule)
        try await Rightbrain.clearRequests(sandbox)
        let plan = try OAuthCtlBinary.run(["plan", path], environment: env)
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("repeated cursor 'same'"), "\(plan.stderr)")
        #expect(try await Rightbrain.requests(sandbox).filter { $0["method"] as? String == "GET" }.count == 2)
    }
}
