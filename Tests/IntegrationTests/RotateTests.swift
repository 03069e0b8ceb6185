import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// `oauthctl rotate`: overlap on the Hydra and Ory Network sandboxes (old and new valid until --finish),
/// a new secret set on the real Glewlwyd (new gets a token, old refused), the fingerprint following.
@Suite("rotate", .serialized)
struct RotateTests {
    /// Whether the sandbox would authenticate `id` with `secret` (current or rotated-not-finished).
    static func valid(_ sandbox: SandboxProcess, _ id: String, _ secret: String) async throws -> Bool {
        let body = String(
            decoding: JSONEncoding.compact(.object(["client_id": .string(id), "client_secret": .string(secret)])).utf8, as: UTF8.self)
        let (status, data) = try await LoopbackHTTP.send("POST", sandbox.baseURL + "/__sandbox/verify_secret", json: body)
        guard status == 200 else { throw TestFailure("verify_secret answered \(status): \(String(decoding: data, as: UTF8.self))") }
        return try JSONParser.parse([UInt8](data))["valid"]?.boolValue == true
    }

    static func sinkSecret(_ path: String, _ address: String) throws -> String? {
        try JSONParser.parse([UInt8](FileManager.default.contents(atPath: path) ?? Data()))[address]?["client_secret"]?.stringValue
    }

    @Test(
        "Hydra and Ory Network: old and new secrets both valid during the overlap; the old one refused after --finish",
        arguments: ["hydra", "ory-network"])
    func overlap(type: String) async throws {
        let token = "ory_apikey_rotate-test"
        let sandbox = try SandboxProcess(type: type, extra: type == "ory-network" ? ["--token", token, "--writes-per-minute", "600"] : [])
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let auth = type == "ory-network" ? "api_key: {from_env: ORY_KEY}" : nil
        let provider = ManifestText.provider(type: type, url: sandbox.baseURL, auth: auth)
        let path = try ManifestText.write(
            dir,
            [
                provider,
                ManifestText.client(name: "gen", spec: [("grant_types", Tricky(.array(["client_credentials"])))]),
                ManifestText.client(
                    name: "ref",
                    spec: [("grant_types", Tricky(.array(["client_credentials"]))), ("client_secret", .reference(env: "REF_SECRET"))]),
                ManifestText.client(name: "public", spec: [("token_endpoint_auth_method", Tricky(.string("none")))]),
            ])
        let sink = dir.path + "/secrets.json"
        let env = ["ORY_KEY": token, "REF_SECRET": "the-first-ref-secret-0123"]
        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        let oldGen = try #require(try Self.sinkSecret(sink, "sb/gen"))
        #expect(try await Self.valid(sandbox, "gen", oldGen))
        #expect(try await !Self.valid(sandbox, "gen", "not-the-secret"), "verify_secret accepts anything")

        // No terminal and no --auto-approve: refused after saying what would happen, nothing rotated.
        let unconfirmed = try OAuthCtlBinary.run(["rotate", "sb/gen", path, "--secrets-out", sink], environment: env)
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stdout.contains("the old one keeps working until 'oauthctl rotate sb/gen --finish'"), "\(unconfirmed.combined)")
        #expect(unconfirmed.stderr.contains("needs confirmation"))
        #expect(try Self.sinkSecret(sink, "sb/gen") == oldGen)

