import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// Every command and failure path with canary secrets: no canary byte may reach stdout, stderr or
/// any file written, except the `--secrets-out` sink; a server-generated secret appears only there.
@Suite("secret canaries", .serialized)
struct SecretCanaryTests {
    static let clientSecret = "CANARY-7f3a-client-secret-91b2"
    static let rotatedSecret = "CANARY-7f3a-rotated-secret-c4d5"
    static let bearer = "CANARY-7f3a-bearer-token-e6f7"
    static let apiKey = "ory_apikey_CANARY-7f3a-api-key-0a1b"
    static var canaries: [String] { [clientSecret, rotatedSecret, bearer, apiKey] }

    /// Collects every output, then scans them and the directory for the given values.
    final class Outputs {
        var runs: [(label: String, result: OAuthCtlBinary.Result)] = []

        func run(_ label: String, _ arguments: [String], _ environment: [String: String]) throws -> OAuthCtlBinary.Result {
            let result = try OAuthCtlBinary.run(arguments, environment: environment)
            runs.append((label, result))
            return result
        }

        /// Labels of outputs or files (relative to `directory`, `sink` excluded) that contain any of `values`.
        func leaks(of values: [String], directory: TemporaryDirectory, except sink: String) throws -> [String] {
            var found: [String] = []
            for (label, result) in runs {
                for value in values where result.combined.contains(value) { found.append("\(label): \(value)") }
            }
            let root = directory.url.resolvingSymlinksInPath().path
            let files = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
            for file in files {
                let full = root + "/" + file
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                    full != URL(fileURLWithPath: sink).resolvingSymlinksInPath().path
                else { continue }
                let bytes = FileManager.default.contents(atPath: full) ?? Data()
                for value in values where bytes.range(of: Data(value.utf8)) != nil { found.append("file \(file): \(value)") }
            }
            return found
        }
    }

    @Test("no canary in any output or written file across every command and failure path; the generated secret is only in the sink")
    func canariesNeverLeak() async throws {
        let hydra = try SandboxProcess(extra: ["--token", Self.bearer])
        defer { hydra.stop() }
        let ory = try SandboxProcess(type: "ory-network", extra: ["--token", "ory_apikey_the-right-one", "--writes-per-minute", "600"])
        defer { ory.stop() }
        let dir = try TemporaryDirectory()
        let sink = dir.url.appendingPathComponent("out/secrets.json").path
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("out"), withIntermediateDirectories: true)
        let outputs = Outputs()

        let provider = ManifestText.provider(url: hydra.baseURL, auth: "bearer_token: {from_env: HYDRA_TOKEN}")
        let withSecret = ManifestText.client(
            name: "with-secret",
            spec: [
                ("grant_types", Tricky(.array(["client_credentials"]))), ("client_secret", .reference(env: "CLIENT_SECRET")),
            ])
        let generated = ManifestText.client(name: "generated", spec: [("grant_types", Tricky(.array(["client_credentials"])))])
        let open = ManifestText.client(name: "public", spec: [("token_endpoint_auth_method", Tricky(.string("none")))])
        let path = try ManifestText.write(dir, [provider, withSecret, generated, open])
        let env = ["HYDRA_TOKEN": Self.bearer, "CLIENT_SECRET": Self.clientSecret]

        #expect(try outputs.run("validate", ["validate", path], env).status == 0)
        #expect(try outputs.run("schema", ["schema", "--type", "hydra"], env).status == 0)
        for format in ["text", "json", "markdown"] {
            #expect(try outputs.run("plan \(format)", ["plan", path, "--format", format], env).status == 0)
        }
        let planFile = dir.url.appendingPathComponent("out/plan.json").path
        #expect(try outputs.run("plan --out", ["plan", path, "--out", planFile], env).status == 0)
        #expect(FileManager.default.fileExists(atPath: planFile))
        let dry = try outputs.run("apply --dry-run", ["apply", path, "--dry-run", "--secrets-out", sink], env)
        #expect(dry.status == 0, "\(dry.combined)")
        #expect(dry.stdout.contains("would send: POST /admin/clients"))
        #expect(!FileManager.default.fileExists(atPath: sink), "a dry run wrote the sink")

