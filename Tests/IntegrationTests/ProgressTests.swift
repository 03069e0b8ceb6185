import Foundation
import OAuthCtlTestSupport
import Testing

/// Issue 13: a long apply shows progress: a live line on a terminal, a line per client on a pipe.
@Suite("apply progress")
struct ProgressTests {
    @Test("on a pipe: one plain line per finished client, no escape codes")
    func pipe() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(
            dir, [ManifestText.provider(url: sandbox.baseURL)] + (0..<5).map { FaultTests.publicClient("p\($0)") })
        let run = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--parallelism", "1"])
        #expect(run.status == 0, "\(run.combined)")
        let lines = run.stderr.split(separator: "\n").filter { $0.hasPrefix("progress: ") }
        #expect(lines == (0..<5).map { "progress: \($0 + 1)/5 done (sb/p\($0): created)" }, "\(run.stderr)")
        #expect(!run.combined.contains("\u{1B}"))
    }

    @Test("on a terminal: one live line, redrawn in place, cleared before the report")
    func terminal() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(
            dir, [ManifestText.provider(url: sandbox.baseURL)] + (0..<4).map { FaultTests.publicClient("t\($0)") })
        let output = try ConfirmationTests().runOnTerminal(["apply", path, "--parallelism", "1"], answer: "yes")
        for done in 1...4 { #expect(output.contains("\rApplying: \(done)/4 done"), "\(output.debugDescription)") }
        #expect(output.contains("Applying: 1/4 done, about "), "an estimate of the time left")
        #expect(!output.contains("progress: "), "no per-client lines on a terminal")
        #expect(!output.contains("\u{1B}"), "no escape codes (TERM=dumb works too)")
        let last = try #require(output.range(of: "\rApplying: 4/4 done", options: .backwards))
        let cleared = try #require(output[last.upperBound...].range(of: "\r"), "the line is cleared")
        #expect(output[cleared.upperBound...].contains("Apply: 4 succeeded, 0 failed, 0 not attempted."))
    }
}
