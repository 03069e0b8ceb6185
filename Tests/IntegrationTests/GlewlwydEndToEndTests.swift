import Foundation
import OAuthCtlTestSupport
import Testing

/// The real server: apply `examples/glewlwyd`, get tokens, rotate a secret, prune.
///
/// A throw-away Glewlwyd per test proves that the clients work by getting tokens with them. Fails (never skips) when Glewlwyd isn't installed.
@Suite("Glewlwyd end to end", .serialized)
struct GlewlwydEndToEndTests {
    static let canary = "OAUTHCTL-SENTINEL-7f3a9c2e41"
    static let examples = OAuthCtlBinary.repositoryRoot.appendingPathComponent("examples/glewlwyd")

    func environment(_ server: GlewlwydServer, reportsSecret: String = canary + "-reports") -> [String: String] {
        [
            "OAUTHCTL_VAR_GLEWLWYD_API_URL": server.api, "GLEWLWYD_API_KEY": server.apiKey, "REPORTS_WORKER_SECRET": reportsSecret,
            "PORTAL_PASSWORD": Self.canary + "-portal",
        ]
    }

    /// A copy of the examples in `scratch`, so a test can edit them.
    func copyExamples(_ scratch: TemporaryDirectory) throws -> String {
        let target = scratch.url.appendingPathComponent("manifests")
        try FileManager.default.copyItem(at: Self.examples, to: target)
        return target.path
    }

    @Test("apply the examples, get tokens, rotate a secret, plan is a no-op, prune deletes only marked clients")
    func fullCycle() async throws {
        let server = try GlewlwydServer()
        defer { server.stop() }
        let oauth = GlewlwydOAuth(server: server)
        let scratch = try TemporaryDirectory()
        let manifests = try copyExamples(scratch)
        let sink = scratch.url.appendingPathComponent("secrets.env").path
        var outputs: [String] = []
        func run(_ arguments: [String], _ env: [String: String]) throws -> OAuthCtlBinary.Result {
            let result = try OAuthCtlBinary.run(arguments, environment: env)
            outputs.append(result.combined)
            return result
        }
        var env = environment(server)

        // Someone's hand-made client: never touched, even by --prune.
        #expect(
            try await oauth.createByHand(
                #"{"client_id":"hand-made","name":"by hand","confidential":true,"client_secret":"hand-secret","token_endpoint_auth_method":["client_secret_basic"],"authorization_type":["client_credentials"],"scope":["x"]}"#
            ) == 200)

        let plan = try run(["plan", manifests, "--detailed-exitcode"], env)
        #expect(plan.status == 2, "\(plan.combined)")
        let apply = try run(["apply", manifests, "--auto-approve", "--secrets-out", sink], env)
        #expect(apply.status == 0, "\(apply.combined)")
        #expect(apply.stdout.contains("Apply: 4 succeeded, 0 failed, 0 not attempted."), "\(apply.stdout)")

        // Every client exists with the right fields.
        #expect(try await oauth.clientIDs() == ["employee-portal", "hand-made", "inventory-sync", "reports-worker", "storefront-spa"])
        let reports = try #require(try await oauth.client("reports-worker"))
        #expect(reports["name"] as? String == "Nightly reports")
        #expect(reports["confidential"] as? Bool == true)
        #expect(Set(reports["scope"] as? [String] ?? []) == ["reports.read", "reports.export"])
        #expect(Set(reports["token_endpoint_auth_method"] as? [String] ?? []) == ["client_secret_basic", "client_secret_post"])
        #expect(reports["authorization_type"] as? [String] == ["client_credentials"])
        let marker = try JSONSerialization.jsonObject(with: Data((reports["oauthctl"] as? String ?? "").utf8)) as? [String: Any]
        #expect(marker?["managed_by"] as? String == "examples")
        #expect(marker?["address"] as? String == "glewlwyd-local/reports-worker")
        let spa = try #require(try await oauth.client("storefront-spa"))
        #expect(spa["redirect_uri"] as? [String] == ["http://127.0.0.1:9999/callback", "https://shop.example.com/callback"])
        #expect(spa["confidential"] as? Bool == false)
        #expect(spa["client_secret"] == nil)
        let portal = try #require(try await oauth.client("employee-portal"))
        #expect(portal["password"] == nil)
        #expect(portal["backchannel_logout_session_required"] as? String == "true")
        #expect(portal["post_logout_redirect_uri"] as? String == "https://portal.example.com/")