        // Unset secret variable: refused before anything is sent, naming the variable, not a value.
        let unset = try outputs.run(
            "apply, secret env unset", ["apply", path, "--auto-approve", "--secrets-out", sink], ["HYDRA_TOKEN": Self.bearer])
        #expect(unset.status == 1)
        #expect(unset.stderr.contains("CLIENT_SECRET"), "\(unset.stderr)")
        #expect(try await Sandbox.ids(hydra, token: Self.bearer).isEmpty)

        let apply = try outputs.run("apply", ["apply", path, "--auto-approve", "--secrets-out", sink], env)
        #expect(apply.status == 0, "\(apply.combined)")
        #expect(try await Sandbox.ids(hydra, token: Self.bearer) == ["with-secret", "generated", "public"])
        #expect(try outputs.run("plan after apply", ["plan", path, "--detailed-exitcode"], env).status == 0)

        // The generated secret: read it back from the sink, then it must be nowhere else.
        let sinkJSON = try JSONParser.parse([UInt8](FileManager.default.contents(atPath: sink) ?? Data()))
        let generatedSecret = try #require(sinkJSON["sb/generated"]?["client_secret"]?.stringValue)
        #expect(generatedSecret.count >= 20)
        #expect(sinkJSON["sb/with-secret"] == nil, "a secret the manifest supplied was written to the sink")

        // An encrypted run (--pgp-key): its generated secret is decrypted in memory, then scanned for too.
        let pgp = try TestPGP()
        defer { pgp.stop() }
        let sealedSink = dir.url.appendingPathComponent("out/sealed.json.asc").path
        let sealedPath = try ManifestText.write(
            dir,
            [
                provider, withSecret, generated, open,
                ManifestText.client(
                    name: "sealed",
                    spec: [
                        ("grant_types", Tricky(.array(["client_credentials"])))
                    ]),
            ], file: "sealed/all.yaml")
        let sealedApply = try outputs.run(
            "apply --pgp-key", ["apply", sealedPath, "--auto-approve", "--secrets-out", sealedSink, "--pgp-key", pgp.publicKeyPath], env)
        #expect(sealedApply.status == 0, "\(sealedApply.combined)")
        let sealedSecret = try #require(try JSONParser.parse(pgp.decrypt(sealedSink))["sb/sealed"]?["client_secret"]?.stringValue)
        #expect(sealedSecret.count >= 20)