        let rotate = try OAuthCtlBinary.run(
            ["rotate", "sb/gen", "sb/ref", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(rotate.status == 0, "\(rotate.combined)")
        let newGen = try #require(try Self.sinkSecret(sink, "sb/gen"))
        let newRef = try #require(try Self.sinkSecret(sink, "sb/ref"))
        #expect(newGen != oldGen)
        #expect(!rotate.combined.contains(newGen) && !rotate.combined.contains(newRef), "a rotated secret was printed")
        #expect(rotate.stdout.contains("the manifest takes client_secret from from_env REF_SECRET"), "\(rotate.stdout)")
        // Overlap: both valid.
        #expect(try await Self.valid(sandbox, "gen", oldGen))
        #expect(try await Self.valid(sandbox, "gen", newGen))
        #expect(try await Self.valid(sandbox, "ref", env["REF_SECRET"]!))
        #expect(try await Self.valid(sandbox, "ref", newRef))
        // The fingerprint followed: the old referenced value now plans as a change, the new one as none.
        let oldPlan = try OAuthCtlBinary.run(["plan", path, "--format", "json"], environment: env)
        #expect(try PlanJSON(oldPlan.stdout).changes(of: "update")["sb/ref"] == ["client_secret"], "\(oldPlan.combined)")
        let newEnv = env.merging(["REF_SECRET": newRef]) { $1 }
        let newPlan = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: newEnv)
        #expect(newPlan.status == 0, "\(newPlan.combined)")

        // A public client: the server's 400, named.
        let refused = try OAuthCtlBinary.run(["rotate", "sb/public", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("does not support client secret rotation"), "\(refused.stderr)")

        let finish = try OAuthCtlBinary.run(["rotate", "sb/gen", "sb/ref", path, "--finish", "--auto-approve"], environment: newEnv)
        #expect(finish.status == 0, "\(finish.combined)")
        #expect(try await !Self.valid(sandbox, "gen", oldGen))
        #expect(try await Self.valid(sandbox, "gen", newGen))
        #expect(try await !Self.valid(sandbox, "ref", env["REF_SECRET"]!))
        #expect(try await Self.valid(sandbox, "ref", newRef))
    }

    @Test("rotate refuses what it can't do before any write: unknown address, no sink, a client not created yet")
    func refusals() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(
            dir,
            [
                ManifestText.provider(url: sandbox.baseURL),
                ManifestText.client(name: "gen", spec: [("grant_types", Tricky(.array(["client_credentials"])))]),
            ])
        let sink = dir.path + "/s.json"
        let unknown = try OAuthCtlBinary.run(["rotate", "sb/gem", path, "--auto-approve", "--secrets-out", sink])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no client 'sb/gem' in the manifests"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("sb/gen"), "no suggestion: \(unknown.stderr)")
        let noSink = try OAuthCtlBinary.run(["rotate", "sb/gen", path, "--auto-approve"])
        #expect(noSink.status == 1)
        #expect(noSink.stderr.contains("needs --secrets-out"))
        let notYet = try OAuthCtlBinary.run(["rotate", "sb/gen", path, "--auto-approve", "--secrets-out", sink])
        #expect(notYet.status == 1)
        #expect(notYet.stderr.contains("does not exist on the server yet"), "\(notYet.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sink))
        #expect(try await Sandbox.ids(sandbox).isEmpty)
    }

