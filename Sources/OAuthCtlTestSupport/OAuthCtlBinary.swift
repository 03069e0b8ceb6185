import Foundation

/// Runs the built `oauthctl` executable, as a user would, and captures its output and exit code.
///
/// Output goes to temporary files, never pipes, so a chatty child can't deadlock the test.
package enum OAuthCtlBinary {
    /// The result of one run.
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
        /// stdout and stderr together, for "never appears anywhere" checks.
        package var combined: String { stdout + stderr }

        package init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The executable next to the test bundle (`swift build` puts both in the same bin folder).
    package static var url: URL {
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = bin.appendingPathComponent("oauthctl")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return repositoryRoot.appendingPathComponent(".build/debug/oauthctl")
    }

    /// The repository root (this file is `Sources/OAuthCtlTestSupport/OAuthCtlBinary.swift`).
    package static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `oauthctl arguments...` in `directory` with `environment` added to a minimal one.
    /// `signals`: (seconds after the start, signal) sent to the process while it runs.
    package static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, stdin: String? = nil,
        signals: [(after: Double, signal: Int32)] = []
    ) throws -> Result {
        let home = try TemporaryDirectory()
        let minimal = ["PATH": "/usr/bin:/bin", "HOME": home.path, "NO_COLOR": "1"]
        return try withExtendedLifetime(home) {
            try run(
                executable: url, arguments, environment: minimal.merging(environment) { _, new in new }, directory: directory, stdin: stdin,
                signals: signals)
        }
    }

    /// Runs any executable with exactly `environment`, capturing stdout, stderr and the exit status.
    package static func run(
        executable: URL, _ arguments: [String], environment: [String: String], directory: String? = nil, stdin: String? = nil,
        signals: [(after: Double, signal: Int32)] = []
    ) throws -> Result {
        let scratch = try TemporaryDirectory()
        let out = scratch.url.appendingPathComponent("stdout")
        let err = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let stdin {
            let input = scratch.url.appendingPathComponent("stdin")
            try stdin.write(to: input, atomically: true, encoding: .utf8)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        let pid = process.processIdentifier
        for (delay, number) in signals {
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { if process.isRunning { kill(pid, number) } }
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
