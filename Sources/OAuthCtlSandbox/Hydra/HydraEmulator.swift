/// Self-hosted Hydra (no auth unless a token is set) and Ory Network (any Bearer key, rate limits) over one
/// `HydraAPI`, with the optional state file.
final class HydraEmulator: Emulator, @unchecked Sendable {
    private let type: SandboxType
    private let token: String?
    let api: HydraAPI
    private let faults: FaultInjector
    private let log = RequestLog()
    private let limiter: RateLimiter
    private let stateFile: StateFile?

    /// Loads the state file (if any) and seeds clients into an empty store.
    init(options: SandboxOptions) throws {
        type = options.type
        token = options.token
        let stateFile = options.stateFile.map(StateFile.init(path:))
        self.stateFile = stateFile
        let store = try stateFile?.load() ?? ClientStore()
        api = HydraAPI(store: store, clock: options.clock) { store in try? stateFile?.save(store) }
        faults = FaultInjector(plan: options.faults)
        limiter = RateLimiter(writesPerMinute: options.writesPerMinute, clock: options.clock)
        if let seed = options.seed, seed > 0, store.count == 0 { api.seed(seed) }
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let (segments, path) = Self.normalize(request.path)
        if segments.first == "health", segments.count == 2, ["ready", "alive"].contains(segments[1]) {
            return .json(200, .object([("status", .string("ok"))]))
        }
        if segments == ["__sandbox", "verify_secret"], request.method == "POST" { return api.verifySecret(request) }
        if segments.first == "__sandbox" { return ControlAPI(faults: faults, log: log).handle(request, segments: segments) }
        let response = faults.outcome(method: request.method, paths: [request.path, path]).apply {
            authorizedAdmin(request, segments: segments, path: path)
        }
        log.record(request, status: response.reset ? 0 : response.status)
        return response
    }

    func stopped() {
        if let stateFile { api.store.withValue { try? stateFile.save($0) } }
    }

    private func authorizedAdmin(_ request: HTTPRequest, segments: [String], path: String) -> HTTPResponse {
        let requiresToken = type == .oryNetwork || token != nil
        if requiresToken && !Self.bearerAuthorized(request.header("authorization"), token: token) { return Self.unauthorized }
        var rateHeaders: [(String, String)] = []
        if type == .oryNetwork, let bucket = RateLimiter.bucket(method: request.method, segments: segments) {
            let (allowed, headers) = limiter.admit(bucket: bucket)
            guard allowed else { return HTTPResponse(status: 429, headers: headers) }
            rateHeaders = headers
        }
        var response = api.handle(request, segments: segments, path: path)
        response.headers += rateHeaders
        return response
    }

    /// Ory's gateway error for a missing or wrong API key.
    private static let unauthorized = HTTPResponse.json(
        401,
        .object([
            (
                "error",
                .object([
                    ("code", .number("401")), ("status", .string("Unauthorized")),
                    ("message", .string("The request could not be authorized")),
                    ("reason", .string("The request is missing a valid project API key in the Authorization header (Bearer).")),
                ])
            )
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
