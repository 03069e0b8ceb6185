import Foundation
import OAuthCtlTestSupport
import Testing

/// Every action, exit code and failure path of apply through the binary, against `oauthctl sandbox`.
@Suite("apply scenarios")
struct ApplyScenarioTests {
    @Test("--dry-run prints each call and sends no write")
    func dryRunSendsNothing() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a"), publicClient("b")])
        let run = try OAuthCtlBinary.run(["apply", path, "--dry-run"])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.stdout.contains("would send: POST /admin/clients"))
        #expect(run.stdout.contains("(dry run)"))
        #expect(try await requestLog(sandbox).allSatisfy { $0.method == "GET" })
        #expect(try await liveIDs(sandbox).isEmpty)
    }

    @Test("without a terminal and without --auto-approve apply refuses and changes nothing")
    func refusesWithoutTerminal() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a")])
        let run = try OAuthCtlBinary.run(["apply", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--auto-approve"))
        #expect(try await liveIDs(sandbox).isEmpty)
    }

    @Test("503 twice on PUT is retried and the update lands")
    func retriesTransientFailures() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        var path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a")])
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"]).status == 0)
        path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a", redirect: "https://new.example.com/cb")])
        _ = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/__sandbox/faults",
            json: #"{"rules":[{"method":"PUT","path_prefix":"/admin/clients","status":503,"times":2,"retry_after":"0"}]}"#)
        try await clearRequestLog(sandbox)
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve"])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.stdout.contains("sb/a updated"))
        #expect(try await requestLog(sandbox).filter { $0.method == "PUT" }.count == 3)
    }

    @Test("a failed create is reported, the others succeed, deletes are not attempted, exit 1")
    func partialFailure() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        _ = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/admin/clients", json: #"{"client_id":"old","token_endpoint_auth_method":"none"}"#)
        let tombstone = "apiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: {name: old, state: absent}"
        let path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a"), publicClient("b"), tombstone])
        _ = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/__sandbox/faults",
            json: #"{"rules":[{"method":"POST","path_prefix":"/admin/clients","status":500,"times":1}]}"#)
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--parallelism", "1"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("failed: sb: POST /admin/clients: 500"))
        #expect(run.stderr.contains("sb/old not attempted"))
        #expect(run.stdout.contains("1 succeeded, 1 failed, 1 not attempted"))
        #expect(try await liveIDs(sandbox).count == 2)
    }

    @Test("--prune deletes only clients with this repository's marker; tombstones delete; hand-made clients stay")
    func pruneAndTombstones() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        _ = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/admin/clients", json: #"{"client_id":"by-hand","token_endpoint_auth_method":"none"}"#)
        _ = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/admin/clients",
            json: #"{"client_id":"other-repo","token_endpoint_auth_method":"none","metadata":{"oauthctl":{"managed_by":"someone-else"}}}"#)
        var path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("keep"), publicClient("orphan")])
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"]).status == 0)

        path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("keep")])
        let drift = try OAuthCtlBinary.run(["drift", path, "--format", "json"])
        #expect(drift.status == 2, "\(drift.combined)")
        let report = try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any]
        #expect((report?["orphaned"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["orphan"])
        #expect((report?["unmanaged"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["by-hand"])
        #expect((report?["managed_elsewhere"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["other-repo"])

        let tooMany = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--prune", "--max-deletes", "0"])
        #expect(tooMany.status == 1)
        #expect(try await liveIDs(sandbox).contains("orphan"))

        let prune = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--prune"])
        #expect(prune.status == 0, "\(prune.combined)")
        #expect(try await liveIDs(sandbox) == ["keep", "by-hand", "other-repo"])
        #expect(try OAuthCtlBinary.run(["drift", path]).status == 0)
    }

    @Test("a create that would receive a generated secret with no --secrets-out is refused before any write")
    func generatedSecretNeedsSink() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let confidential =
            "apiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: {name: worker}\nspec:\n  grant_types: [client_credentials]"
        let path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a"), confidential])
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--secrets-out"))
        #expect(try await liveIDs(sandbox).isEmpty)
    }

    @Test("changing client_id needs --allow-replace, then deletes the old id and creates the new one")
    func replaceNeedsAllowReplace() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        var path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a", extra: "  client_id: first-id")])
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"]).status == 0)
        path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a", extra: "  client_id: second-id")])
        let refused = try OAuthCtlBinary.run(["plan", path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--allow-replace"))
        let replaced = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--allow-replace"])
        #expect(replaced.status == 0, "\(replaced.combined)")
        #expect(try await liveIDs(sandbox) == ["second-id"])
    }
}
