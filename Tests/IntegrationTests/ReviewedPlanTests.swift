import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// Issue 12 §2: `apply --plan` sends exactly what was reviewed, or nothing.
@Suite("only reviewed writes are sent")
struct ReviewedPlanTests {
    /// A sandbox with one client that the manifests will update, a plan saved for it, and the paths.
    struct Bench {
        let sandbox: SandboxProcess
        let dir: TemporaryDirectory
        let manifests: String
        let planFile: String

        init() throws {
            sandbox = try SandboxProcess()
            dir = try TemporaryDirectory()
            manifests = try ManifestText.write(
                dir,
                [
                    ManifestText.provider(url: sandbox.baseURL),
                    FaultTests.publicClient("web", [("redirect_uris", Tricky(.array(["https://web.example.com/cb"])))]),
                ])
            planFile = dir.url.appendingPathComponent("plan.json").path
        }

        func plan(_ extra: [String] = []) throws -> OAuthCtlBinary.Result {
            try OAuthCtlBinary.run(["plan", manifests, "--out", planFile] + extra)
        }

        func writes() async throws -> [String] {
            try await requestLog(sandbox).filter { $0.method != "GET" }.map { "\($0.method) \($0.path)" }
        }
    }

    @Test("an edited saved plan is refused (exit 3) and nothing is sent, even with its digest recomputed")
    func tampered() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        #expect(try bench.plan().status == 0)
        let original = try String(contentsOfFile: bench.planFile, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "https://web.example.com/cb", with: "https://evil.example.com/cb")
        #expect(edited != original)
        try edited.write(toFile: bench.planFile, atomically: true, encoding: .utf8)
        try await clearRequestLog(bench.sandbox)
        let naive = try OAuthCtlBinary.run(["apply", "--plan", bench.planFile, bench.manifests])
        #expect(naive.status == 3, "\(naive.combined)")
        #expect(naive.stderr.contains("was changed after oauthctl wrote it"), "\(naive.stderr)")
        // A careful forger recomputes the digest: the plan made again from the manifests still differs.
        var object = try JSONParser.parse(Array(edited.utf8)).objectValue ?? [:]
        object["digest"] = nil
        let canonical = JSONEncoding.compact(try JSONParser.parse(Array(JSONEncoding.compact(.object(object)).utf8)))
        let hex = SHA256.hash(Array(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
        object["digest"] = .string("sha256:" + hex)
        try JSONEncoding.pretty(.object(object)).write(toFile: bench.planFile, atomically: true, encoding: .utf8)
        let forged = try OAuthCtlBinary.run(["apply", "--plan", bench.planFile, bench.manifests])
        #expect(forged.status == 3, "\(forged.combined)")
        #expect(
            forged.stderr.contains("error: stale plan: sb/web: 'redirect_uris' in the saved plan differs from what would be sent now"),
            "\(forged.stderr)")
        #expect(try await bench.writes().isEmpty)
    }

    @Test("a manifest edited after the plan is refused (exit 3) naming the file")
    func manifestsChanged() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        #expect(try bench.plan().status == 0)
        let file = bench.dir.url.appendingPathComponent("manifests/all.yaml").path
        try (try String(contentsOfFile: file, encoding: .utf8) + "\n# a comment\n").write(toFile: file, atomically: true, encoding: .utf8)
        let apply = try OAuthCtlBinary.run(["apply", "--plan", bench.planFile, bench.manifests])
        #expect(apply.status == 3, "\(apply.combined)")
        #expect(apply.stderr.contains("the manifests are not the ones the plan was made from"), "\(apply.stderr)")
        #expect(apply.stderr.contains("all.yaml (edited since the plan)"))
        #expect(try await bench.writes().isEmpty)
    }

    @Test("flags that shape a plan are refused beside --plan; a saved plan needs no prompt; --dry-run sends nothing")
    func shapingFlags() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        #expect(try bench.plan().status == 0)
        for flags in [
            ["--max-deletes", "0"], ["--prune"], ["--target", "sb/web"], ["--provider", "sb"], ["--allow-replace"], ["--set-secrets"],
        ] {
            let run = try OAuthCtlBinary.run(["apply", "--plan", bench.planFile, bench.manifests] + flags)
            #expect(run.status == 1, "\(flags): \(run.combined)")
            #expect(run.stderr.contains("\(flags[0]) can't be used with --plan"), "\(run.stderr)")
        }
        let dryRun = try OAuthCtlBinary.run(["apply", "--plan", bench.planFile, bench.manifests, "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.combined)")
        #expect(dryRun.stdout.contains("would send: POST /admin/clients"), "\(dryRun.stdout)")
        #expect(try await bench.writes().isEmpty)
        // No terminal, no --auto-approve: a saved plan was reviewed already, so it applies.
        let apply = try OAuthCtlBinary.run(["apply", "--plan", bench.planFile, bench.manifests])
        #expect(apply.status == 0, "\(apply.combined)")
        #expect(try await bench.writes() == ["POST /admin/clients"])
    }

    @Test("the command printed after plan --out works when pasted as is")
    func hintWorks() async throws {
        let bench = try Bench()
        defer { bench.sandbox.stop() }
        let plan = try OAuthCtlBinary.run(["plan", bench.manifests, "--out", bench.planFile, "--var", "UNUSED=a b"])
        #expect(plan.status == 0, "\(plan.combined)")
        let lines = plan.stderr.split(separator: "\n").map(String.init)
        let command = try #require(lines.first { $0.hasPrefix("  oauthctl apply --plan ") }, "\(plan.stderr)")
        #expect(command.contains("--var 'UNUSED=a b'"), "\(command)")
        let binary = OAuthCtlBinary.url.deletingLastPathComponent().path
        let run = try OAuthCtlBinary.run(
            executable: URL(fileURLWithPath: "/bin/sh"), ["-c", command.trimmingCharacters(in: .whitespaces)],
            environment: ["PATH": binary + ":/usr/bin:/bin", "NO_COLOR": "1"])
        #expect(run.status == 0, "\(run.combined)")
        #expect(try await bench.writes() == ["POST /admin/clients"])
    }
}
