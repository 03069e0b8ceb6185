/// The test-control endpoints under `/__sandbox/`: fault rules and the request log.
///
/// `POST /__sandbox/faults` adds rules (and optionally sets `latency_ms` / `failure_rate`),
/// `GET` shows them, `DELETE` clears them. `GET /__sandbox/requests` returns the redacted request
/// log, `DELETE` empties it. Control calls are neither logged, faulted, authenticated nor rate limited.
struct ControlAPI: Sendable {
    let faults: FaultInjector
    let log: RequestLog

    func handle(_ request: HTTPRequest, segments: [String]) -> HTTPResponse {
        switch (segments.dropFirst().first ?? "", request.method) {
        case ("faults", "GET"): return .json(200, faults.json)
        case ("faults", "DELETE"): faults.clear(); return HTTPResponse(status: 204)
        case ("faults", "POST"): return addFaults(request)
        case ("requests", "GET"): return .json(200, log.json)
        case ("requests", "DELETE"): log.clear(); return HTTPResponse(status: 204)
        case ("faults", _), ("requests", _): return HydraError.methodNotAllowed.response
        default: return HydraError.notFound.response
        }
    }

    private func addFaults(_ request: HTTPRequest) -> HTTPResponse {
        guard let body = try? JSONParser.parseDocument(request.body), body.objectValue != nil else {
            return HydraError.badBody("expected a JSON object like {\"rules\":[...]}").response
        }
        var rules: [FaultRule] = []
        for item in body["rules"]?.arrayValue ?? [] {
            switch FaultRule.parse(item) {
            case .success(let rule): rules.append(rule)
            case .failure(let error): return HydraError(400, HydraError.malformed, error.message).response
            }
        }
        func number(_ key: String) -> Double? {
            if case .number(let n)? = body[key] { return Double(n) }
            return nil
        }
        faults.add(rules: rules, latencyMs: number("latency_ms").map { Int($0) }, failureRate: number("failure_rate"))
        return .json(200, faults.json)
    }
}
