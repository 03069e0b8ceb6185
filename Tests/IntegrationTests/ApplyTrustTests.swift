import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// Issue 12 §1–2: interrupts end with a report, unknown outcomes are read back, unset references fail
/// loudly, and only reviewed writes are sent.
@Suite("apply you can trust")
struct ApplyTrustTests {
    static func confidential(_ name: String) -> String { FaultTests.confidential(name) }

    static func sinkObject(_ path: String) throws -> [String: JSONValue] {
        try JSONParser.parse([UInt8](FileManager.default.contents(atPath: path) ?? Data("{}".utf8))).objectValue ?? [:]
    }

    @Test("SIGINT: no new write starts, in-flight ones finish, their secrets are stored, the report says interrupted, exit 130")
    func interrupted() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let names = (0..<30).map { String(format: "c%02d", $0) }
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL)] + names.map(Self.confidential))
        try await Sandbox.addFaults(sandbox, #"[{"method":"POST","latency_ms":150,"times":-1}]"#)
        let sink = dir.url.appendingPathComponent("s.json").path
        let run = try OAuthCtlBinary.run(
            ["apply", path, "--auto-approve", "--parallelism", "2", "--secrets-out", sink], signals: [(1.0, SIGINT)])
        #expect(run.status == 130, "\(run.combined)")
        #expect(run.stderr.contains("SIGINT: stopping: no new writes will start"), "\(run.stderr)")
        let summary = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("Apply interrupted: ") }, "\(run.stdout)")
        #expect(run.stderr.contains("not attempted: not sent: apply was interrupted"))
        let live = try await Sandbox.ids(sandbox)
        #expect(!live.isEmpty && live.count < names.count, "\(live.count) created")
        #expect(summary.contains("\(live.count) succeeded, 0 failed, \(names.count - live.count) not attempted"), "\(summary)")
        let stored = try Self.sinkObject(sink)
        #expect(Set(stored.keys) == Set(live.map { "sb/\($0)" }), "every created client has its secret on disk")
        #expect(stored.values.allSatisfy { $0["status"] == nil && $0["client_secret"]?.stringValue?.isEmpty == false })
        #expect(FaultTests.leftovers(dir).isEmpty)
        // Nothing was lost: the next plan has no warning, the next apply creates the rest.
        let again = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink])
        #expect(again.status == 0, "\(again.combined)")
        #expect(!again.combined.contains("warning:"))
        #expect(try await Sandbox.ids(sandbox).count == names.count)
    }

    @Test("SIGINT before any write (while planning) ends apply at once: exit 130, nothing sent")
    func interruptedWhilePlanning() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), Self.confidential("late")])
        try await Sandbox.addFaults(sandbox, #"[{"method":"GET","latency_ms":8000}]"#)
        let started = Date()
        let run = try OAuthCtlBinary.run(
            ["apply", path, "--auto-approve", "--secrets-out", dir.url.appendingPathComponent("s.json").path], signals: [(1.5, SIGINT)])
        #expect(Date().timeIntervalSince(started) < 6, "did not wait for the listing")
        #expect(run.status == 130, "\(run.combined)")
        #expect(run.stderr.contains("SIGINT: apply interrupted before any write; nothing was changed."), "\(run.stderr)")
        try await Sandbox.clearFaults(sandbox)
        #expect(try await requestLog(sandbox).filter { $0.method == "POST" }.isEmpty)
    }

    @Test("a second SIGINT exits at once and names the clients whose outcome is unknown")
    func interruptedTwice() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), Self.confidential("slow")])
        try await Sandbox.addFaults(sandbox, #"[{"method":"POST","latency_ms":10000}]"#)
        let started = Date()
        let run = try OAuthCtlBinary.run(
            ["apply", path, "--auto-approve", "--secrets-out", dir.url.appendingPathComponent("s.json").path],
            signals: [(2.5, SIGINT), (3.0, SIGINT)])
        #expect(Date().timeIntervalSince(started) < 8, "exited at once, not after the 10 s answer")
        #expect(run.status == 130, "\(run.combined)")
        #expect(run.stderr.contains("SIGINT again: exiting now; the outcome of these writes is unknown: sb/slow"), "\(run.stderr)")
    }

    @Test("a POST whose answer is lost after Rightbrain created the client is read back, not re-sent: one client, secret named lost")
    func ambiguousRightbrainCreate() async throws {
        let sandbox = try Rightbrain.sandbox()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try Rightbrain.manifests(dir, clients: [Rightbrain.client("svc", "grant_types: [client_credentials]")])
        let env = Rightbrain.environment(sandbox)
        try await Sandbox.addFaults(sandbox, #"[{"method":"POST","action":"reset","after_commit":true}]"#)
        let sink = dir.url.appendingPathComponent("s.json").path
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(run.status == 1, "\(run.combined)")
        #expect(run.stderr.contains("rb/svc secret lost: created as '"), "\(run.stderr)")
        #expect(run.stderr.contains("never arrived"))
        #expect(run.stderr.contains("oauthctl apply --set-secrets --target rb/svc"))
        #expect(run.stdout.contains("1 created with a lost secret"), "\(run.stdout)")
        #expect(try await Rightbrain.live(sandbox).count == 1, "the create was not sent again")
        let posts = try await Rightbrain.requests(sandbox).filter { ($0["method"] as? String) == "POST" }
        #expect(posts.count == 1)
        #expect(try Self.sinkObject(sink)["rb/svc"]?["status"] == .string("lost"))
        // Rightbrain keeps no marker: the sink carries the loss, and the next apply names it.
        let again = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink], environment: env)
        #expect(again.stderr.contains("warning: rb/svc: was created without its answer arriving"), "\(again.combined)")
        #expect(try await Rightbrain.live(sandbox).count == 1)
    }

    @Test("a gateway 504 after Hydra created the client: read back by id, the secret is named lost by the report and every later plan")
    func ambiguousHydraCreate() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), Self.confidential("gw")])
        try await Sandbox.addFaults(sandbox, #"[{"method":"POST","status":504,"after_commit":true}]"#)
        try await clearRequestLog(sandbox)
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", dir.url.appendingPathComponent("s.json").path])
        #expect(run.status == 1, "\(run.combined)")
        #expect(run.stderr.contains("sb/gw secret lost: created as 'gw' (found by reading it back)"), "\(run.stderr)")
        let log = try await requestLog(sandbox).map { "\($0.method) \($0.path)" }
        #expect(log.filter { $0 == "POST /admin/clients" }.count == 1, "\(log)")
        #expect(log.contains("GET /admin/clients/gw"))
        for command in [["plan", path], ["plan", path, "--format", "json"], ["plan", path, "--format", "markdown"]] {
            let plan = try OAuthCtlBinary.run(command)
            #expect(plan.stdout.contains("the server generated when it created this client may be lost"), "\(plan.stdout)")
            #expect(plan.stdout.contains("sb/gw"))
            #expect(!plan.stdout.contains("No changes."))
        }
        #expect(try OAuthCtlBinary.run(["drift", path]).status == 2)
    }

    @Test("an unset from_env reference fails plan, apply and drift at its file:line:column, for creates and updates alike")
    func unsetReference() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let client = ManifestText.client(
            name: "web",
            spec: [
                ("grant_types", Tricky(.array(["client_credentials"]))), ("client_secret", Tricky.reference(env: "WEB_SECRET")),
            ])
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), client])
        let file = dir.url.appendingPathComponent("manifests/all.yaml").path
        for phase in ["create", "update"] {
            for command in [["plan", path], ["apply", path, "--auto-approve"], ["drift", path]] {
                let run = try OAuthCtlBinary.run(command)
                #expect(run.status == 1, "\(phase) \(command[0]): \(run.combined)")
                #expect(
                    run.stderr.contains("\(file):14:3: error: sb/web: client_secret: secret from_env WEB_SECRET is not set"),
                    "\(run.stderr)")
                #expect(!run.stdout.contains("No changes"))
            }
            if phase == "create" {
                let created = try OAuthCtlBinary.run(["apply", path, "--auto-approve"], environment: ["WEB_SECRET": "web-secret-value-1"])
                #expect(created.status == 0, "\(created.combined)")
            }
        }
    }
}
