import Foundation
import OAuthCtlTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The `boruta` provider through the built binary against `oauthctl sandbox --type boruta`.
@Suite("Boruta end to end", .serialized)
struct BorutaEndToEndTests {
    static let canary = "OAUTHCTL-SENTINEL-b0ruta-5e1f"
    static let adminUI = "6a2f41a3-c54c-fce8-32d2-0324e1c32e20"
    static let ciClient = "5ab0c11e-0000-4000-8000-000000000001"
    static let idp = "9bd7c9a5-53f5-4c1d-8f1a-3e0b5a1e7c01"
    static let idA = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"
    static let idB = "1e2f3a4b-5c6d-4e7f-9081-92a3b4c5d6e7"

    /// A running sandbox, a scratch folder and the environment the manifests read.
    struct Bench {
        let sandbox: SandboxProcess
        let scratch: TemporaryDirectory
        var env: [String: String]

        init() throws {
            sandbox = try SandboxProcess(type: "boruta")
            scratch = try TemporaryDirectory()
            env = [
                "OAUTHCTL_VAR_BORUTA_ADMIN_URL": sandbox.baseURL, "BORUTA_ADMIN_CLIENT_SECRET": "sandbox-admin-secret",
                "BILLING_SECRET": canary + "-billing",
            ]
        }

        /// Writes the provider and `clients` to `manifests/all.yaml`; returns the folder.
        func write(_ clients: [String]) throws -> String {
            let provider = """
                apiVersion: oauthctl/v1
                kind: Provider
                metadata: {name: bl}
                spec:
                  type: boruta
                  url: \(sandbox.baseURL)
                  auth:
                    client_credentials:
                      client_id: \(BorutaEndToEndTests.ciClient)
                      client_secret: {from_env: BORUTA_ADMIN_CLIENT_SECRET}
                """
            try scratch.write("manifests/all.yaml", ([provider] + clients).joined(separator: "\n---\n") + "\n")
            return scratch.url.appendingPathComponent("manifests").path
        }

        func run(_ arguments: [String], env extra: [String: String] = [:]) throws -> OAuthCtlBinary.Result {
            try OAuthCtlBinary.run(arguments, environment: env.merging(extra) { _, new in new })
        }

        /// An admin token from the sandbox's token endpoint.
        func token() async throws -> String {
            let basic = Data("\(BorutaEndToEndTests.ciClient):sandbox-admin-secret".utf8).base64EncodedString()
            guard let url = URL(string: sandbox.baseURL + "/oauth/token") else { return "" }
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.setValue("Basic \(basic)", forHTTPHeaderField: "Authorization")
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data("grant_type=client_credentials&scope=clients:manage:all".utf8)
            request.setValue("close", forHTTPHeaderField: "Connection")  // As LoopbackHTTP: no stale keep-alive.
            let (data, _) = try await URLSession.shared.data(for: request)
            return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["access_token"] as? String ?? ""
        }

