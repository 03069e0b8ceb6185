/// Rightbrain: control calls under `/__sandbox` (also below `/api/v1`), then faults, bearer token, API.
final class RightbrainEmulator: Emulator, @unchecked Sendable {
    private let api: RightbrainAPI
    private let token: String?
    private let faults: FaultInjector
    private let log = RequestLog()

    var basePath: String { RightbrainAPI.basePath }

    init(options: SandboxOptions) throws {
        api = try RightbrainAPI.make(options: options)
        token = options.token
        faults = FaultInjector(plan: options.faults) { RightbrainError.injected($0).response }
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        var segments = request.path.split(separator: "/").map { PercentEncoding.decode(String($0)) ?? String($0) }
        if segments.starts(with: ["api", "v1"]) { segments.removeFirst(2) }
        if segments == ["__sandbox", "verify_secret"], request.method == "POST" { return api.verifySecret(request) }
        if segments.first == "__sandbox" { return ControlAPI(faults: faults, log: log).handle(request, segments: segments) }
        let response = faults.outcome(method: request.method, paths: [request.path]).apply { authorized(request, segments: segments) }
        log.record(request, status: response.reset ? 0 : response.status)
        return response
    }

    private func authorized(_ request: HTTPRequest, segments: [String]) -> HTTPResponse {
        if token != nil && !Self.bearerAuthorized(request.header("authorization"), token: token) {
            return RightbrainError.notAuthenticated.response
        }
        guard request.path.hasPrefix(RightbrainAPI.basePath + "/") else { return RightbrainError.notFound.response }
        return api.handle(request, segments: segments)
    }
}
