import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP listener on 127.0.0.1 that runs one thread per connection and can be shut down cleanly.
final class Listener: @unchecked Sendable {
    private let listenFD: Int32
    private let limits: HTTPLimits
    private let handler: Connection.Handler
    private let open = LockedValue<(running: Bool, fds: Set<Int32>)>((true, []))
    private let finished = DispatchSemaphore(value: 0)
    /// The bound port (useful when 0 was asked for).
    let port: Int

    /// Binds and listens; throws for any host other than `127.0.0.1`.
    init(host: String, port: Int, limits: HTTPLimits, handler: @escaping Connection.Handler) throws {
        guard host == "127.0.0.1" else { throw SandboxError.nonLoopbackAddress(host) }
        guard (0...65535).contains(port) else { throw SandboxError.invalidPort(port) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SandboxError.socket("socket", errno) }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 512) == 0 else {
            let code = errno
            close(fd)
            throw SandboxError.socket("bind 127.0.0.1:\(port)", code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.listenFD = fd
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.limits = limits
        self.handler = handler
    }

    /// Starts the accept loop on a background thread.
    func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func acceptLoop() {
        defer { finished.signal() }
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if errno == EMFILE || errno == ENFILE { usleep(10_000); continue }
                return
            }
            let admitted = open.withValue { state -> Bool in
                guard state.running, state.fds.count < limits.maxConnections else { return false }
                state.fds.insert(client)
                return true
            }
            guard admitted else { close(client); continue }
            let connection = Connection(fd: client, limits: limits, handler: handler)
            let thread = Thread { [self] in
                connection.run()
                // Closed under the lock: `stop` shuts down only descriptors still in the set, so never one
                // that was closed and handed out again by the kernel.
                open.withValue { state in
                    state.fds.remove(client)
                    close(client)
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Stops accepting, wakes every connection thread and waits for the accept loop to end.
    ///
    /// Connections are shut down under the lock their threads close them under, and the listening socket is
    /// closed only after the accept loop has ended, so no call here touches a descriptor number the kernel
    /// may have reused.
    func stop() {
        let stopping = open.withValue { state -> Bool in
            guard state.running else { return false }
            state.running = false
            for fd in state.fds { shutdown(fd, Int32(SHUT_RDWR)) }
            return true
        }
        guard stopping else { return }
        shutdown(listenFD, Int32(SHUT_RDWR))
        if finished.wait(timeout: .now() + 2) == .success { close(listenFD) }
    }
}