        /// Live clients by id, straight from the sandbox.
        func live() async throws -> [String: [String: Any]] {
            let token = try await token()
            let (_, body) = try await LoopbackHTTP.send(
                "GET", sandbox.baseURL + "/api/clients", headers: ["Authorization": "Bearer \(token)"])
            let items = ((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["data"] as? [[String: Any]]) ?? []
            return Dictionary(items.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        }

        /// An out-of-band change, as someone in the admin UI would make it.
        func patch(_ id: String, _ json: String) async throws -> Int {
            let token = try await token()
            return try await LoopbackHTTP.send(
                "PATCH", sandbox.baseURL + "/api/clients/\(id)", json: json, headers: ["Authorization": "Bearer \(token)"]
            ).status
        }
    }

    static func client(_ name: String, id: String, _ extra: String = "") -> String {
        """
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata: {name: \(name)}
        spec:
          id: \(id)
          name: \(name)
          identity_provider:
            id: \(idp)
        \(extra)
        """
    }

    /// Every writable field set away from its default.
    static let everyField = """
          confidential: true
          secret: {from_env: BILLING_SECRET}
          redirect_uris: ['https://b.example.com/cb', 'https://a.example.com/cb', 'myapp://callback']
          supported_grant_types: [refresh_token, authorization_code, client_credentials, revoke, introspect]
          authorized_scopes: [openid, email, profile]
          authorize_scope: true
          access_token_ttl: 7200
          authorization_code_ttl: 120
          authorization_request_ttl: 60
          refresh_token_ttl: 86400
          id_token_ttl: 3600
          pkce: true
          public_refresh_token: true
          public_revoke: true
          enforce_dpop: true
          enforce_tx_code: true
          check_public_client_id: true
          public_client_id: https://issuer.example.com
          trusted_authorities: https://authority.example.com
          trusted_hosts: [b.example.com, a.example.com]
          token_endpoint_auth_methods: [private_key_jwt, client_secret_post]
          token_endpoint_jwt_auth_alg: RS256
          id_token_signature_alg: RS256
          userinfo_signed_response_alg: HS256
          jwt_public_key: "-----BEGIN PUBLIC KEY-----\\nMFkw\\n-----END PUBLIC KEY-----\\n"
          response_mode: post
          signatures_adapter: Elixir.Boruta.Internal.Signatures
          key_pair_type: {type: rsa, modulus_size: 4096, exponent_size: 65537}
          logo_uri: https://a.example.com/logo.png
          metadata: {team: billing}
          agent_token_ttl: 600
        """

    @Test("the examples apply with one command, then plan is a no-op; system clients are never planned; no secret anywhere")
    func examples() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        let examples = OAuthCtlBinary.repositoryRoot.appendingPathComponent("examples/boruta").path
        let sink = bench.scratch.url.appendingPathComponent("secrets.json").path
        let plan = try bench.run(["plan", examples, "--detailed-exitcode", "--format", "json"])
        #expect(plan.status == 2, "\(plan.combined)")
        let apply = try bench.run(["apply", examples, "--auto-approve", "--secrets-out", sink])
        #expect(apply.status == 0, "\(apply.combined)")
        let again = try bench.run(["plan", examples, "--detailed-exitcode"])
        #expect(again.status == 0, "\(again.combined)")
        let drift = try bench.run(["drift", examples])
        #expect(drift.status == 0, "\(drift.combined)")
        #expect(try String(contentsOfFile: sink, encoding: .utf8).contains("boruta-local/reports-worker"))
        let live = try await bench.live()
        #expect(live[Self.adminUI] != nil && live[Self.ciClient] != nil)
        for output in [plan.combined, apply.combined, again.combined, drift.combined] {
            #expect(!output.contains(Self.canary))
            #expect(!output.contains(Self.adminUI) && !output.contains(Self.ciClient) && !output.contains("public client"))
            for (_, client) in live { if let secret = client["secret"] as? String { #expect(!output.contains(secret)) } }
        }
    }

    @Test("apply then plan is a no-op with every field set; a rotated secret plans one sensitive update")
    func everyFieldNoOp() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        let path = try bench.write([Self.client("rich", id: Self.idA, Self.everyField)])
        let apply = try bench.run(["apply", path, "--auto-approve"])
        #expect(apply.status == 0, "\(apply.combined)")
        let plan = try bench.run(["plan", path, "--detailed-exitcode", "--format", "json"])
        #expect(plan.status == 0, "\(plan.combined)")
        let rich = try #require(try await bench.live()[Self.idA])
        #expect(rich["secret"] as? String == Self.canary + "-billing")
        #expect((rich["authorized_scopes"] as? [[String: Any]])?.count == 3)
        let rotated = try bench.run(
            ["plan", path, "--detailed-exitcode", "--format", "json"], env: ["BILLING_SECRET": Self.canary + "-rotated"])
        #expect(rotated.status == 2)
        let document = try JSONSerialization.jsonObject(with: Data(rotated.stdout.utf8)) as? [String: Any]
        let changes = ((document?["actions"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]]) ?? []
        #expect(changes.compactMap { $0["path"] as? String } == ["secret"])
        for output in [apply.combined, plan.combined, rotated.combined] { #expect(!output.contains(Self.canary)) }
    }

    @Test("update: drift detects an out-of-band change; apply resets it and keeps the authorized scopes")
    func updateAndDrift() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        let path = try bench.write([
            Self.client("web", id: Self.idA, "  authorize_scope: true\n  authorized_scopes: [openid]\n  pkce: true")
        ])
        #expect(
            try bench.run(["apply", path, "--auto-approve", "--secrets-out", bench.scratch.url.appendingPathComponent("s.env").path]).status
                == 0)
        #expect(try await bench.patch(Self.idA, #"{"client":{"pkce":false,"authorized_scopes":[{"name":"openid"}]}}"#) == 200)
        let drift = try bench.run(["drift", path])
        #expect(drift.status == 2, "\(drift.combined)")
        #expect(drift.stdout.contains("pkce"))
        let apply = try bench.run(["apply", path, "--auto-approve"])
        #expect(apply.status == 0 && apply.stdout.contains("bl/web updated"), "\(apply.combined)")
        let web = try #require(try await bench.live()[Self.idA])
        #expect(web["pkce"] as? Bool == true)
        #expect(((web["authorized_scopes"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String } == ["openid"])
        #expect(try bench.run(["plan", path, "--detailed-exitcode"]).status == 0)
    }

