import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Synchronization
import Testing

/// Issue 12, "fail fast and say exactly what happened", through the binary: an unreachable provider
/// ends the run within the `--timeout` budget, a provider killed mid-apply gets no more requests and the
/// report accounts for every client, and an oversized response is refused with bounded memory.
@Suite("fail fast")
struct FailFastIntegrationTests {
    static func publicClients(_ count: Int) -> [String] {
        (0..<count).map { index in
            ManifestText.client(name: String(format: "c%02d", index), spec: [("token_endpoint_auth_method", Tricky(.string("none")))])
        }
    }

    /// A loopback URL on which nothing listens (a sandbox's port, after it stopped).
    static func closedPortURL() throws -> String {
        let closed = try SandboxProcess()
        closed.stop()
        return closed.baseURL
    }

    @Test("plan against a closed port with --timeout 2s: exit 1 within a few seconds, one error line naming the call")
    func closedPortShortTimeout() async throws {
        let url = try Self.closedPortURL()
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: url), Self.publicClients(1)[0]])
        for timeout in ["2s", "2", "2000ms"] {
            let measured = try MeasuredRun.run(["plan", path, "--timeout", timeout])
            #expect(measured.run.status == 1)
            #expect(measured.seconds < 6, "--timeout \(timeout) took \(measured.seconds) s")
            #expect(
                measured.run.stderr.contains("error: sb: GET /admin/clients: connection failed: could not connect to 127.0.0.1:"),
                "\(measured.run.stderr)")
        }
    }

    @Test("plan against a closed port with the default timeout: exit 1 in under 15 s")
    func closedPortDefaultTimeout() async throws {
        let url = try Self.closedPortURL()
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: url), Self.publicClients(1)[0]])
        let measured = try MeasuredRun.run(["plan", path])
        #expect(measured.run.status == 1)
        #expect(measured.seconds < 15, "took \(measured.seconds) s")
        #expect(measured.seconds > 3, "the default budget retries for several seconds (took \(measured.seconds) s)")
        #expect(measured.run.stderr.contains("retrying in"), "\(measured.run.stderr)")
    }

    @Test("a bad --timeout is refused before anything is sent", arguments: ["0", "-1s", "ten", "5x"])
    func badTimeout(value: String) throws {
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: "http://127.0.0.1:9"), Self.publicClients(1)[0]])
        let run = try OAuthCtlBinary.run(["plan", path, "--timeout", value])
        #expect(run.status == 1)
        #expect(run.stderr == "error: invalid --timeout '\(value)'; expected a duration such as 10s, 500ms or 2m (or plain seconds)\n")
    }

    @Test(
        "the sandbox killed mid-apply of 20 clients: exit 1 within 15 s, every client accounted for, the rest not attempted",
        arguments: [1, 4])
    func killedMidApply(parallelism: Int) async throws {
        let dir = try TemporaryDirectory()
        let state = dir.url.appendingPathComponent("state.json").path
        let sandbox = try SandboxProcess(extra: ["--state", state])
        defer { sandbox.stop() }
        _ = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/__sandbox/faults", json: #"{"rules":[],"latency_ms":\#(500 * parallelism)}"#)
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL)] + Self.publicClients(20))
        // The apply and the kill run on threads of their own: the cooperative pool may be busy with other
        // tests' blocking waits, and a sleeping task there could wake only after the apply has finished.
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<(MeasuredRun.Result?, Date?)>((nil, nil))
        let pid = sandbox.pid
        Thread.detachNewThread {
            let measured = try? MeasuredRun.run(["apply", path, "--auto-approve", "--parallelism", "\(parallelism)"])
            outcome.withLock { $0.0 = measured }
            done.signal()
        }
        // Each answer takes 0.5 s × parallelism, so 20 creates take about 10 s: kill once a first wave of
        // creates was answered (read from the sandbox's request log, so a loaded machine can't make the
        // kill land before the first create or after the last), half an answer into the next wave.
        let log = URL(string: sandbox.baseURL + "/__sandbox/requests")!
        Thread.detachNewThread {
            let started = Date()
            while Date().timeIntervalSince(started) < 30 {
                let entries = (try? JSONSerialization.jsonObject(with: Data(contentsOf: log))) as? [[String: Any]] ?? []
                if entries.filter({ $0["method"] as? String == "POST" && $0["status"] as? Int == 201 }).count >= parallelism { break }
                usleep(50_000)
            }
            usleep(UInt32(250_000 * parallelism))
            kill(pid, SIGKILL)
            outcome.withLock { $0.1 = Date() }
        }
        done.wait()
        let (result, killedAt) = outcome.withLock { $0 }
        let measured = try #require(result)
        let afterKill = Date().timeIntervalSince(try #require(killedAt, "the apply finished before the kill"))
        #expect(afterKill < 15, "oauthctl took \(afterKill) s after the kill")
        let run = measured.run
        #expect(run.status == 1, "\(run.combined)")

        // The report: one line per client (`sb/c00 created`, `sb/c03 failed: …`, `sb/c04 not attempted: …`).
        let lines = run.combined.split(separator: "\n").map(String.init).filter { $0.hasPrefix("sb/c") }
        let created = lines.filter { $0.hasSuffix(" created") }.map { String($0.dropLast(" created".count)) }
        let failed = lines.filter { $0.contains(" failed: ") }
        let skipped = lines.filter { $0.hasSuffix(" not attempted: provider 'sb' is unreachable; not sent") }
        #expect(created.count + failed.count + skipped.count == 20, "\(run.combined)")
        print(
            "parallelism \(parallelism): exit \(run.status) \(String(format: "%.1f", afterKill)) s after the kill; \(created.count) created, \(failed.count) failed, \(skipped.count) not attempted"
        )
        #expect(
            run.stdout.contains("Apply: \(created.count) succeeded, \(failed.count) failed, \(skipped.count) not attempted."),
            "\(run.stdout)")
        #expect(!created.isEmpty && !skipped.isEmpty, "the kill did not land mid-apply: \(run.combined)")
        // Failures: the writes in flight when the server died (a lost connection does not prove an outage),
        // then at most one wave that found the port closed (a refused create opens the breaker; it may have
        // been sent, so it is a failure, not a skip). Every later client was not sent.
        #expect(failed.count <= 2 * parallelism, "\(run.combined)")
        // In flight when the server died (no or a broken answer), or refused until the budget ran out.
        // The create's outcome is unknown, so it was read back, and the read-back failed too: both are named.
        #expect(
            failed.allSatisfy {
                $0.contains("failed: sb: the outcome is unknown: the write failed (POST /admin/clients: ")
                    && $0.contains("reading the client back failed too")
            }, "\(run.combined)")
        #expect(
            failed.allSatisfy {
                $0.contains("POST /admin/clients: connection failed")
                    || $0.contains("POST /admin/clients: the server sent an invalid HTTP response")
            }, "\(run.combined)")

        // The state file holds what the sandbox committed: every client reported created is there, and
        // nothing beyond the created and failed ones (a failed write may or may not have landed).
        let restarted = try SandboxProcess(extra: ["--state", state])
        defer { restarted.stop() }
        let live = try await liveIDs(restarted)
        let createdIDs = Set(created.map { String($0.dropFirst("sb/".count)) })
        let failedIDs = Set(failed.compactMap { $0.split(separator: " ").first.map { String($0.dropFirst("sb/".count)) } })
        #expect(createdIDs.isSubset(of: live), "created \(createdIDs.sorted()) live \(live.sorted())")
        #expect(live.isSubset(of: createdIDs.union(failedIDs)), "live \(live.sorted())")
    }

    @Test("an endless response body: exit 1 naming the provider and the call, memory bounded")
    func endlessBody() async throws {
        let server = try FloodServer(.endless)
        defer { server.stop() }
        try Self.expectRefused(server)
    }

    @Test("a 300 MB response body is refused without being read")
    func hugeBody() async throws {
        let server = try FloodServer(.contentLength(300 << 20))
        defer { server.stop() }
        try Self.expectRefused(server)
    }

    static func expectRefused(_ server: FloodServer) throws {
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: server.baseURL), publicClients(1)[0]])
        let measured = try MeasuredRun.run(["plan", path])
        #expect(measured.run.status == 1)
        #expect(measured.run.stderr == "error: sb: GET /admin/clients: response body exceeds 64 MB; refused\n", "\(measured.run.stderr)")
        #expect(measured.peakRSSKB > 0 && measured.peakRSSKB < 300 * 1024, "peak RSS \(measured.peakRSSKB) KB")
        #expect(measured.seconds < 30, "took \(measured.seconds) s")
        print("peak RSS \(measured.peakRSSKB / 1024) MB, \(String(format: "%.1f", measured.seconds)) s")
    }
}
