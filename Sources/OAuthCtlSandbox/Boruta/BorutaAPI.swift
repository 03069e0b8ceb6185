import Foundation

/// Boruta's admin API (`/api/clients` and the lookups it needs) and its OAuth token endpoint, as
/// boruta.md §1–§8 record them. Admin and OAuth share one port here (Boruta uses two).
///
/// This file routes and checks bearer tokens; the seed, the client handlers, the token endpoint and form
/// parsing live in `BorutaAPI+Seed`, `BorutaAPI+Clients`, `BorutaAPI+Token` and `BorutaForm`.
final class BorutaAPI: @unchecked Sendable {
    /// `BORUTA_ADMIN_OAUTH_CLIENT_ID`'s default: the admin UI client, write-protected.
    static let adminUIClientID = "6a2f41a3-c54c-fce8-32d2-0324e1c32e20"
    /// The seeded client for oauthctl (client credentials; `clients:manage:all` and friends).
    static let ciClientID = "5ab0c11e-0000-4000-8000-000000000001"
    static let defaultCISecret = "sandbox-admin-secret"
    /// The seeded identity provider.
    static let identityProviderID = "9bd7c9a5-53f5-4c1d-8f1a-3e0b5a1e7c01"

    let state: LockedValue<BorutaState>
    let clock: SandboxClock
    /// `/oauth/token` requests in the current second, for the ~10 req/s limit (boruta.md §1).
    let tokenWindow = LockedValue<(second: Int, count: Int)>((0, 0))
    static let tokenRequestsPerSecond = 10

    init(clock: SandboxClock, ciSecret: String?, issuer: String = "http://localhost:4000") {
        self.clock = clock
        state = LockedValue(Self.seed(ciSecret: ciSecret ?? Self.defaultCISecret, issuer: issuer))
    }

    /// Routes one request by its raw path's segments (percent-decoded).
    func handle(_ request: HTTPRequest, segments: [String]) -> HTTPResponse {
        if segments == ["oauth", "token"] {
            return request.method == "POST" ? token(request) : BorutaError.noRoute(request).response
        }
        guard segments.first == "api", segments.count >= 2 else { return BorutaError.noRoute(request).response }
        // The :api pipeline: accepts json (406), then require_authenticated (401), then the controller's scope (403).
        if let accept = request.header("accept"), !Self.acceptsJSON(accept) { return BorutaError.notAcceptable.response }
        let rest = Array(segments.dropFirst())
        switch (rest[0], rest.count, request.method) {
        case ("clients", 1, "GET"): return authorized(request, allOf: ["clients:manage:all"]) { self.listClients() }
        case ("clients", 1, "POST"): return authorized(request, allOf: ["clients:manage:all"]) { self.create(request) }
        case ("clients", 2, "GET"): return authorized(request, allOf: ["clients:manage:all"]) { self.show(rest[1]) }
        case ("clients", 2, "PUT"), ("clients", 2, "PATCH"):
            return authorized(request, allOf: ["clients:manage:all"]) { self.update(rest[1], request) }
        case ("clients", 2, "DELETE"): return authorized(request, allOf: ["clients:manage:all"]) { self.delete(rest[1]) }
        case ("clients", 3, "POST") where rest[2] == "regenerate_key_pair":
            return authorized(request, allOf: ["clients:manage:all"]) { self.regenerateKeyPair(rest[1]) }
        case ("clients", 3, "POST") where rest[2] == "regenerate_did":
            return authorized(request, allOf: ["clients:manage:all"]) { self.regenerateDID(rest[1]) }
        case ("scopes", 1, "GET"):
            return authorized(
                request, anyOf: ["scopes:manage:all", "users:manage:all", "clients:manage:all", "identity-providers:manage:all"]
            ) {
                .data(200, .array(self.state.withValue { $0.scopes.map(\.fullJSON) }))
            }
        case ("identity-providers", 1, "GET"):
            return authorized(request, allOf: ["identity-providers:manage:all"]) {
                .data(200, .array(self.state.withValue { $0.identityProviders.map(\.json) }))
            }
        case ("identity-providers", 2, "GET"):
            return authorized(request, allOf: ["identity-providers:manage:all"]) {
                guard let provider = self.state.withValue({ s in s.identityProviders.first { $0.id == rest[1] } }) else {
                    return BorutaError.notFound(schema: "BorutaIdentity.IdentityProviders.IdentityProvider", id: rest[1]).response
                }
                return .data(200, provider.json)
            }
        case ("key-pairs", 1, "GET"):
            return authorized(request, allOf: ["clients:manage:all"]) {
                .data(
                    200,
                    .array(
                        self.state.withValue { s in
                            s.keyPairs.enumerated().map { index, pair in
                                .object([
                                    ("id", .string(pair.id)), ("public_key", .string(pair.publicKey)), ("is_default", .bool(index == 0)),
                                ])
                            }
                        }))
            }
        default:
            return BorutaError.noRoute(request).response
        }
    }

    static func acceptsJSON(_ accept: String) -> Bool {
        accept.split(separator: ",").contains { part in
            let type = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            return ["*/*", "application/*", "application/json"].contains(type)
        }
    }

    /// `Authorization: Bearer <token>` must name a live token (401) whose scopes cover the action (403).
    private func authorized(
        _ request: HTTPRequest, allOf: [String] = [], anyOf: [String] = [], _ action: () -> HTTPResponse
    ) -> HTTPResponse {
        guard let header = request.header("authorization"), header.hasPrefix("Bearer "), header.count > 7 else {
            return BorutaError.unauthorized.response
        }
        let value = String(header.dropFirst(7))
        let now = clock.now()
        guard let token = state.withValue({ $0.tokens[value] }), token.expires > now else { return BorutaError.unauthorized.response }
        let allowed = allOf.allSatisfy(token.scopes.contains) && (anyOf.isEmpty || anyOf.contains(where: token.scopes.contains))
        return allowed ? action() : BorutaError.forbidden.response
    }
}
