import Foundation

#if canImport(Glibc)
    import Glibc
    private let streamSocket = Int32(SOCK_STREAM.rawValue)
    private let sendFlags = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
    import Darwin
    private let streamSocket = SOCK_STREAM
    private let sendFlags: Int32 = 0
#endif

/// A request as the stub received it; header names lower-cased.
struct StubRequest: Sendable {
    var method: String
    var target: String
    var headers: [String: String]
    var body: Data
}

/// What the stub answers: a status, header fields in order (repeats allowed) and a body, or silence.
enum StubReply: Sendable {
    case reply(status: Int, headers: [(String, String)], body: Data)
    /// Read the request and never answer (for timeouts).
    case silence
    /// A 200 whose chunked body never ends: chunks are sent until the client goes away.
    case endless
}

/// A tiny HTTP/1.1 server on 127.0.0.1 with an ephemeral port, one thread per connection.
final class LoopbackStub: @unchecked Sendable {
    let port: UInt16
    let received = Locked<[StubRequest]>([])
    private let listener: Int32
    private let open = Locked<[Int32]>([])
    private let responder: @Sendable (StubRequest) -> StubReply

    init(_ responder: @escaping @Sendable (StubRequest) -> StubReply) throws {
        self.responder = responder
        let (socket, port) = try Self.bindLoopback()
        guard listen(socket, 16) == 0 else {
            close(socket)
            throw POSIXError(.EADDRINUSE)
        }
        listener = socket
        self.port = port
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops accepting and closes every connection still open.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in open.withLock({ fds in
            defer { fds = [] }
            return fds
        }) {
            shutdown(connection, Int32(SHUT_RDWR))
            close(connection)
        }
    }

    /// A socket bound to 127.0.0.1 on a port the kernel picks, and that port.
    static func bindLoopback() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            open.withLock { $0.append(connection) }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        guard let request = readRequest(connection) else { return finish(connection) }
        received.withLock { $0.append(request) }
        let reply = responder(request)
        if case .endless = reply { return stream(connection) }
        guard case .reply(let status, let headers, let body) = reply else { return }
        var head = "HTTP/1.1 \(status) Stub\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        write(connection, Data((head + "\r\n").utf8) + body)
        finish(connection)
    }

    private func stream(_ connection: Int32) {
        write(connection, Data("HTTP/1.1 200 Stub\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
        let chunk = Data("10000\r\n".utf8) + Data(repeating: UInt8(ascii: " "), count: 0x10000) + Data("\r\n".utf8)
        while write(connection, chunk) {}
        finish(connection)
    }

    private func finish(_ connection: Int32) {
        let owned = open.withLock { fds in
            guard let index = fds.firstIndex(of: connection) else { return false }
            fds.remove(at: index)
            return true
        }
        if owned { close(connection) }
    }

    private func readRequest(_ connection: Int32) -> StubRequest? {
        var buffer = Data()
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            guard let chunk = readChunk(connection) else { return nil }
            buffer += chunk
        }
        guard let end = buffer.range(of: separator) else { return nil }
        let lines = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = (lines.first ?? "").split(separator: " ").map(String.init)
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        if headers["expect"]?.lowercased() == "100-continue" { write(connection, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }
        var body = Data(buffer[end.upperBound...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < length {
            guard let chunk = readChunk(connection) else { return nil }
            body += chunk
        }
        return StubRequest(method: requestLine[0], target: requestLine[1], headers: headers, body: body)
    }

    private func readChunk(_ connection: Int32) -> Data? {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = recv(connection, &bytes, bytes.count, 0)
        return count > 0 ? Data(bytes[0..<count]) : nil
    }

    /// Sends all of `data`; false when the peer went away first.
    @discardableResult
    private func write(_ connection: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let sent = send(connection, base + offset, raw.count - offset, sendFlags)
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }
}