    @Test("raising access_token_ttl above 300 by update fails with a message that names the Boruta bug")
    func accessTTLBugHint() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        let path = try bench.write([Self.client("w", id: Self.idA, "  access_token_ttl: 300")])
        #expect(
            try bench.run(["apply", path, "--auto-approve", "--secrets-out", bench.scratch.url.appendingPathComponent("s.env").path]).status
                == 0)
        let raised = try bench.write([Self.client("w", id: Self.idA, "  access_token_ttl: 3600")])
        let apply = try bench.run(["apply", raised, "--auto-approve"])
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("422"))
        #expect(apply.stderr.contains("known Boruta bug"), "\(apply.combined)")
    }

    @Test("delete by tombstone, then no-op once gone; --prune says it deletes nothing")
    func tombstoneAndPrune() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        let sink = bench.scratch.url.appendingPathComponent("s.env").path
        let path = try bench.write([Self.client("a", id: Self.idA), Self.client("b", id: Self.idB)])
        #expect(try bench.run(["apply", path, "--auto-approve", "--secrets-out", sink]).status == 0)
        // b leaves the manifests: --prune can't tell it is ours, so it stays.
        let onlyA = try bench.write([Self.client("a", id: Self.idA)])
        let prune = try bench.run(["apply", onlyA, "--auto-approve", "--prune"])
        #expect(prune.status == 0, "\(prune.combined)")
        #expect(prune.stdout.contains("--prune deletes nothing"))
        #expect(try await bench.live()[Self.idB] != nil)
        let tombstone = """
            apiVersion: oauthctl/v1
            kind: OAuth2Client
            metadata: {name: b, state: absent}
            spec: {id: \(Self.idB)}
            """
        let path2 = try bench.write([Self.client("a", id: Self.idA), tombstone])
        let plan = try bench.run(["plan", path2, "--detailed-exitcode"])
        #expect(plan.status == 2 && plan.stdout.contains("1 to delete"), "\(plan.combined)")
        #expect(try bench.run(["apply", path2, "--auto-approve"]).status == 0)
        #expect(try await bench.live()[Self.idB] == nil)
        #expect(try bench.run(["plan", path2, "--detailed-exitcode"]).status == 0)
    }

    @Test("changing id replaces the client only with --allow-replace")
    func replaceOnIDChange() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        let sink = bench.scratch.url.appendingPathComponent("s.env").path
        #expect(
            try bench.run(["apply", try bench.write([Self.client("app", id: Self.idA)]), "--auto-approve", "--secrets-out", sink]).status
                == 0)
        let moved = try bench.write([Self.client("app", id: Self.idB)])
        let refused = try bench.run(["plan", moved])
        #expect(refused.status == 1 && refused.stderr.contains("--allow-replace"), "\(refused.combined)")
        let plan = try bench.run(["plan", moved, "--allow-replace", "--detailed-exitcode"])
        #expect(plan.status == 2 && plan.stdout.contains("1 to replace"), "\(plan.combined)")
        #expect(try bench.run(["apply", moved, "--allow-replace", "--auto-approve", "--secrets-out", sink]).status == 0)
        let live = try await bench.live()
        #expect(live[Self.idA] == nil && live[Self.idB] != nil)
        #expect(try bench.run(["plan", moved, "--detailed-exitcode"]).status == 0)
    }

    @Test("a manifest without an id, or with an unknown scope name, is refused before anything is written")
    func refusals() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        let noID = """
            apiVersion: oauthctl/v1
            kind: OAuth2Client
            metadata: {name: x}
            spec:
              identity_provider: {id: \(Self.idp)}
            """
        let validate = try bench.run(["validate", try bench.write([noID])])
        #expect(validate.status == 1 && validate.stderr.contains("must set spec.id"), "\(validate.combined)")
        let unknownScope = try bench.write([Self.client("s", id: Self.idA, "  authorized_scopes: [no-such-scope]")])
        let apply = try bench.run([
            "apply", unknownScope, "--auto-approve", "--secrets-out", bench.scratch.url.appendingPathComponent("s.env").path,
        ])
        #expect(apply.status == 1 && apply.stderr.contains("no scope named 'no-such-scope'"), "\(apply.combined)")
        #expect(try await bench.live()[Self.idA] == nil)
    }
}
