import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A local Ory Hydra / Ory Network admin API (or Rightbrain's OAuth-client API) on 127.0.0.1, for trying
/// oauthctl and for tests.
///
/// `start()` binds (port 0 picks a free one) and returns the base URL; `stop()` stops accepting,
/// closes connections and saves the state file. Nothing is ever printed.
public final class SandboxServer: @unchecked Sendable {
    private let options: SandboxOptions
    private let api: HydraAPI
    private let boruta: BorutaAPI?
    private let faults: FaultInjector
    private let log = RequestLog()
    private let limiter: RateLimiter
    private let stateFile: StateFile?
    private let listener = LockedValue<Listener?>(nil)
    /// Set for `--type rightbrain`, which serves `RightbrainAPI` instead of `api`.
    private let rightbrain: RightbrainAPI?

    /// Loads the state file (if any) and seeds clients; does not bind yet.
    public init(options: SandboxOptions) throws {
        guard options.host == "127.0.0.1" else { throw SandboxError.nonLoopbackAddress(options.host) }
        if options.type == .boruta, options.stateFile != nil || options.seed != nil {
            throw SandboxError.unsupported("--state and --seed are not supported for --type boruta (its store is in memory, seeded with Boruta's system clients)")
        }
        self.options = options
        let isRightbrain = options.type == .rightbrain
        let stateFile = isRightbrain ? nil : options.stateFile.map(StateFile.init(path:))
        self.stateFile = stateFile
        let store = try stateFile?.load() ?? ClientStore()
        api = HydraAPI(store: store, clock: options.clock) { store in try? stateFile?.save(store) }
        boruta = options.type == .boruta ? BorutaAPI(clock: options.clock, ciSecret: options.token) : nil
        faults = isRightbrain
            ? FaultInjector(plan: options.faults) { RightbrainError.injected($0).response }
            : FaultInjector(plan: options.faults)
        limiter = RateLimiter(writesPerMinute: options.writesPerMinute, clock: options.clock)
        rightbrain = isRightbrain ? try RightbrainAPI.make(options: options) : nil
        if let seed = options.seed, seed > 0, store.count == 0, !isRightbrain { api.seed(seed) }
    }

    /// Binds 127.0.0.1 and starts serving; returns the base URL, e.g. `http://127.0.0.1:4445`.
    @discardableResult
    public func start() throws -> URL {
        try listener.withValue { current in
            if current != nil { throw SandboxError.alreadyStarted }
            let created = try Listener(host: options.host, port: options.port, limits: HTTPLimits()) { [self] request in
                respond(to: request)
            }
            created.start()
            current = created
        }
        return baseURL ?? URL(fileURLWithPath: "/")
    }

    /// The base URL while running.
    public var baseURL: URL? {
        let path = options.type == .rightbrain ? RightbrainAPI.basePath : ""
        return listener.withValue { $0.flatMap { URL(string: "http://127.0.0.1:\($0.port)" + path) } }
    }

    /// Stops accepting, closes every connection and saves the state file. Safe to call twice.
    public func stop() {
        let current = listener.withValue { value -> Listener? in
            defer { value = nil }
            return value
        }
        current?.stop()
        if let stateFile { api.store.withValue { try? stateFile.save($0) } }
    }

    deinit { stop() }

    /// Runs until SIGINT or SIGTERM, then stops cleanly (saving state). Prints only via `printBaseURL`.
    public static func runUntilSignalled(options: SandboxOptions, printBaseURL: (String) -> Void) throws {
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
        let url = try server.start()
        printBaseURL(url.absoluteString)
        stopped.wait()
        sources.forEach { $0.cancel() }
        server.stop()
    }

    private func respond(to request: HTTPRequest) -> HTTPResponse {
        if let boruta { return respondBoruta(to: request, api: boruta) }
        if let rightbrain { return respond(to: request, rightbrain: rightbrain) }
        let (segments, path) = Self.normalize(request.path)
        if segments.first == "health", segments.count == 2, ["ready", "alive"].contains(segments[1]) {
            return .json(200, .object([("status", .string("ok"))]))
        }
        if segments == ["__sandbox", "verify_secret"], request.method == "POST" { return api.verifySecret(request) }
        if segments.first == "__sandbox" { return ControlAPI(faults: faults, log: log).handle(request, segments: segments) }
        let response = admin(request, segments: segments, path: path)
        log.record(request, status: response.reset ? 0 : response.status)
        return response
    }

    /// Boruta: no `/admin` prefix, auth by the API itself (tokens from its `/oauth/token`).
    private func respondBoruta(to request: HTTPRequest, api: BorutaAPI) -> HTTPResponse {
        var raw = request.path
        while raw.count > 1 && raw.hasSuffix("/") { raw.removeLast() }
        let segments = raw.split(separator: "/").map { PercentEncoding.decode(String($0)) ?? String($0) }
        if segments.first == "__sandbox" { return ControlAPI(faults: faults, log: log).handle(request, segments: segments) }
        let response = faults.outcome(method: request.method, paths: [request.path, raw]).apply { api.handle(request, segments: segments) }
        log.record(request, status: response.reset ? 0 : response.status)
        return response
    }

    private func admin(_ request: HTTPRequest, segments: [String], path: String) -> HTTPResponse {
        faults.outcome(method: request.method, paths: [request.path, path]).apply { authorizedAdmin(request, segments: segments, path: path) }
    }

    private func authorizedAdmin(_ request: HTTPRequest, segments: [String], path: String) -> HTTPResponse {
        let requiresToken = options.type == .oryNetwork || options.token != nil
        if requiresToken && !Self.authorized(request.header("authorization"), token: options.token) { return Self.unauthorized }
        var rateHeaders: [(String, String)] = []
        if options.type == .oryNetwork, let bucket = RateLimiter.bucket(method: request.method, segments: segments) {
            let (allowed, headers) = limiter.admit(bucket: bucket)
            guard allowed else { return HTTPResponse(status: 429, headers: headers) }
            rateHeaders = headers
        }
        var response = api.handle(request, segments: segments, path: path)
        response.headers += rateHeaders
        return response
    }

    /// Rightbrain: control calls under `/__sandbox` (also below `/api/v1`), then faults, bearer token, API.
    private func respond(to request: HTTPRequest, rightbrain: RightbrainAPI) -> HTTPResponse {
        var segments = request.path.split(separator: "/").map { PercentEncoding.decode(String($0)) ?? String($0) }
        if segments.starts(with: ["api", "v1"]) { segments.removeFirst(2) }
        if segments == ["__sandbox", "verify_secret"], request.method == "POST" { return rightbrain.verifySecret(request) }
        if segments.first == "__sandbox" { return ControlAPI(faults: faults, log: log).handle(request, segments: segments) }
        let response = rightbrainAPI(request, segments: segments, rightbrain: rightbrain)
        log.record(request, status: response.reset ? 0 : response.status)
        return response
    }

    private func rightbrainAPI(_ request: HTTPRequest, segments: [String], rightbrain: RightbrainAPI) -> HTTPResponse {
        faults.outcome(method: request.method, paths: [request.path]).apply { authorizedRightbrain(request, segments: segments, rightbrain: rightbrain) }
    }

    private func authorizedRightbrain(_ request: HTTPRequest, segments: [String], rightbrain: RightbrainAPI) -> HTTPResponse {
        if options.token != nil && !Self.authorized(request.header("authorization"), token: options.token) {
            return RightbrainError.notAuthenticated.response
        }
        guard request.path.hasPrefix(RightbrainAPI.basePath + "/") else { return RightbrainError.notFound.response }
        return rightbrain.handle(request, segments: segments)
    }

    /// With a configured token the header must match it; without one (Ory Network) any Bearer key passes.
    private static func authorized(_ header: String?, token: String?) -> Bool {
        guard let header, header.hasPrefix("Bearer "), header.count > 7 else { return false }
        guard let token, !token.isEmpty else { return true }
        return header == "Bearer " + token
    }

    /// Ory's gateway error for a missing or wrong API key.
    private static let unauthorized = HTTPResponse.json(401, .object([
        ("error", .object([
            ("code", .number("401")), ("status", .string("Unauthorized")),
            ("message", .string("The request could not be authorized")),
            ("reason", .string("The request is missing a valid project API key in the Authorization header (Bearer).")),
        ])),
    ]))

    /// Percent-decoded segments with the `/admin` prefix added and a trailing slash trimmed, plus the
    /// normalized raw path as Hydra's middlewares see it.
    static func normalize(_ rawPath: String) -> ([String], String) {
        var raw = rawPath
        while raw.count > 1 && raw.hasSuffix("/") { raw.removeLast() }
        var segments = raw.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            PercentEncoding.decode(String($0)) ?? String($0)
        }
        if let first = segments.first, first != "admin", first != "health", first != "__sandbox" {
            segments.insert("admin", at: 0)
            raw = "/admin" + raw
        }
        return (segments, raw)
    }
}
