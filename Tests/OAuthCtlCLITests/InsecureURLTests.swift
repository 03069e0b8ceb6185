import Foundation
import OAuthCtlCLI
import OAuthCtlCore
import OAuthCtlProviders
import OAuthCtlTestSupport
import Testing

/// Issue 12: a plain http admin URL to a host that is not loopback would send credentials in clear.
/// `validate` warns; the commands that talk to the provider refuse before any connection.
@Suite("insecure admin URLs")
struct InsecureURLTests {
    static func manifest(url: String, extra: String = "") -> String {
        """
        apiVersion: oauthctl/v1
        kind: Provider
        metadata: {name: prod}
        spec:
          type: hydra
          url: \(url)
          managed_by: it\(extra)
        ---
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata: {name: a}
        spec: {token_endpoint_auth_method: none}

        """
    }

    static let message =
        "provider 'prod': spec.url is plain http to '10.1.2.3', which is not a loopback address, so the admin credentials would cross the network in clear; use https, or set spec.allow_insecure_http: true"

    @Test(
        "loopback hosts",
        arguments: [
            ("127.0.0.1", true), ("127.255.3.4", true), ("localhost", true), ("LOCALHOST", true), ("api.localhost", true),
            ("::1", true), ("[::1]", true), ("10.1.2.3", false), ("128.0.0.1", false), ("127.0.0.1.example.com", false),
            ("localhost.example.com", false), ("example.com", false), ("::2", false), ("", false),
        ])
    func loopback(host: String, expected: Bool) {
        #expect(InsecureURL.isLoopback(host: host) == expected)
    }

    @Test(
        "which URLs are insecure",
        arguments: [
            ("http://10.1.2.3:4445", "10.1.2.3"), ("HTTP://hydra.internal/admin", "hydra.internal"), ("https://10.1.2.3:4445", nil),
            ("http://127.0.0.1:4445", nil), ("http://localhost:4445", nil), ("http://[::1]:4445/admin", nil),
        ] as [(String, String?)])
    func insecureHost(url: String, expected: String?) {
        #expect(InsecureURL.insecureHost(url) == expected)
    }

    @Test("the registry refuses an insecure URL before building a transport, and builds one when allowed")
    func registryDecision() throws {
        var provider = ProviderManifest(
            name: "prod", type: "hydra", settings: ["url": "http://10.1.2.3:4445"], auth: [:], managedBy: "it",
            location: SourceLocation(file: "p.yaml", line: 1, column: 1))
        provider.settingLocations["url"] = SourceLocation(file: "p.yaml", line: 6, column: 8)
        let built = Locked(0)
        let connection: (ProviderManifest) -> ProviderRegistry.Connection = { _ in
            built.withLock { $0 += 1 }
            return ProviderRegistry.Connection.standard()
        }
        do {
            _ = try ProviderRegistry.adapter(for: provider, secrets: NoSecrets(), connection: connection)
            Issue.record("expected a refusal")
        } catch let error as ProviderError {
            guard case .insecureURL(_, let location) = error else { throw error }
            #expect(location == SourceLocation(file: "p.yaml", line: 6, column: 8))
            #expect("\(error)" == "p.yaml:6:8: " + Self.message)
        }
        #expect(built.withLock { $0 } == 0, "a transport was built for a refused provider")
        provider.allowInsecureHTTP = true
        _ = try ProviderRegistry.adapter(for: provider, secrets: NoSecrets(), connection: connection)
        #expect(built.withLock { $0 } == 1)
    }

    @Test("validate warns at spec.url and passes; --strict fails; allow_insecure_http: true silences it")
    func validateWarns() async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("insecure.yaml", Self.manifest(url: "http://10.1.2.3:4445"))
        let warned = await runOAuthCtl(["validate", path])
        #expect(warned.exitCode == .success)
        #expect(warned.stderr == "\(path):6:8: warning: " + Self.message + "\n")
        #expect(await runOAuthCtl(["validate", "--strict", path]).exitCode == .failure)

        let allowed = try dir.write("allowed.yaml", Self.manifest(url: "http://10.1.2.3:4445", extra: "\n  allow_insecure_http: true"))
        let quiet = await runOAuthCtl(["validate", allowed])
        #expect(quiet.exitCode == .success)
        #expect(quiet.stderr == "")

        let wrong = try dir.write(
            "wrong.yaml", Self.manifest(url: "https://hydra.example.com", extra: "\n  allow_insecure_http: sometimes"))
        let refused = await runOAuthCtl(["validate", wrong])
        #expect(refused.exitCode == .failure)
        #expect(
            refused.stderr.contains("\(wrong):8:24: error: 'allow_insecure_http' of provider 'prod' expects true or false"),
            "\(refused.stderr)")
    }

    @Test(
        "plan, apply, drift and export refuse it: exit 1, one line naming the provider, spec.url's position and the fix; no retries",
        arguments: [["plan"], ["apply", "--auto-approve"], ["drift"], ["export", "--provider", "prod"]])
    func commandsRefuse(command: [String]) async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("insecure.yaml", Self.manifest(url: "http://10.1.2.3:4445"))
        let start = Date()
        let result = await runOAuthCtl(command + [path])
        #expect(result.exitCode == .failure)
        #expect(result.stderr == "error: \(path):6:8: " + Self.message + "\n", "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(Date().timeIntervalSince(start) < 5)
    }
}

private struct NoSecrets: SecretResolving {
    struct Unavailable: Error {}
    func resolve(_ reference: SecretReference) throws -> SecretValue { throw Unavailable() }
}

private final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