        // client_credentials with the secret oauthctl set, and with the one it generated (from the sink).
        let token = try oauth.clientCredentials("reports-worker", Self.canary + "-reports", scope: "reports.read")
        #expect(token.status == 200, "\(token.body)")
        #expect(token.body.contains("\"access_token\""))
        let sinkText = try String(contentsOfFile: sink, encoding: .utf8)
        let generated = try #require(
            sinkText.split(separator: "\n").first { $0.hasPrefix("GLEWLWYD_LOCAL_INVENTORY_SYNC_CLIENT_SECRET=") }?.split(
                separator: "=", maxSplits: 1
            ).last.map(String.init))
        #expect(generated.count == 32)
        let inventory = try oauth.clientCredentials("inventory-sync", generated, scope: "inventory.write", basic: false)
        #expect(inventory.status == 200, "\(inventory.body)")

        // Authorization code + PKCE for the public client, headless.
        let code = try oauth.authorizationCodeWithPKCE(clientID: "storefront-spa", redirectURI: "http://127.0.0.1:9999/callback")
        #expect(code.status == 200, "\(code.body)")
        #expect(code.body.contains("\"id_token\""))

        // Apply, then plan: no changes.
        let again = try run(["plan", manifests, "--detailed-exitcode"], env)
        #expect(again.status == 0, "\(again.combined)")
        #expect(again.stdout.contains("No changes"))

        // Rotate the secret reference: one update of client_secret only; the old secret is refused.
        env = environment(server, reportsSecret: Self.canary + "-rotated")
        let rotatePlan = try run(["plan", manifests, "--format", "json", "--detailed-exitcode"], env)
        #expect(rotatePlan.status == 2, "\(rotatePlan.combined)")
        let document = try JSONSerialization.jsonObject(with: Data(rotatePlan.stdout.utf8)) as? [String: Any]
        let updates = (document?["actions"] as? [[String: Any]] ?? []).filter { $0["action"] as? String == "update" }
        #expect(updates.compactMap { $0["address"] as? String } == ["glewlwyd-local/reports-worker"])
        #expect(((updates.first?["changes"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String } == ["client_secret"])
        let rotate = try run(["apply", manifests, "--auto-approve"], env)
        #expect(rotate.status == 0, "\(rotate.combined)")
        #expect(try oauth.clientCredentials("reports-worker", Self.canary + "-reports", scope: "reports.read").status == 403)
        #expect(try oauth.clientCredentials("reports-worker", Self.canary + "-rotated", scope: "reports.read").status == 200)
        // The update kept the generated secret of a client it didn't touch, and the hand-made one's.
        #expect(try oauth.clientCredentials("inventory-sync", generated, scope: "inventory.write", basic: false).status == 200)
        let settled = try run(["plan", manifests, "--detailed-exitcode"], env)
        #expect(settled.status == 0, "\(settled.combined)")

        // Remove a client from the manifests: --prune deletes it, and only it.
        let services = URL(fileURLWithPath: manifests).appendingPathComponent("services.yaml")
        let documents = try String(contentsOf: services, encoding: .utf8).components(separatedBy: "\n---\n")
        try documents.filter { !$0.contains("name: inventory-sync") }.joined(separator: "\n---\n").write(
            to: services, atomically: true, encoding: .utf8)
        let prunePlan = try run(["plan", manifests, "--prune", "--detailed-exitcode"], env)
        #expect(prunePlan.status == 2, "\(prunePlan.combined)")
        #expect(prunePlan.stdout.contains("glewlwyd-local/inventory-sync will be destroyed"), "\(prunePlan.stdout)")
        let prune = try run(["apply", manifests, "--prune", "--auto-approve"], env)
        #expect(prune.status == 0, "\(prune.combined)")
        #expect(try await oauth.clientIDs() == ["employee-portal", "hand-made", "reports-worker", "storefront-spa"])
        #expect(try oauth.clientCredentials("hand-made", "hand-secret", scope: "x").status == 200)
        let final = try run(["plan", manifests, "--prune", "--detailed-exitcode"], env)
        #expect(final.status == 0, "\(final.combined)")

        // Export: live clients as manifests, secrets as references only.
        let exportDir = scratch.url.appendingPathComponent("export").path
        let export = try run(["export", manifests, "--provider", "glewlwyd-local"], env)
        #expect(export.status == 0, "\(export.combined)")
        // The live secret stays unmanaged: the reference is offered as a comment, never written as a field.
        #expect(
            export.stdout.contains("\n  # client_secret: {from_env: GLEWLWYD_LOCAL_REPORTS_WORKER_CLIENT_SECRET}\n"),
            "\(export.stdout)")
        #expect(!export.stdout.contains("\n  client_secret:"), "\(export.stdout)")
        let exportFiles = try run(["export", manifests, "--provider", "glewlwyd-local", "--out", exportDir], env)
        #expect(exportFiles.status == 0, "\(exportFiles.combined)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: exportDir)
        #expect(files.contains("glewlwyd-local/reports-worker.yaml"))
        for file in files where file.hasSuffix(".yaml") || file.hasSuffix(".md") {
            outputs.append(try String(contentsOfFile: exportDir + "/" + file, encoding: .utf8))
        }

        // Glewlwyd returns client_secret in clear on every read: none of it may reach our output.
        for output in outputs {
            #expect(!output.contains(Self.canary))
            #expect(!output.contains(generated))
            #expect(!output.contains("hand-secret"))
        }
    }
}