    @Test("rotate with --pgp-key: the new secret reaches disk only encrypted")
    func encrypted() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let pgp = try TestPGP()
        defer { pgp.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(
            dir,
            [
                ManifestText.provider(url: sandbox.baseURL),
                ManifestText.client(name: "gen", spec: [("grant_types", Tricky(.array(["client_credentials"])))]),
            ])
        let sink = dir.path + "/s.json.asc"
        #expect(
            try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink, "--pgp-key", pgp.publicKeyPath]).status == 0)
        let rotate = try OAuthCtlBinary.run([
            "rotate", "sb/gen", path, "--auto-approve", "--secrets-out", sink, "--pgp-key", pgp.publicKeyPath,
        ])
        #expect(rotate.status == 0, "\(rotate.combined)")
        #expect(rotate.stdout.contains("(encrypted)"))
        let secret = try #require(try JSONParser.parse(pgp.decrypt(sink))["sb/gen"]?["client_secret"]?.stringValue)
        #expect(try await Self.valid(sandbox, "gen", secret))
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            let bytes = FileManager.default.contents(atPath: dir.path + "/" + file) ?? Data()
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds the new secret in clear")
        }
    }

    @Test("Glewlwyd (real server): no overlap, said before the prompt; the new secret gets a token, the old one is refused")
    func glewlwyd() async throws {
        let server = try GlewlwydServer()
        defer { server.stop() }
        let dir = try TemporaryDirectory()
        let path = try dir.write(
            "m/all.yaml",
            """
            apiVersion: oauthctl/v1
            kind: Provider
            metadata: {name: g}
            spec:
              type: glewlwyd
              url: \(server.api)
              auth: {api_key: {from_env: GLWD_KEY}}
              managed_by: rotate
            ---
            apiVersion: oauthctl/v1
            kind: OAuth2Client
            metadata: {name: worker}
            spec:
              client_id: worker
              confidential: true
              authorization_type: [client_credentials]
              token_endpoint_auth_method: [client_secret_basic]
              scope: [openid]

            """
        ).replacingOccurrences(of: "/all.yaml", with: "")
        let env = ["GLWD_KEY": server.apiKey]
        let sink = dir.path + "/secrets.json"
        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        let old = try #require(try Self.sinkSecret(sink, "g/worker"))
        let oauth = GlewlwydOAuth(server: server)
        let before = try oauth.clientCredentials("worker", old, scope: "openid")
        #expect(before.status == 200, "\(before.body)")

        let unconfirmed = try OAuthCtlBinary.run(["rotate", "g/worker", path, "--secrets-out", sink], environment: env)
        #expect(unconfirmed.status == 1)
        #expect(
            unconfirmed.stdout.contains("no overlap on glewlwyd: the old client_secret stops working at once"), "\(unconfirmed.combined)")
        #expect(try oauth.clientCredentials("worker", old, scope: "openid").status == 200, "an unconfirmed rotate changed the secret")

        let rotate = try OAuthCtlBinary.run(["rotate", "g/worker", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(rotate.status == 0, "\(rotate.combined)")
        let new = try #require(try Self.sinkSecret(sink, "g/worker"))
        #expect(new != old)
        #expect(!rotate.combined.contains(new))
        let fresh = try oauth.clientCredentials("worker", new, scope: "openid")
        #expect(fresh.status == 200, "\(fresh.body)")
        #expect(fresh.body.contains("\"access_token\""))
        #expect(try oauth.clientCredentials("worker", old, scope: "openid").status != 200, "the old secret still works")
        // The rest of the client is as it was: a plan is a no-op.
        let plan = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: env)
        #expect(plan.status == 0, "\(plan.combined)")
        // --finish has nothing to do here, and says so.
        let finish = try OAuthCtlBinary.run(["rotate", "g/worker", path, "--finish", "--auto-approve"], environment: env)
        #expect(finish.status == 0)
        #expect(finish.stdout.contains("nothing to finish"), "\(finish.combined)")
    }

    @Test("Rightbrain: regenerate (endpoint inferred); the new secret works, the old one does not")
    func rightbrain() async throws {
        let sandbox = try Rightbrain.sandbox()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try Rightbrain.manifests(dir, clients: [Rightbrain.client("svc", "name: svc", "grant_types: [client_credentials]")])
        let sink = dir.path + "/s.json"
        let env = Rightbrain.environment(sandbox)
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink], environment: env).status == 0)
        let before = try #require(try Rightbrain.sink(sink)["rb/svc"])
        let clientID = try #require(before["client_id"]), old = try #require(before["client_secret"])
        let rotate = try OAuthCtlBinary.run(["rotate", "rb/svc", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(rotate.status == 0, "\(rotate.combined)")
        #expect(rotate.stdout.contains("no overlap on rightbrain"), "\(rotate.stdout)")
        let after = try #require(try Rightbrain.sink(sink)["rb/svc"])
        #expect(after["client_id"] == clientID)
        let new = try #require(after["client_secret"])
        #expect(new != old)
        #expect(try await Rightbrain.verify(sandbox, clientID: clientID, secret: new))
        #expect(try await !Rightbrain.verify(sandbox, clientID: clientID, secret: old))
        #expect(try await Rightbrain.requests(sandbox).contains { ($0["path"] as? String ?? "").hasSuffix("/regenerate_secret") })
    }

    @Test("Boruta: a new secret set by an update; the server holds it, the rest of the client is unchanged")
    func boruta() async throws {
        let bench = try BorutaEndToEndTests.Bench()
        defer { bench.sandbox.stop() }
        let path = try bench.write([
            BorutaEndToEndTests.client("svc", id: BorutaEndToEndTests.idA, "  confidential: true\n  secret: {from_env: BILLING_SECRET}")
        ])
        let sink = bench.scratch.path + "/s.json"
        #expect(try bench.run(["apply", path, "--auto-approve"]).status == 0)
        let rotate = try bench.run(["rotate", "bl/svc", path, "--auto-approve", "--secrets-out", sink])
        #expect(rotate.status == 0, "\(rotate.combined)")
        #expect(rotate.stdout.contains("no overlap on boruta"), "\(rotate.stdout)")
        let new = try #require(
            try Self.sinkSecret(sink, "bl/svc")
                ?? (try JSONParser.parse([UInt8](FileManager.default.contents(atPath: sink) ?? Data()))["bl/svc"]?["secret"]?.stringValue))
        let live = try #require(try await bench.live()[BorutaEndToEndTests.idA])
        #expect(live["secret"] as? String == new)
        #expect(new != bench.env["BILLING_SECRET"])
        // With the new secret referenced, nothing else changed: a no-op.
        #expect(try bench.run(["plan", path, "--detailed-exitcode"], env: ["BILLING_SECRET": new]).status == 0)
    }
}
