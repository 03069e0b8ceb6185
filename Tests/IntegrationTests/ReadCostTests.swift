import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// Issue 13: a plan reads what it must compare, not the whole server. (The same at 100,000 clients, with
/// timings and memory, is `benchmarks/plan-large-server.sh`.)
@Suite("plan cost follows the repository")
struct ReadCostTests {
    static let seeded = 3_000

    static func clients(_ count: Int) -> [String] {
        (0..<count).map { FaultTests.publicClient(String(format: "m%02d", $0)) }
    }

    @Test("50 managed clients on a server of 3,000: the first list page and 50 reads by id, at most 53 requests")
    func fewManagedOnALargeServer() async throws {
        let sandbox = try SandboxProcess(extra: ["--seed", "\(Self.seeded)"])
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL)] + Self.clients(50))
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"]).status == 0)
        try await clearRequestLog(sandbox)
        let plan = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(plan.stdout.contains("sb: read the 50 clients of the manifests by id"), "\(plan.stdout)")
        let log = try await requestLog(sandbox)
        // The first page, perhaps a page or two prefetched while the manifests were decoded, then 50 by id.
        #expect(log.count <= 53, "\(log.count) requests")
        #expect((1...3).contains(log.filter { $0.path == "/admin/clients" }.count))
        #expect(log.filter { $0.path.hasPrefix("/admin/clients/m") }.count == 50)
        // A changed client is still found and planned.
        try await Sandbox.patch(sandbox, id: "m07", #"[{"op":"replace","path":"/client_name","value":"changed"}]"#)
        let changed = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"])
        #expect(changed.status == 2, "\(changed.combined)")
        #expect(changed.stdout.contains("sb/m07 will be updated in-place"))
    }

    @Test("a first page holding more of this repository's clients than are read by id: the rest is listed, none is read by id")
    func manyOursOnTheFirstPageLists() async throws {
        let sandbox = try SandboxProcess(extra: ["--seed", "600"])
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let all = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL)] + Self.clients(150))
        #expect(try OAuthCtlBinary.run(["apply", all, "--auto-approve"]).status == 0)
        // 50 clients in the manifests (few enough to read by id), but the first page holds 150 marked as ours:
        // the listing goes on from the first page (fetched ahead, while the manifests are decoded).
        let fewer = try TemporaryDirectory()
        let path = try ManifestText.write(fewer, [ManifestText.provider(url: sandbox.baseURL)] + Self.clients(50))
        try await clearRequestLog(sandbox)
        let plan = try OAuthCtlBinary.run(["plan", path])
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(!plan.stdout.contains("by id"), "\(plan.stdout)")
        let log = try await requestLog(sandbox)
        #expect(log.filter { $0.path == "/admin/clients" }.count == 2, "\(log.map(\.path))")
        #expect(!log.contains { $0.path.hasPrefix("/admin/clients/m") }, "\(log.map(\.path))")
    }

    @Test("a managed client missing by id (renamed: found by its marker) makes the plan list the server after all")
    func renamedFallsBackToListing() async throws {
        let sandbox = try SandboxProcess(extra: ["--seed", "600"])
        defer { sandbox.stop() }
        let (status, _) = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/admin/clients",
            json:
                #"{"client_id":"old-id","token_endpoint_auth_method":"none","metadata":{"oauthctl":{"managed_by":"it","address":"sb/web"}}}"#
        )
        #expect(status == 201)
        let dir = try TemporaryDirectory()
        let web = FaultTests.publicClient("web", [("client_id", Tricky(.string("new-id")))])
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), web])
        let plan = try OAuthCtlBinary.run(["plan", path])
        #expect(plan.status == 1, "\(plan.combined)")
        #expect(plan.stderr.contains("changing 'client_id' from 'old-id' to 'new-id' forces replacement"), "\(plan.stderr)")
    }

    @Test("drift and --prune list every client, keeping only ids of the unmanaged; text names the first 10 and counts the rest")
    func driftSummarisesUnmanaged() async throws {
        let sandbox = try SandboxProcess(extra: ["--seed", "\(Self.seeded)"])
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL)] + Self.clients(3))
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"]).status == 0)
        let text = try OAuthCtlBinary.run(["drift", path])
        #expect(text.status == 0, "\(text.combined)")
        #expect(
            text.stdout.contains("  sb/sandbox-00010\n  … and \(Self.seeded - 10) more (all of them in --format json)"), "\(text.stdout)")
        #expect(!text.stdout.contains("sandbox-00011"))
        let json = try OAuthCtlBinary.run(["drift", path, "--format", "json"])
        let unmanaged = try JSONParser.parse(Array(json.stdout.utf8))["unmanaged"]?.arrayValue ?? []
        #expect(unmanaged.count == Self.seeded)
        let prune = try OAuthCtlBinary.run(["plan", path, "--prune", "--detailed-exitcode"])
        #expect(prune.status == 0, "\(prune.combined)")
        #expect(
            prune.stdout.contains("sb: \(Self.seeded) clients without an ownership marker (unmanaged; never touched)"), "\(prune.stdout)")
    }
}
