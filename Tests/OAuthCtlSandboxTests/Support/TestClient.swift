import Foundation

@testable import OAuthCtlSandbox

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny HTTP/1.1 client over one keep-alive socket, so tests see exact bytes, headers and resets.
final class TestClient {
    struct Response {
        let status: Int
        let headers: [(String, String)]
        let body: [UInt8]

        func header(_ name: String) -> String? { headers.first { $0.0 == name.lowercased() }?.1 }
        func headers(_ name: String) -> [String] { headers.filter { $0.0 == name.lowercased() }.map(\.1) }
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue? { try? JSONParser.parseDocument(body) }
    }

    struct Closed: Error {}

    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw Closed() }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func sendRaw(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return -1 }
                return Glibc.send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return }
            offset += n
        }
    }

    func send(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        let bodyBytes = Array((body ?? "").utf8)
        if body != nil { head += "Content-Type: application/json\r\nContent-Length: \(bodyBytes.count)\r\n" }
        sendRaw(Array((head + "\r\n").utf8) + bodyBytes)
        return try readResponse()
    }

    /// Reads one response; throws `Closed` on EOF or reset.
    func readResponse() throws -> Response {
        while RequestParser.headEnd(in: buffer) == nil { try fill() }
        let end = RequestParser.headEnd(in: buffer) ?? 0
        let lines = String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers.first { $0.0 == "content-length" }?.1 ?? "0") ?? 0
        while buffer.count < end + length { try fill() }
        let body = Array(buffer[end..<(end + length)])
        buffer.removeFirst(end + length)
        return Response(status: status, headers: headers, body: body)
    }

    /// True when the server closed (or reset) the connection; false when bytes arrive or the read times out
    /// (20 seconds), so a server that never closes fails the test instead of passing it.
    func isClosedByServer() -> Bool {
        do { try fill(); return false } catch is Closed { return true } catch { return false }
    }

    /// True when, for `seconds`, the server neither closes the connection nor sends anything.
    func staysOpen(for seconds: Double) -> Bool {
        var short = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &short, socklen_t(MemoryLayout<timeval>.size))
        defer {
            var timeout = timeval(tv_sec: 20, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        do { try fill(); return false } catch is TimedOut { return true } catch { return false }
    }

    struct TimedOut: Error {}

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw TimedOut() }
        guard n > 0 else { throw Closed() }
        buffer.append(contentsOf: chunk[0..<n])
    }
}
