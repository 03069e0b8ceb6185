import Foundation
import OAuthCtlTestSupport
import Testing

/// On a terminal, apply asks for confirmation and acts only on 'yes' (a pseudo-terminal via `script`).
@Suite("confirmation prompt")
struct ConfirmationTests {
    /// Runs `oauthctl args` under `script` (a pty) with `answer` typed at the prompt.
    func runOnTerminal(_ args: [String], answer: String) throws -> String {
        let scratch = try TemporaryDirectory()
        let input = try scratch.write("answer", answer + "\n")
        let output = scratch.url.appendingPathComponent("out").path
        let command = ([OAuthCtlBinary.url.path] + args).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1", "TERM": "dumb"]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        try process.run()
        process.waitUntilExit()
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    @Test("'no' cancels and changes nothing; 'yes' applies")
    func promptDecides() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let path = try writeManifests(dir, sandbox: sandbox, clients: [publicClient("a")])
        let declined = try runOnTerminal(["apply", path], answer: "no")
        #expect(declined.contains("Do you want to apply these changes?"))
        #expect(declined.contains("Apply cancelled; nothing was changed."))
        #expect(try await liveIDs(sandbox).isEmpty)
        let accepted = try runOnTerminal(["apply", path], answer: "yes")
        #expect(accepted.contains("sb/a created"), "\(accepted)")
        #expect(try await liveIDs(sandbox) == ["a"])
    }
}
