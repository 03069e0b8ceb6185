import Foundation
import OAuthCtlCLI

/// A console that records what a command writes, for in-process runs of `OAuthCtl.run`.
final class CapturingConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    let environment: [String: String]
    let stdoutIsTerminal: Bool
    let stderrIsTerminal: Bool

    init(environment: [String: String] = [:], stdoutIsTerminal: Bool = false, stderrIsTerminal: Bool = false) {
        self.environment = environment
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
    }

    var stdout: String { lock.withLock { outText } }
    var stderr: String { lock.withLock { errText } }

    var console: Console {
        Console(
            out: { text in self.lock.withLock { self.outText += text } },
            err: { text in self.lock.withLock { self.errText += text } },
            stdoutIsTerminal: stdoutIsTerminal, stderrIsTerminal: stderrIsTerminal, environment: environment)
    }
}

/// The result of one in-process run.
struct RunResult {
    var exitCode: ExitCode
    var stdout: String
    var stderr: String
}

/// Runs `oauthctl ARGS...` in process with a capturing console.
func runOAuthCtl(
    _ arguments: [String], environment: [String: String] = [:], stderrIsTerminal: Bool = false,
    stdoutIsTerminal: Bool = false
) async -> RunResult {
    let capture = CapturingConsole(
        environment: environment, stdoutIsTerminal: stdoutIsTerminal, stderrIsTerminal: stderrIsTerminal)
    let code = await OAuthCtl.run(arguments, console: capture.console)
    return RunResult(exitCode: code, stdout: capture.stdout, stderr: capture.stderr)
}

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