        // Drift in every format, after an out-of-band change.
        try await Sandbox.patch(hydra, id: "public", #"[{"op":"replace","path":"/client_name","value":"drifted"}]"#, token: Self.bearer)
        for format in ["text", "json", "markdown"] {
            #expect(try outputs.run("drift \(format)", ["drift", path, "--format", format], env).status == 2)
        }

        // A rotated secret plans as an update and is written with PUT.
        let rotated = env.merging(["CLIENT_SECRET": Self.rotatedSecret]) { _, new in new }
        let rotatedPlan = try outputs.run("plan rotated", ["plan", path, "--format", "json"], rotated)
        #expect(try PlanJSON(rotatedPlan.stdout).changes(of: "update")["sb/with-secret"] == ["client_secret"])
        #expect(try outputs.run("dry-run rotated", ["apply", path, "--dry-run"], rotated).status == 0)

        // A failing apply whose server error echoes the secret that was sent.
        try await Sandbox.addFaults(
            hydra,
            #"[{"method":"PUT","status":400,"times":-1,"body":"{\"error\":\"invalid_client_metadata\",\"error_description\":\"rejected client_secret \#(Self.rotatedSecret) for this client\"}"}]"#
        )
        // Issue 12's paths: a stale saved plan, a tampered one, an unwritable sink.
        #expect(try outputs.run("apply --plan stale", ["apply", "--plan", planFile, path, "--secrets-out", sink], rotated).status == 3)
        let tamperedFile = dir.url.appendingPathComponent("out/tampered.json").path
        let planText = try String(contentsOfFile: planFile, encoding: .utf8)
        try planText.replacingOccurrences(of: "client_credentials", with: "implicit").write(
            toFile: tamperedFile, atomically: true, encoding: .utf8)
        #expect(try outputs.run("apply --plan tampered", ["apply", "--plan", tamperedFile, path], rotated).status == 3)
        let nowhere = dir.url.appendingPathComponent("nodir/s.env").path
        #expect(try outputs.run("sink refused", ["apply", path, "--auto-approve", "--secrets-out", nowhere], rotated).status == 1)
        let failing = try outputs.run(
            "failing apply", ["apply", path, "--auto-approve", "--secrets-out", sink, "--parallelism", "1"], rotated)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("PUT /admin/clients/with-secret: 400"), "\(failing.stderr)")
        #expect(failing.stderr.contains("PUT /admin/clients/public: 400"), "\(failing.stderr)")
        #expect(
            failing.stderr.components(separatedBy: "rejected client_secret (sensitive)").count == 3,
            "the echoed secret was not replaced: \(failing.stderr)")
        try await Sandbox.clearFaults(hydra)
        #expect(try outputs.run("apply rotated", ["apply", path, "--auto-approve", "--secrets-out", sink], rotated).status == 0)

        // A create whose answer a gateway lost after the server acted, then the plans that name it; and an
        // interrupted apply of clients with generated secrets.
        let late = ManifestText.client(name: "late", spec: [("grant_types", Tricky(.array(["client_credentials"])))])
        let latePath = try ManifestText.write(dir, [provider, late], file: "late/all.yaml")
        try await Sandbox.addFaults(hydra, #"[{"method":"POST","status":504,"after_commit":true}]"#)
        let lost = try outputs.run("lost secret", ["apply", latePath, "--auto-approve", "--secrets-out", sink], env)
        #expect(lost.stderr.contains("sb/late secret lost"), "\(lost.combined)")
        for format in ["text", "json", "markdown"] {
            #expect(try outputs.run("plan lost \(format)", ["plan", latePath, "--format", format], env).stdout.contains("may be lost"))
        }
        let many = (0..<6).map { ManifestText.client(name: "many-\($0)", spec: [("grant_types", Tricky(.array(["client_credentials"])))]) }
        let manyPath = try ManifestText.write(dir, [provider] + many, file: "many/all.yaml")
        try await Sandbox.addFaults(hydra, #"[{"method":"POST","latency_ms":400,"times":-1}]"#)
        let interrupted = try OAuthCtlBinary.run(
            ["apply", manyPath, "--auto-approve", "--parallelism", "1", "--secrets-out", sink], environment: env, signals: [(1.2, SIGINT)])
        outputs.runs.append(("interrupted apply", interrupted))
        #expect(interrupted.status == 130, "\(interrupted.combined)")
        try await Sandbox.clearFaults(hydra)

        // Ory Network: a wrong API key gives a 401 that names where the key came from, never the key.
        let oryProvider = ManifestText.provider(
            name: "ory", type: "ory-network", url: ory.baseURL, auth: "api_key: {from_env: ORY_API_KEY}")
        let oryPath = try ManifestText.write(dir, [oryProvider, open], file: "ory/all.yaml")
        let oryEnv = ["ORY_API_KEY": Self.apiKey]
        let unauthorized = try outputs.run("ory 401", ["plan", oryPath], oryEnv)
        #expect(unauthorized.status == 1)
        #expect(unauthorized.stderr.contains("401"))
        #expect(unauthorized.stderr.contains("api_key from_env ORY_API_KEY"), "\(unauthorized.stderr)")
        // A gateway that echoes the credential in its error body.
        try await Sandbox.addFaults(
            ory,
            #"[{"method":"GET","status":403,"body":"{\"error\":\"forbidden\",\"error_description\":\"key Bearer \#(Self.apiKey) is not allowed\"}"}]"#
        )
        let echoed = try outputs.run("ory 403 echo", ["apply", oryPath, "--auto-approve"], oryEnv)
        #expect(echoed.status == 1)
        #expect(echoed.stderr.contains("403"), "\(echoed.stderr)")
        #expect(echoed.stderr.contains("key (sensitive) is not allowed"), "\(echoed.stderr)")

        let leaks = try outputs.leaks(of: Self.canaries + [generatedSecret, sealedSecret], directory: dir, except: sink)
        #expect(leaks.isEmpty, "leaked: \(leaks)")
        let sinkText = String(decoding: FileManager.default.contents(atPath: sink) ?? Data(), as: UTF8.self)
        #expect(sinkText.contains(generatedSecret))
        let mode = (try FileManager.default.attributesOfItem(atPath: sink)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
        // The files scanned include the saved plan, and the scan itself finds what it looks for.
        #expect(try outputs.leaks(of: ["\"format_version\""], directory: dir, except: sink).contains { $0.contains("plan.json") })
    }
}
