import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A local Ory Hydra / Ory Network admin API, Boruta admin API or Rightbrain OAuth-client API on 127.0.0.1,
/// for trying oauthctl and for tests. The listener is this type's; the server itself is an `Emulator`.
///
/// `start()` binds (port 0 picks a free one) and returns the base URL; `stop()` stops accepting,
/// closes connections and saves the state file. Nothing is ever printed.
package final class SandboxServer: @unchecked Sendable {
    private let options: SandboxOptions
    /// The server `options.type` names; everything after the HTTP layer.
    private let emulator: any Emulator
    private let listener = LockedValue<Listener?>(nil)

    /// Loads the state file (if any) and seeds clients; does not bind yet.
    package init(options: SandboxOptions) throws {
        guard options.host == "127.0.0.1" else { throw SandboxError.nonLoopbackAddress(options.host) }
        self.options = options
        emulator =
            switch options.type {
            case .hydra, .oryNetwork: try HydraEmulator(options: options)
            case .boruta: try BorutaEmulator(options: options)
            case .rightbrain: try RightbrainEmulator(options: options)
            }
    }

    /// Binds 127.0.0.1 and starts serving; returns the base URL, e.g. `http://127.0.0.1:4445`.
    @discardableResult
    package func start() throws -> URL {
        try listener.withValue { current in
            if current != nil { throw SandboxError.alreadyStarted }
            let created = try Listener(host: options.host, port: options.port, limits: HTTPLimits()) { [emulator] request in
                emulator.respond(to: request)
            }
            created.start()
            current = created
        }
        return baseURL ?? URL(fileURLWithPath: "/")
    }

    /// The base URL while running.
    package var baseURL: URL? {
        listener.withValue { $0.flatMap { URL(string: "http://127.0.0.1:\($0.port)" + emulator.basePath) } }
    }

    /// Stops accepting, closes every connection and saves the state file. Safe to call twice.
    package func stop() {
        let current = listener.withValue { value -> Listener? in
            defer { value = nil }
            return value
        }
        current?.stop()
        emulator.stopped()
    }

    deinit { stop() }

    /// Runs until SIGINT or SIGTERM, then stops cleanly (saving state). Prints only via `printBaseURL`.
    /// Calls `orphaned` once the parent process has exited (the sandbox then has another parent), checking
    /// twice a second.
    private static func watchParent(_ orphaned: @escaping @Sendable () -> Void) -> DispatchSourceTimer {
        let parent = getppid()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
        timer.setEventHandler {
            if getppid() != parent { orphaned() }
        }
        timer.resume()
        return timer
    }

    package static func runUntilSignalled(options: SandboxOptions, printBaseURL: (String) -> Void) throws {
        let server = try SandboxServer(options: options)
        let stopped = DispatchSemaphore(value: 0)
        // Ignore the default action process-wide and watch the signals on a dispatch source, so the
        // signal is handled whichever thread it is delivered to.
        let sources = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopped.signal() }
            source.resume()
            return source
        }
        let orphaned = options.exitWithParent ? watchParent { stopped.signal() } : nil
        let url = try server.start()
        printBaseURL(url.absoluteString)
        stopped.wait()
        sources.forEach { $0.cancel() }
        orphaned?.cancel()
        server.stop()
    }
}
