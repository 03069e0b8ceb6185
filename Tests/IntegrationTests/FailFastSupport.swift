import Foundation
import OAuthCtlTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback server whose every answer is a body too large to keep: an endless chunked stream, or a
/// `Content-Length` of `size` bytes followed by that many bytes. One thread per connection; `stop()` closes it.
final class FloodServer: @unchecked Sendable {
    enum Mode: Sendable {
        case endless
        case contentLength(Int)
    }

    let port: UInt16
    let mode: Mode
    private let listener: Int32

    init(_ mode: Mode) throws {
        self.mode = mode
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard fd >= 0, bound, listen(fd, 16) == 0 else {
            close(fd)
            throw TestFailure("could not listen on 127.0.0.1")
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                Thread.detachNewThread { [self] in serve(connection) }
            }
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var seen = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !seen.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) || seen.count < 4 {
            let count = recv(connection, &buffer, 1, 0)
            guard count > 0 else { return }
            seen.append(buffer[0])
        }
        let piece = [UInt8](repeating: UInt8(ascii: " "), count: 1 << 16)
        switch mode {
        case .endless:
            guard send(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n") else {
                return
            }
            let chunk = Array("10000\r\n".utf8) + piece + Array("\r\n".utf8)
            while send(connection, chunk) {}
        case .contentLength(let size):
            guard send(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(size)\r\n\r\n") else { return }
            var left = size
            while left > 0, send(connection, Array(piece.prefix(left))) { left -= min(left, piece.count) }
        }
    }

    private func send(_ connection: Int32, _ text: String) -> Bool { send(connection, Array(text.utf8)) }

    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return -1 }
                return Glibc.send(connection, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }
}

/// Runs `oauthctl` like `OAuthCtlBinary.run`, and also measures the child's peak resident memory
/// (`VmHWM` of /proc/PID/status, polled until it exits) and its wall-clock time.
enum MeasuredRun {
    struct Result {
        var run: OAuthCtlBinary.Result
        var peakRSSKB: Int
        var seconds: Double
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let scratch = try TemporaryDirectory()
        let out = scratch.url.appendingPathComponent("stdout"), err = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = OAuthCtlBinary.url
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": scratch.path, "NO_COLOR": "1"].merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        var peak = 0
        let status = "/proc/\(process.processIdentifier)/status"
        while process.isRunning {
            if let text = try? String(contentsOfFile: status, encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
            {
                peak = max(peak, kb)
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        let result = OAuthCtlBinary.Result(
            status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        return Result(run: result, peakRSSKB: peak, seconds: Date().timeIntervalSince(start))
    }
}
