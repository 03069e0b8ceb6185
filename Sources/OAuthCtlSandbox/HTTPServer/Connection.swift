import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One accepted TCP connection: reads requests (keep-alive), calls the handler, writes responses.
///
/// Runs on its own thread. Every wait is bounded by `HTTPLimits`, so a slow or silent client
/// only ever holds its own thread, and a shutdown of the socket wakes it up.
final class Connection: @unchecked Sendable {
    typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    private let fd: Int32
    private let limits: HTTPLimits
    private let handler: Handler
    private var buffer: [UInt8] = []

    init(fd: Int32, limits: HTTPLimits, handler: @escaping Handler) {
        self.fd = fd
        self.limits = limits
        self.handler = handler
    }

    /// Serves requests until the client closes, a limit is hit or the server shuts the socket down.
    func run() {
        var noDelay: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var sendTimeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        while serveOne() {}
    }

    /// Handles one request; returns whether to keep the connection open.
    private func serveOne() -> Bool {
        let idleDeadline = monotonicNow() + limits.idleTimeoutSeconds
        var requestDeadline = buffer.isEmpty ? Double.infinity : monotonicNow() + limits.requestTimeoutSeconds
        var scanned = 0
        var headEnd: Int? = RequestParser.headEnd(in: buffer)
        while headEnd == nil {
            if buffer.count > limits.maxHeaderBytes {
                write(HTTPErrorBody.response(431, "Request Header Fields Too Large"), keepAlive: false)
                return false
            }
            scanned = buffer.count
            let deadline = buffer.isEmpty ? idleDeadline : requestDeadline
            guard readMore(until: deadline) else { return false }
            if requestDeadline == .infinity { requestDeadline = monotonicNow() + limits.requestTimeoutSeconds }
            headEnd = RequestParser.headEnd(in: buffer, from: scanned)
        }
        guard let end = headEnd else { return false }
        if end > limits.maxHeaderBytes {
            write(HTTPErrorBody.response(431, "Request Header Fields Too Large"), keepAlive: false)
            return false
        }
        var request: HTTPRequest
        let length: Int
        do {
            (request, length) = try RequestParser.parseHead(buffer[0..<end])
        } catch RequestParser.Failure.chunkedUnsupported {
            write(HTTPErrorBody.response(411, "Length Required"), keepAlive: false)
            return false
        } catch {
            write(HTTPErrorBody.response(400, "Bad Request"), keepAlive: false)
            return false
        }
        if length > limits.maxBodyBytes {
            write(HTTPErrorBody.response(413, "Request Entity Too Large"), keepAlive: false)
            return false
        }
        while buffer.count < end + length {
            guard readMore(until: requestDeadline) else { return false }
        }
        request.body = Array(buffer[end..<(end + length)])
        buffer.removeFirst(end + length)
        let response = handler(request)
        if response.reset {
            resetConnection()
            return false
        }
        let keepAlive = request.keepAlive && !response.close
        return write(response, keepAlive: keepAlive) && keepAlive
    }

    /// Waits for bytes until `deadline` (monotonic seconds); false on timeout, EOF or error.
    private func readMore(until deadline: Double) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let remaining = deadline - monotonicNow()
            if remaining <= 0 { return false }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(min(remaining, limits.pollIntervalSeconds) * 1000) + 1)
            if ready < 0 {
                if errno == EINTR { continue }
                return false
            }
            if ready == 0 { continue }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            return false
        }
    }

    @discardableResult
    private func write(_ response: HTTPResponse, keepAlive: Bool) -> Bool {
        let bytes = response.serialized(keepAlive: keepAlive)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Closes with RST (SO_LINGER 0) so the client sees a connection reset.
    private func resetConnection() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    private func monotonicNow() -> Double { limits.clock() }
}
