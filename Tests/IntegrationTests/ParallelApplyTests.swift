import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Bounded parallelism against Hydra, and write pacing against Ory Network's rate limits.
@Suite("parallel apply and pacing")
struct ParallelApplyTests {
    static func publicClients(_ count: Int) -> [String] {
        (0..<count).map { index in
            ManifestText.client(
                name: String(format: "c%03d", index),
                spec: [
                    ("token_endpoint_auth_method", Tricky(.string("none"))),
                    ("redirect_uris", Tricky(.array([.string("https://app\(index).example.com/cb")]))),
                ])
        }
    }

    /// The sandbox's request log with status and body.
    static func fullLog(_ sandbox: SandboxProcess) async throws -> [[String: Any]] {
        try await LoopbackHTTP.getJSON(sandbox.baseURL + "/__sandbox/requests") as? [[String: Any]] ?? []
    }

    @Test("200 creates with --parallelism 8 all succeed, each is one POST in the request log, and a second plan is a no-op")
    func twoHundredCreates() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL)] + Self.publicClients(200))
        try await clearRequestLog(sandbox)
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--parallelism", "8"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Apply: 200 succeeded, 0 failed, 0 not attempted."))
        let posts = try await Self.fullLog(sandbox).filter { $0["method"] as? String == "POST" }
        #expect(posts.count == 200)
        #expect(posts.allSatisfy { $0["status"] as? Int == 201 })
        let sent = Set(
            posts.compactMap { post -> String? in
                guard let body = post["body"] as? String else { return (post["body"] as? [String: Any])?["client_id"] as? String }
                return try? JSONParser.parse(body)["client_id"]?.stringValue
            })
        #expect(sent == Set((0..<200).map { String(format: "c%03d", $0) }))
        #expect(try await Sandbox.ids(sandbox).count == 200)
        let again = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"])
        #expect(again.status == 0, "\(again.stdout.suffix(1000))")
    }

    /// 600 writes a minute keeps this under ~10 s of real time (30 writes); the Developer plan's 15 a
    /// minute would need two minutes for the same apply, with the same code path.
    @Test("Ory Network: 30 creates against a 600-writes-a-minute bucket are paced; no 429 reaches the report")
    func oryNetworkPacing() async throws {
        let token = "ory_apikey_pacing"
        let ory = try SandboxProcess(type: "ory-network", extra: ["--writes-per-minute", "600", "--token", token])
        defer { ory.stop() }
        let dir = try TemporaryDirectory()
        let provider = ManifestText.provider(
            name: "ory", type: "ory-network", url: ory.baseURL, auth: "api_key: {from_env: ORY_API_KEY}",
            extra: ["writes_per_minute: \"600\""])
        let path = try ManifestText.write(dir, [provider] + Self.publicClients(30))
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--parallelism", "8"], environment: ["ORY_API_KEY": token])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Apply: 30 succeeded, 0 failed, 0 not attempted."))
        #expect(!run.combined.contains("429"), "\(run.stderr)")
        let log = try await Self.fullLog(ory)
        let throttled = log.filter { $0["status"] as? Int == 429 }.count
        #expect(throttled == 0, "the pacer let \(throttled) writes hit the limit")
        #expect(log.filter { $0["method"] as? String == "POST" }.count == 30)
        #expect(try await Sandbox.ids(ory, token: token).count == 30)
    }
}