/// The edges of the real server: no marker property, case-insensitive ids, and secrets in every output path.
@Suite("Glewlwyd edges", .serialized)
struct GlewlwydEdgeTests {
    static let canary = GlewlwydEndToEndTests.canary

    func manifests(_ scratch: TemporaryDirectory, _ server: GlewlwydServer, clientID: String = "svc-one") throws -> String {
        try scratch.write(
            "m/all.yaml",
            """
            apiVersion: oauthctl/v1
            kind: Provider
            metadata: {name: g}
            spec:
              type: glewlwyd
              url: \(server.api)
              auth: {api_key: {from_env: GLWD_KEY}}
              managed_by: edges
            ---
            apiVersion: oauthctl/v1
            kind: OAuth2Client
            metadata: {name: svc-one}
            spec:
              client_id: \(clientID)
              confidential: true
              client_secret: {from_env: SVC_SECRET}
              authorization_type: [client_credentials]
              token_endpoint_auth_method: [client_secret_basic]
              scope: [a, b]

            """)
        return scratch.url.appendingPathComponent("m").path
    }

    @Test("without the marker property in the data-format, --prune says so and deletes nothing; apply then plan is a no-op")
    func noMarkerProperty() async throws {
        let server = try GlewlwydServer(markerProperty: nil)
        defer { server.stop() }
        let scratch = try TemporaryDirectory()
        let path = try manifests(scratch, server)
        let env = ["GLWD_KEY": server.apiKey, "SVC_SECRET": Self.canary + "-svc"]
        #expect(try await GlewlwydOAuth(server: server).createByHand(#"{"client_id":"stranger"}"#) == 200)
        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--prune"], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        #expect(
            apply.combined.contains(
                "--prune deletes nothing on provider 'g' (glewlwyd): client module 'database' has no readable, writable, single-valued 'oauthctl' property"
            ), "\(apply.combined)")
        let plan = try OAuthCtlBinary.run(["plan", path, "--prune", "--detailed-exitcode"], environment: env)
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(try await GlewlwydOAuth(server: server).clientIDs() == ["stranger", "svc-one"])
        #expect(try GlewlwydOAuth(server: server).clientCredentials("svc-one", Self.canary + "-svc", scope: "a").status == 200)
        #expect(!(apply.combined + plan.combined).contains(Self.canary))
    }

    @Test("a client id in another case matches the live client: no create, no change")
    func caseInsensitiveIDs() async throws {
        let server = try GlewlwydServer()
        defer { server.stop() }
        let scratch = try TemporaryDirectory()
        let env = ["GLWD_KEY": server.apiKey, "SVC_SECRET": Self.canary + "-svc"]
        let apply = try OAuthCtlBinary.run(
            ["apply", try manifests(scratch, server, clientID: "Svc-One"), "--auto-approve"], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        let plan = try OAuthCtlBinary.run(
            ["plan", try manifests(scratch, server, clientID: "svc-ONE"), "--detailed-exitcode"], environment: env)
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(plan.stdout.contains("client_id 'svc-ONE' is the live client 'Svc-One'"), "\(plan.stdout)")
        #expect(try await GlewlwydOAuth(server: server).clientIDs() == ["Svc-One"])
    }

    @Test("secrets read back in clear never reach plans, JSON, saved plans, dry runs or errors")
    func noSecretInOutput() async throws {
        let server = try GlewlwydServer()
        defer { server.stop() }
        let scratch = try TemporaryDirectory()
        let path = try manifests(scratch, server)
        var env = ["GLWD_KEY": server.apiKey, "SVC_SECRET": Self.canary + "-first"]
        var outputs: [String] = []
        // Each run must do its work (its exit status, and its output names the client): an output that is only
        // an early error would pass the secret check without ever having held a secret.
        func run(_ arguments: [String], status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try OAuthCtlBinary.run(arguments, environment: env)
            #expect(result.status == status, "\(arguments): \(result.combined)", sourceLocation: sourceLocation)
            #expect(result.combined.contains("svc-one"), "\(arguments): \(result.combined)", sourceLocation: sourceLocation)
            outputs.append(result.combined)
        }
        try run(["apply", path, "--auto-approve"])
        env["SVC_SECRET"] = Self.canary + "-second"
        let saved = scratch.url.appendingPathComponent("plan.json").path
        try run(["plan", path])
        try run(["plan", path, "--format", "json"])
        try run(["plan", path, "--format", "markdown"])
        try run(["plan", path, "--out", saved])
        try run(["apply", path, "--auto-approve", "--dry-run"])
        try run(["drift", path], status: 2)
        try run(["export", path, "--provider", "g"])
        // An API failure: the server refuses a create (a 129-character id), with the secret in the body.
        try scratch.write(
            "m/bad.yaml",
            """
            apiVersion: oauthctl/v1
            kind: OAuth2Client
            metadata: {name: too-long, provider: g}
            spec:
              client_id: \(String(repeating: "x", count: 129))
              confidential: true
              client_secret: {from_env: SVC_SECRET}
              token_endpoint_auth_method: [client_secret_basic]

            """)
        let failing = try OAuthCtlBinary.run(["apply", path, "--auto-approve"], environment: env)
        #expect(failing.status == 1)
        #expect(failing.combined.contains("400"), "\(failing.combined)")
        outputs.append(failing.combined)
        env["GLWD_KEY"] = "wrong-key"
        let unauthorized = try OAuthCtlBinary.run(["plan", path], environment: env)
        #expect(unauthorized.status == 1)
        #expect(unauthorized.combined.contains("401"), "\(unauthorized.combined)")
        let savedPlan = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(savedPlan.contains("svc-one"), "\(savedPlan)")
        outputs.append(unauthorized.combined + savedPlan)
        for output in outputs {
            #expect(!output.contains(Self.canary), "\(output)")
            #expect(!output.contains(server.apiKey))
        }
    }
}
