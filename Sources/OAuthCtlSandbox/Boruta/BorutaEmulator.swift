/// Boruta: no `/admin` prefix, auth by the API itself (tokens from its `/oauth/token`); in-memory store.
final class BorutaEmulator: Emulator, @unchecked Sendable {
    private let api: BorutaAPI
    private let faults: FaultInjector
    private let log = RequestLog()

    init(options: SandboxOptions) throws {
        if options.stateFile != nil || options.seed != nil {
            throw SandboxError.unsupported(
                "--state and --seed are not supported for --type boruta (its store is in memory, seeded with Boruta's system clients)")
        }
        api = BorutaAPI(clock: options.clock, ciSecret: options.token)
        faults = FaultInjector(plan: options.faults)
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        var raw = request.path
        while raw.count > 1 && raw.hasSuffix("/") { raw.removeLast() }
        let segments = raw.split(separator: "/").map { PercentEncoding.decode(String($0)) ?? String($0) }
        if segments.first == "__sandbox" { return ControlAPI(faults: faults, log: log).handle(request, segments: segments) }
        let response = faults.outcome(method: request.method, paths: [request.path, raw]).apply { api.handle(request, segments: segments) }
        log.record(request, status: response.reset ? 0 : response.status)
        return response
    }
}
