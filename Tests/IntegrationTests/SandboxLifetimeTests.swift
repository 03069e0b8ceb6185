import Foundation
import OAuthCtlTestSupport
import Testing

/// Sandboxes started by a test run stop themselves when the run dies before it can stop them
/// (`--exit-with-parent`, which `SandboxProcess` always passes).
@Suite("sandbox lifetime")
struct SandboxLifetimeTests {
    /// True while `pid` is a live process (a zombie, exited but not yet reaped, is not).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        return !status.contains("State:\tZ")
    }

    @Test("a sandbox started with --exit-with-parent stops once the process that started it is killed; without it, it runs on")
    func stopsWithItsParent() throws {
        let dir = try TemporaryDirectory()
        // A shell starts two sandboxes, prints their PIDs, then waits; killing the shell orphans them.
        let binary = OAuthCtlBinary.url.path
        let pidFile = "\(dir.path)/pids"
        let script = """
            "\(binary)" sandbox --listen 127.0.0.1:0 --exit-with-parent > "\(dir.path)/with.out" 2>/dev/null < /dev/null &
            echo $! > "\(pidFile).tmp"
            "\(binary)" sandbox --listen 127.0.0.1:0 > "\(dir.path)/without.out" 2>/dev/null < /dev/null &
            echo $! >> "\(pidFile).tmp"
            mv "\(pidFile).tmp" "\(pidFile)"
            exec sleep 60
            """
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script]
        shell.standardInput = FileHandle.nullDevice
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        var pids: [Int32] = []
        for _ in 0..<200 where pids.count < 2 {
            pids = ((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
            if pids.count < 2 { usleep(25_000) }
        }
        try #require(pids.count == 2)
        let (with, without) = (pids[0], pids[1])
        defer {
            kill(with, SIGKILL)
            kill(without, SIGKILL)
        }
        // Both serve before the parent dies.
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: "\(dir.path)/with.out") { usleep(10_000) }
        for _ in 0..<200 {
            let printed = (try? String(contentsOfFile: "\(dir.path)/with.out", encoding: .utf8)) ?? ""
            if printed.contains("\n") { break }
            usleep(25_000)
        }
        #expect(Self.isRunning(with) && Self.isRunning(without))
        kill(shell.processIdentifier, SIGKILL)
        for _ in 0..<100 where Self.isRunning(with) { usleep(50_000) }
        #expect(!Self.isRunning(with), "the sandbox outlived the process that started it")
        #expect(Self.isRunning(without), "a sandbox started without --exit-with-parent should run until it is stopped")
    }
}
