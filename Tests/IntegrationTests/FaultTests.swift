import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// Server faults through the binary: each gives one line naming the client (or provider) and the
/// call, a report of what succeeded, failed and was not attempted, exit 1, and nothing half-written.
@Suite("faults")
struct FaultTests {
    /// The single stderr line that holds every fragment, or nil.
    static func line(_ run: OAuthCtlBinary.Result, containing fragments: [String]) -> String? {
        run.stderr.split(separator: "\n").map(String.init).first { line in fragments.allSatisfy(line.contains) }
    }

    static func confidential(_ name: String, _ extra: [(String, Tricky)] = []) -> String {
        ManifestText.client(name: name, spec: [("grant_types", Tricky(.array(["client_credentials"])))] + extra)
    }

    static func publicClient(_ name: String, _ extra: [(String, Tricky)] = []) -> String {
        ManifestText.client(name: name, spec: [("token_endpoint_auth_method", Tricky(.string("none")))] + extra)
    }

    /// Files left in `directory` by an interrupted write (the sink writes a temporary file, then renames).
    static func leftovers(_ directory: TemporaryDirectory) -> [String] {
        (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).filter { $0.contains(".tmp") }
    }

    @Test("an unreachable server (closed port): one line naming the provider and the call, exit 1, nothing written")
    func unreachable() async throws {
        let closed = try SandboxProcess()
        let url = closed.baseURL
        closed.stop()
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: url), Self.publicClient("a")])
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve"])
        #expect(run.status == 1)
        let port = url.split(separator: ":").last.map(String.init) ?? "?"
        #expect(
            Self.line(run, containing: ["error: sb: GET /admin/clients: connection failed", "127.0.0.1:\(port)"]) != nil, "\(run.stderr)")
        // Every wait is explained on stderr, and nothing else is printed.
        #expect(run.stderr.contains("note: sb: connection failed"), "\(run.stderr)")
        #expect(run.stdout.isEmpty, "\(run.stdout)")
    }

    @Test("Ory Network without a key and with a wrong key: 401 naming api_key from_env, never the key; 403 the same")
    func unauthorized() async throws {
        let ory = try SandboxProcess(type: "ory-network", extra: ["--token", "ory_apikey_right"])
        defer { ory.stop() }
        let dir = try TemporaryDirectory()
        let noKey = try ManifestText.write(
            dir, [ManifestText.provider(name: "ory", type: "ory-network", url: ory.baseURL), Self.publicClient("a")], file: "nokey/all.yaml"
        )
        let missing = try OAuthCtlBinary.run(["plan", noKey])
        #expect(missing.status == 1)
        #expect(
            Self.line(missing, containing: ["error: ory: GET /admin/clients: 401 Unauthorized", "set spec.auth"]) != nil,
            "\(missing.stderr)")

        let withKey = try ManifestText.write(
            dir,
            [
                ManifestText.provider(name: "ory", type: "ory-network", url: ory.baseURL, auth: "api_key: {from_env: ORY_KEY}"),
                Self.publicClient("a"),
            ], file: "key/all.yaml")
        let wrong = try OAuthCtlBinary.run(["apply", withKey, "--auto-approve"], environment: ["ORY_KEY": "ory_apikey_wrong-wrong"])
        #expect(wrong.status == 1)
        #expect(
            Self.line(wrong, containing: ["error: ory: GET /admin/clients: 401 Unauthorized", "api_key from_env ORY_KEY"]) != nil,
            "\(wrong.stderr)")
        #expect(!wrong.combined.contains("wrong-wrong"))
        #expect(wrong.stderr.split(separator: "\n").count == 1, "\(wrong.stderr)")

        try await Sandbox.addFaults(ory, #"[{"method":"GET","status":403}]"#)
        let forbidden = try OAuthCtlBinary.run(["plan", withKey], environment: ["ORY_KEY": "ory_apikey_right"])
        #expect(forbidden.status == 1)
        #expect(
            Self.line(forbidden, containing: ["error: ory: GET /admin/clients: 403 Forbidden", "api_key from_env ORY_KEY"]) != nil,
            "\(forbidden.stderr)")
        #expect(try await Sandbox.ids(ory, token: "ory_apikey_right").isEmpty)
    }

    @Test("404 during update: that client fails with the call named, the other update lands, exit 1")
    func notFoundDuringUpdate() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let provider = ManifestText.provider(url: sandbox.baseURL)
        var path = try ManifestText.write(dir, [provider, Self.publicClient("a"), Self.publicClient("b")])
        #expect(try OAuthCtlBinary.run(["apply", path, "--auto-approve"]).status == 0)
        let renamed = [("client_name", Tricky(.string("renamed")))]
        path = try ManifestText.write(dir, [provider, Self.publicClient("a", renamed), Self.publicClient("b", renamed)])
        try await Sandbox.addFaults(
            sandbox,
            #"[{"method":"PUT","path_prefix":"/admin/clients/a","status":404,"body":"{\"error\":\"Unable to locate the resource\",\"error_description\":\"\"}"}]"#
        )
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve"])
        #expect(run.status == 1)
        #expect(
            Self.line(run, containing: ["sb/a failed: sb: PUT /admin/clients/a: 404 Not Found", "Unable to locate the resource"]) != nil,
            "\(run.stderr)")
        #expect(run.stdout.contains("sb/b updated"))
        #expect(run.stdout.contains("Apply: 1 succeeded, 1 failed, 0 not attempted."), "\(run.stdout)")
        let live = Dictionary(try await Sandbox.allClients(sandbox).map { ($0["client_id"]?.stringValue ?? "", $0) }) { a, _ in a }
        #expect(live["a"]?["client_name"] == "")
        #expect(live["b"]?["client_name"] == "renamed")
    }

    @Test("409 on create: the client and call are named with Hydra's words; deletes are not attempted")
    func conflictOnCreate() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        _ = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/admin/clients", json: #"{"client_id":"gone","token_endpoint_auth_method":"none"}"#)
        let tombstone = "apiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: {name: gone, state: absent}"
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), Self.publicClient("a"), tombstone])
        try await Sandbox.addFaults(
            sandbox,
            #"[{"method":"POST","status":409,"body":"{\"error\":\"Unable to insert or update resource because a resource with that value exists already\",\"error_description\":\"\"}"}]"#
        )
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve"])
        #expect(run.status == 1)
        #expect(
            Self.line(run, containing: ["sb/a failed: sb: POST /admin/clients: 409 Conflict", "a resource with that value exists already"])
                != nil, "\(run.stderr)")
        #expect(Self.line(run, containing: ["sb/gone not attempted"]) != nil)
        #expect(run.stdout.contains("Apply: 0 succeeded, 1 failed, 1 not attempted."), "\(run.stdout)")
        #expect(try await Sandbox.ids(sandbox) == ["gone"])
    }

    @Test("400 with Hydra's hint for a value our validation allows: the hint reaches the user whole")
    func badRequestWithHint() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(
            dir,
            [
                ManifestText.provider(url: sandbox.baseURL), Self.publicClient("pairwise", [("subject_type", Tricky(.string("pairwise")))]),
                Self.publicClient("fine"),
            ])
        #expect(try OAuthCtlBinary.run(["validate", path]).status == 0)
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve"])
        #expect(run.status == 1)
        #expect(
            Self.line(
                run,
                containing: [
                    "sb/pairwise failed: sb: POST /admin/clients: 400 Bad Request: invalid_client_metadata",
                    "Subject type pairwise is not supported by server, only [public] are allowed.",
                ]) != nil, "\(run.stderr)")
        #expect(run.stdout.contains("Apply: 1 succeeded, 1 failed, 0 not attempted."), "\(run.stdout)")
        #expect(try await Sandbox.ids(sandbox) == ["fine"])
    }

    @Test("malformed JSON from the server, on list and on create: one line each, exit 1")
    func malformedJSON() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(
            dir, [ManifestText.provider(url: sandbox.baseURL), Self.publicClient("a"), Self.publicClient("b")])
        try await Sandbox.addFaults(sandbox, #"[{"method":"GET","status":200,"body":"[{\"client_id\": \"x\", "}]"#)
        let list = try OAuthCtlBinary.run(["plan", path])
        #expect(list.status == 1)
        #expect(Self.line(list, containing: ["error: sb: GET /admin/clients: the server sent malformed JSON"]) != nil, "\(list.stderr)")
        #expect(list.stderr.split(separator: "\n").count == 1, "\(list.stderr)")

        try await Sandbox.addFaults(sandbox, #"[{"method":"POST","status":201,"body":"<html>not json</html>"}]"#)
        let create = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--parallelism", "1"])
        #expect(create.status == 1)
        #expect(
            Self.line(create, containing: ["sb/a failed: sb: POST /admin/clients: the server sent malformed JSON"]) != nil,
            "\(create.stderr)")
        #expect(create.stdout.contains("sb/b created"))
        #expect(create.stdout.contains("Apply: 1 succeeded, 1 failed, 0 not attempted."), "\(create.stdout)")
    }

    @Test("a Link header that repeats a page stops the listing with one line instead of looping")
    func pageLoop() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), Self.publicClient("a")])
        let link =
            #"</admin/clients?page_size=500&page_token=c2FtZQ%3D%3D>; rel=\"first\",</admin/clients?page_size=500&page_token=c2FtZQ%3D%3D>; rel=\"next\""#
        try await Sandbox.addFaults(
            sandbox,
            #"[{"method":"GET","path_prefix":"/admin/clients","status":200,"times":-1,"body":"[{\"client_id\":\"x\"}]","headers":{"Link":"\#(link)"}}]"#
        )
        try await clearRequestLog(sandbox)
        // --prune lists the whole server (without it, a server of more than a page has its few managed
        // clients read by id).
        let run = try OAuthCtlBinary.run(["plan", path, "--prune"])
        #expect(run.status == 1)
        #expect(Self.line(run, containing: ["error: sb: GET /admin/clients", "repeats a page"]) != nil, "\(run.stderr)")
        #expect(try await requestLog(sandbox).count == 2, "the loop guard stops at the first repeated token")
    }

    @Test("429 from Ory Network with no Retry-After waits for x-ratelimit-reset, then the write lands")
    func rateLimitedThenSucceeds() async throws {
        let ory = try SandboxProcess(type: "ory-network", extra: ["--writes-per-minute", "600"])
        defer { ory.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(
            dir,
            [
                ManifestText.provider(
                    name: "ory", type: "ory-network", url: ory.baseURL, auth: "api_key: {from_env: ORY_KEY}",
                    extra: ["writes_per_minute: \"600\""]),
                Self.publicClient("a"),
            ])
        // Ory's 429: empty body, no Retry-After; the reset (3 s) is longer than the first backoff floor (1–1.5 s).
        try await Sandbox.addFaults(
            ory,
            #"[{"method":"POST","status":429,"headers":{"x-ratelimit-limit":"5, 5;w=1, 600;w=60","x-ratelimit-remaining":"0","x-ratelimit-reset":"3"}}]"#
        )
        let started = Date()
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve"], environment: ["ORY_KEY": "ory_apikey_x"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.stdout.contains("ory/a created"))
        #expect(run.stderr.contains("note: ory: 429 Too Many Requests; retrying in"), "\(run.stderr)")
        #expect(elapsed >= 2.9, "waited \(elapsed) s, less than x-ratelimit-reset")
        let posts = try await requestLog(ory).filter { $0.method == "POST" }
        #expect(posts.count == 2)
        #expect(try await Sandbox.ids(ory, token: "k") == ["a"])
    }

    @Test("a connection reset on POST is read back, not blindly re-sent: absent, so it is sent once more; every secret lands")
    func connectionResetOnCreate() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let sink = dir.url.appendingPathComponent("secrets.json").path
        let path = try ManifestText.write(
            dir, [ManifestText.provider(url: sandbox.baseURL), Self.confidential("a"), Self.confidential("b"), Self.confidential("c")])
        try await Sandbox.addFaults(sandbox, #"[{"method":"POST","nth":2,"action":"reset"}]"#)
        try await clearRequestLog(sandbox)
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--parallelism", "1", "--secrets-out", sink])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.stdout.contains("Apply: 3 succeeded, 0 failed, 0 not attempted."), "\(run.stdout)")
        // The reset POST of b is followed by a read-back of b, and only then by a second POST of b.
        let log = try await requestLog(sandbox).filter { $0.method != "PUT" }.map { "\($0.method) \($0.path)" }
        let posts = log.indices.filter { log[$0] == "POST /admin/clients" }
        #expect(posts.count == 4, "\(log)")
        let reset = try #require(posts.dropFirst().first.map { log.index(after: $0) })
        #expect(Array(log[reset...].prefix(2)) == ["GET /admin/clients/b", "POST /admin/clients"], "\(log)")
        #expect(try await Sandbox.ids(sandbox) == ["a", "b", "c"])
        let secrets = try JSONParser.parse([UInt8](FileManager.default.contents(atPath: sink) ?? Data())).objectValue ?? [:]
        #expect(Set(secrets.keys) == ["sb/a", "sb/b", "sb/c"])
        #expect(secrets.values.allSatisfy { $0["status"] == nil && $0["client_secret"]?.stringValue?.isEmpty == false })
        #expect(Self.leftovers(dir).isEmpty)
    }
}
