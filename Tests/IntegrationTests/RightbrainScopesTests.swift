import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// Rightbrain's "allowed scopes" and "trusted status": planned, applied (the sandbox stores them; only its
/// state file shows them, as no documented response does), shown in plan output, write-only on read.
@Suite("Rightbrain scopes and trusted status", .serialized)
struct RightbrainScopesTests {
    func stored(_ statePath: String) throws -> [String: JSONValue] {
        let root = try JSONParser.parse([UInt8](FileManager.default.contents(atPath: statePath) ?? Data()))
        return try #require(root["clients"]?.arrayValue?.first?.objectValue)
    }

    @Test("scopes and trusted: planned and shown, applied, a no-op after (write-only note), forced with --set-secrets")
    func scopesAndTrusted() async throws {
        let dir = try TemporaryDirectory()
        let state = dir.path + "/state.json"
        let sandbox = try Rightbrain.sandbox(extra: ["--state", state])
        defer { sandbox.stop() }
        let env = Rightbrain.environment(sandbox)
        func write(_ scopes: String, trusted: Bool) throws -> String {
            try Rightbrain.manifests(
                dir,
                clients: [
                    Rightbrain.client("svc", "name: svc", "grant_types: [client_credentials]", "scopes: \(scopes)", "trusted: \(trusted)")
                ])
        }
        var path = try write("[tasks.read, tasks.run]", trusted: true)
        let plan = try OAuthCtlBinary.run(["plan", path, "--format", "json"], environment: env)
        #expect(plan.status == 0, "\(plan.combined)")
        let action = try #require(try PlanJSON(plan.stdout).actions.first)
        let after = action["after"] as? [String: Any] ?? [:]
        #expect(Set(after["scopes"] as? [String] ?? []) == ["tasks.read", "tasks.run"], "\(after)")
        #expect(after["trusted"] as? Bool == true)
        let text = try OAuthCtlBinary.run(["plan", path], environment: env)
        #expect(text.stdout.contains("+ scopes: ["), "\(text.stdout)")
        #expect(text.stdout.contains("+ trusted: true"), "\(text.stdout)")

        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", dir.path + "/s.json"], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        var client = try stored(state)
        #expect(Set(client["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["tasks.read", "tasks.run"])
        #expect(client["trusted"] == .bool(true))
        // No response carries them: the sandbox's GET doesn't, so the plan can't compare them, and says so.
        let live = try await Rightbrain.live(sandbox)
        #expect(live.first?["scopes"] == nil && live.first?["trusted"] == nil)
        let again = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: env)
        #expect(again.status == 0, "\(again.combined)")
        #expect(again.combined.contains("scopes, trusted can't be read back (write-only on rightbrain)"), "\(again.combined)")

        // A change: no update on its own (write-only); --set-secrets writes it, and the plan shows it.
        path = try write("[tasks.read]", trusted: false)
        #expect(try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: env).status == 0)
        let forced = try OAuthCtlBinary.run(["plan", path, "--set-secrets", "--format", "json"], environment: env)
        #expect(Set(try PlanJSON(forced.stdout).changes(of: "update")["rb/svc"] ?? []) == ["scopes", "trusted"], "\(forced.stdout)")
        let update = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--set-secrets"], environment: env)
        #expect(update.status == 0, "\(update.combined)")
        client = try stored(state)
        #expect(client["scopes"]?.arrayValue?.compactMap(\.stringValue) == ["tasks.read"])
        #expect(client["trusted"] == .bool(false))
    }

    @Test("a wrong type is a manifest error at its position, naming what is expected")
    func badTypes() throws {
        let dir = try TemporaryDirectory()
        let path = try Rightbrain.manifests(
            dir, clients: [Rightbrain.client("svc", "grant_types: [client_credentials]", "scopes: tasks.read", "trusted: 'yes'")])
        let result = try OAuthCtlBinary.run(
            ["validate", path], environment: ["OAUTHCTL_VAR_RIGHTBRAIN_API_URL": "http://127.0.0.1:9/api/v1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("all.yaml:17:11: error: 'scopes' expects a list of strings"), "\(result.stderr)")
        #expect(result.stderr.contains("all.yaml:18:"), "\(result.stderr)")
        #expect(result.stderr.contains("scopes"), "\(result.stderr)")
        #expect(result.stderr.contains("trusted"), "\(result.stderr)")
    }
}
