import Foundation

/// An `oauthctl sandbox` child process on a free loopback port, stopped by PID.
package final class SandboxProcess: @unchecked Sendable {
    package let baseURL: String
    package let pid: Int32
    private let process: Process
    private let scratch: TemporaryDirectory

    /// Starts `oauthctl sandbox --type TYPE --listen 127.0.0.1:0 --exit-with-parent extra...` and waits for its base URL.
    package init(type: String = "hydra", extra: [String] = [], environment: [String: String] = [:]) throws {
        scratch = try TemporaryDirectory()
        let out = scratch.url.appendingPathComponent("sandbox.out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        process = Process()
        process.executableURL = OAuthCtlBinary.url
        // A test process that crashes can't stop its sandboxes: they stop themselves once it is gone.
        process.arguments = ["sandbox", "--type", type, "--listen", "127.0.0.1:0", "--exit-with-parent"] + extra
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        pid = process.processIdentifier
        var url = ""
        for _ in 0..<200 {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, text.contains("\n") {
                url = String(line)
                break
            }
            usleep(25_000)
        }
        guard url.hasPrefix("http://127.0.0.1:") else {
            kill(pid, SIGKILL)
            throw SandboxStartError(message: "the sandbox did not print its base URL")
        }
        baseURL = url
    }

    /// Stops the sandbox (SIGTERM, then SIGKILL) and waits for it.
    package func stop() {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        for _ in 0..<100 where process.isRunning { usleep(20_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// The sandbox could not be started.
package struct SandboxStartError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
