import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// Issue 12 §1: a server-generated secret is never lost. The sink is proven writable before any write,
/// merged rather than overwritten, and refused when unsafe; two clients can't share a dotenv key.
@Suite("secrets sink: preflight, merge, safety")
struct SecretSinkTests {
    static func confidential(_ name: String) -> String { FaultTests.confidential(name) }

    /// POSTs the sandbox received (its request log).
    static func writes(_ sandbox: SandboxProcess) async throws -> Int {
        try await requestLog(sandbox).filter { $0.method != "GET" }.count
    }

    @Test("an unwritable --secrets-out (missing folder) is refused before the first write: exit 1, nothing created")
    func missingFolder() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), Self.confidential("a")])
        let sink = dir.url.appendingPathComponent("nodir/s.json").path
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink])
        #expect(run.status == 1, "\(run.combined)")
        #expect(run.stderr.contains("--secrets-out '\(sink)' can't be written: the folder"), "\(run.stderr)")
        #expect(run.stderr.contains("does not exist"))
        #expect(try await Self.writes(sandbox) == 0)
        #expect(try await Sandbox.ids(sandbox).isEmpty)
    }

    @Test("a sink that is a symlink, readable by others, or not the user's own is refused before any write")
    func unsafeSinks() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), Self.confidential("a")])
        let target = dir.url.appendingPathComponent("real.json").path
        #expect(FileManager.default.createFile(atPath: target, contents: Data("{}".utf8), attributes: [.posixPermissions: 0o600]))
        let link = dir.url.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let open = dir.url.appendingPathComponent("open.env").path
        #expect(FileManager.default.createFile(atPath: open, contents: Data(), attributes: [.posixPermissions: 0o644]))
        var cases = [(link, "is a symbolic link"), (open, "can be read by others (mode 644)")]
        if geteuid() == 0 {
            let foreign = dir.url.appendingPathComponent("foreign.env").path
            #expect(FileManager.default.createFile(atPath: foreign, contents: Data(), attributes: [.posixPermissions: 0o600]))
            #expect(chown(foreign, 65534, 65534) == 0)
            cases.append((foreign, "belongs to uid 65534"))
        }
        for (sink, message) in cases {
            let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink])
            #expect(run.status == 1, "\(sink): \(run.combined)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
        #expect(try await Self.writes(sandbox) == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "{}")
    }

    @Test("every sink format keeps the secrets of earlier runs and lines it didn't write", arguments: ["s.env", "s.json"])
    func merge(_ name: String) async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let sink = dir.url.appendingPathComponent(name).path
        let provider = ManifestText.provider(url: sandbox.baseURL)
        if name.hasSuffix(".env") {
            #expect(
                FileManager.default.createFile(
                    atPath: sink, contents: Data("KEPT_BY_HAND=hand-value\n".utf8), attributes: [.posixPermissions: 0o600]))
        }
        let first = try OAuthCtlBinary.run([
            "apply", try ManifestText.write(dir, [provider, Self.confidential("a")]), "--auto-approve", "--secrets-out", sink,
        ])
        #expect(first.status == 0, "\(first.combined)")
        let afterFirst = try String(contentsOfFile: sink, encoding: .utf8)
        let second = try OAuthCtlBinary.run(
            [
                "apply", try ManifestText.write(dir, [provider, Self.confidential("a"), Self.confidential("b")]), "--auto-approve",
                "--secrets-out", sink,
            ])
        #expect(second.status == 0, "\(second.combined)")
        let text = try String(contentsOfFile: sink, encoding: .utf8)
        let secretOfA = afterFirst.split(separator: "\n").first { $0.contains("CLIENT_SECRET") || $0.contains("\"client_secret\"") }
        #expect(secretOfA != nil)
        if let secretOfA { #expect(text.contains(secretOfA), "a's secret from the first run was dropped") }
        #expect(text.contains("sb/b") || text.contains("SB_B_CLIENT_SECRET"))
        if name.hasSuffix(".env") {
            #expect(text.contains("KEPT_BY_HAND=hand-value"))
            #expect(text.contains("SB_A_CLIENT_SECRET=") && text.contains("SB_B_CLIENT_SECRET="))
        } else {
            let object = try JSONParser.parse(Array(text.utf8)).objectValue ?? [:]
            #expect(Set(object.keys) == ["sb/a", "sb/b"])
        }
        var info = stat()
        #expect(stat(sink, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(FaultTests.leftovers(dir).isEmpty)
    }

    @Test("two addresses with one dotenv key (a-b, a_b) are refused at preflight; a .json sink takes both")
    func dotenvCollision() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(
            dir, [ManifestText.provider(url: sandbox.baseURL), Self.confidential("a-b"), Self.confidential("a_b")])
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", dir.url.appendingPathComponent("s.env").path])
        #expect(run.status == 1, "\(run.combined)")
        #expect(run.stderr.contains("can't hold both 'sb/a-b' and 'sb/a_b': in a dotenv file both become SB_A_B_*"), "\(run.stderr)")
        #expect(try await Self.writes(sandbox) == 0)
        let json = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", dir.url.appendingPathComponent("s.json").path])
        #expect(json.status == 0, "\(json.combined)")
    }

    @Test("a secret that an earlier run left pending is named by the next apply, with the way to recover")
    func pendingFromEarlierRun() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(
            dir, [ManifestText.provider(url: sandbox.baseURL), Self.confidential("a"), FaultTests.publicClient("p")])
        // What a killed run leaves: the client exists, the sink says pending.
        let (status, _) = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/admin/clients",
            json:
                #"{"client_id":"a","grant_types":["client_credentials"],"metadata":{"oauthctl":{"managed_by":"it","address":"sb/a","secret_pending":["client_secret"]}}}"#
        )
        #expect(status == 201)
        let sink = dir.url.appendingPathComponent("s.env").path
        #expect(
            FileManager.default.createFile(
                atPath: sink, contents: Data("# sb/a status=pending\n".utf8), attributes: [.posixPermissions: 0o600]))
        let plan = try OAuthCtlBinary.run(["plan", path])
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(
            plan.stdout.contains("sb/a: the client_secret that the server generated when it created this client may be lost"),
            "\(plan.stdout)")
        #expect(plan.stdout.contains("oauthctl apply --set-secrets --target sb/a"))
        #expect(!plan.stdout.contains("No changes."))
        let drift = try OAuthCtlBinary.run(["drift", path])
        #expect(drift.status == 2, "\(drift.combined)")
        let apply = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink])
        #expect(
            apply.stderr.contains("warning: sb/a: was being created when the run ended, so its generated secret is not in"),
            "\(apply.combined)")
        #expect(apply.stdout.contains("sb/p created"))
    }
}
