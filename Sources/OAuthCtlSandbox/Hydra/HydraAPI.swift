import Foundation

/// Hydra's admin API for OAuth 2.0 clients (`hydra.md` §1–§3), over a `ClientStore`.
///
/// Paths arrive normalized (`/admin` prefix added, trailing slash trimmed) and split into
/// percent-decoded segments. Every write runs `ClientValidator` and then `persist`.
final class HydraAPI: @unchecked Sendable {
    let store: LockedValue<ClientStore>
    let validator = ClientValidator()
    let tokens: PageToken
    let clock: SandboxClock
    /// Called with the store after every successful write, inside the store lock.
    let persist: @Sendable (ClientStore) -> Void

    init(store: ClientStore, clock: SandboxClock, persist: @escaping @Sendable (ClientStore) -> Void) {
        self.store = LockedValue(store)
        self.clock = clock
        self.persist = persist
        tokens = PageToken(key: (0..<32).map { _ in UInt8.random(in: 0...255) })
    }

    /// Routes one request; `segments` is the normalized path (`["admin", "clients", id, …]`).
    func handle(_ request: HTTPRequest, segments: [String], path: String) -> HTTPResponse {
        guard segments.count >= 2, segments[0] == "admin", segments[1] == "clients" else { return HydraError.notFound.response }
        let result: Result<HTTPResponse, HydraError>
        switch (segments.count, request.method) {
        case (2, "GET"): result = list(request, path: path)
        case (2, "POST"): result = create(request)
        case (2, _): return methodNotAllowed("GET, POST")
        case (3, "GET"): result = get(segments[2])
        case (3, "PUT"): result = replace(segments[2], request)
        case (3, "PATCH"): result = patch(segments[2], request)
        case (3, "DELETE"): result = delete(segments[2])
        case (3, _): return methodNotAllowed("GET, PUT, PATCH, DELETE")
        case (4, "PUT") where segments[3] == "lifespans": result = setLifespans(segments[2], request)
        case (4, _) where segments[3] == "lifespans": return methodNotAllowed("PUT")
        case (5, "POST") where segments[3] == "secrets" && segments[4] == "rotate": result = rotate(segments[2])
        case (5, "DELETE") where segments[3] == "secrets" && segments[4] == "rotate": result = clearRotated(segments[2])
        case (5, _) where segments[3] == "secrets" && segments[4] == "rotate": return methodNotAllowed("POST, DELETE")
        default: return HydraError.notFound.response
        }
        switch result {
        case .success(let response): return response
        case .failure(let error): return error.response
        }
    }

    private func methodNotAllowed(_ allow: String) -> HTTPResponse {
        var response = HydraError.methodNotAllowed.response
        response.headers.append(("Allow", allow))
        return response
    }

    func get(_ id: String) -> Result<HTTPResponse, HydraError> {
        guard let client = store.withValue({ $0[id] }) else { return .failure(.notFound) }
        return .success(.json(200, client.render(echo: false), headers: Self.noCache))
    }

    func delete(_ id: String) -> Result<HTTPResponse, HydraError> {
        store.withValue { s in
            guard s.delete(id) else { return .failure(.notFound) }
            persist(s)
            return .success(HTTPResponse(status: 204))
        }
    }

    static let noCache = [("Cache-Control", "private, no-cache, no-store, must-revalidate")]

    /// Pre-creates `count` deterministic clients (`sandbox-00001`…) with secret `sandbox-secret-00001`….
    func seed(_ count: Int) {
        let now = clock.now()
        store.withValue { s in
            for n in 1...max(1, count) {
                let suffix = String(repeating: "0", count: max(0, 5 - String(n).count)) + String(n)
                var client = HydraClient()
                client.set("client_id", "sandbox-" + suffix)
                client.set("client_name", "Sandbox client " + suffix)
                client.values["grant_types"] = .array([.string("client_credentials")])
                client.values["response_types"] = .array([])
                try? validator.validate(&client, secret: "")
                client.secretHash = SecretHasher.hash("sandbox-secret-" + suffix)
                client.createdAt = RFC3339.roundedToSecond(now)
                client.updatedAt = RFC3339.truncatedToMicrosecond(now)
                _ = s.insert(client)
            }
            persist(s)
        }
    }
}
