import Foundation

/// Boruta's admin API (`/api/clients` and the lookups it needs) and its OAuth token endpoint, as
/// boruta.md §1–§8 record them. Admin and OAuth share one port here (Boruta uses two).
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
    private let tokenWindow = LockedValue<(second: Int, count: Int)>((0, 0))
    static let tokenRequestsPerSecond = 10

    init(clock: SandboxClock, ciSecret: String?, issuer: String = "http://localhost:4000") {
        self.clock = clock
        state = LockedValue(Self.seed(ciSecret: ciSecret ?? Self.defaultCISecret, issuer: issuer))
    }

    // MARK: Seed (boruta.seeds.exs, the Siopv2Implementation migration, and a CI client)

    static func seed(ciSecret: String, issuer: String) -> BorutaState {
        var state = BorutaState()
        state.identityProviders = [BorutaIdentityProvider(id: identityProviderID, name: "Default identity provider")]
        let scopes: [(String, String, Bool)] = [
            ("clients:manage:all", "0f1c1d3a-0000-4000-8000-0000000000a1", false),
            ("identity-providers:manage:all", "0f1c1d3a-0000-4000-8000-0000000000a2", false),
            ("scopes:manage:all", "0f1c1d3a-0000-4000-8000-0000000000a3", false),
            ("users:manage:all", "0f1c1d3a-0000-4000-8000-0000000000a4", false),
            ("openid", "0f1c1d3a-0000-4000-8000-0000000000b1", true),
            ("email", "0f1c1d3a-0000-4000-8000-0000000000b2", true),
            ("profile", "0f1c1d3a-0000-4000-8000-0000000000b3", true),
        ]
        state.scopes = scopes.map { BorutaScope(id: $0.1, name: $0.0, label: nil, isPublic: $0.2) }
        state.keyPairs = [("3c0e5b8a-0000-4000-8000-0000000000c1", BorutaRandom.publicKeyPEM())]

        var admin = BorutaClient(fields: BorutaClient.defaults())
        admin.fields["id"] = .string(adminUIClientID)
        admin.fields["name"] = .string("Boruta administration panel")
        admin.fields["secret"] = .string(BorutaRandom.token())
        admin.fields["redirect_uris"] = .array([.string("http://localhost:4001/admin/oauth-callback")])
        admin.fields["supported_grant_types"] = .array(["authorization_code", "refresh_token", "revoke"].map(JSONValue.string))
        admin.fields["public_key"] = .string(BorutaRandom.publicKeyPEM())
        admin.identityProviderID = identityProviderID

        var publicClient = BorutaClient(fields: BorutaClient.defaults())
        publicClient.fields["id"] = .string(BorutaRandom.uuid())
        publicClient.fields["name"] = .string("public client")
        publicClient.fields["public_client_id"] = .string(issuer)
        publicClient.fields["secret"] = .string(BorutaRandom.token())
        publicClient.fields["public_key"] = .string(BorutaRandom.publicKeyPEM())

        var ci = BorutaClient(fields: BorutaClient.defaults())
        ci.fields["id"] = .string(ciClientID)
        ci.fields["name"] = .string("oauthctl (sandbox)")
        ci.fields["secret"] = .string(ciSecret)
        ci.fields["confidential"] = .bool(true)
        ci.fields["authorize_scope"] = .bool(true)
        ci.fields["supported_grant_types"] = .array([.string("client_credentials")])
        ci.fields["public_key"] = .string(BorutaRandom.publicKeyPEM())
        ci.scopeIDs = Array(scopes.prefix(4).map(\.1))
        ci.identityProviderID = identityProviderID
        state.clients = [admin, publicClient, ci]
        return state
    }

    // MARK: Routing

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
            return authorized(request, anyOf: ["scopes:manage:all", "users:manage:all", "clients:manage:all", "identity-providers:manage:all"]) {
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
                .data(200, .array(self.state.withValue { s in
                    s.keyPairs.enumerated().map { index, pair in
                        .object([("id", .string(pair.id)), ("public_key", .string(pair.publicKey)), ("is_default", .bool(index == 0))])
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

    // MARK: Clients

    private func listClients() -> HTTPResponse {
        .data(200, state.withValue { s in .array(s.clients.map { $0.render(s) }) })
    }

    private func show(_ id: String) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard let client = s.client(id.lowercased()) else { return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response }
            return .data(200, client.render(s))
        }
    }

    /// The `"client"` params of a write body, or the 400 Phoenix answers with.
    private func clientParams(_ request: HTTPRequest, action: String) -> Result<JSONValue, BorutaError> {
        // Plug.Parsers parses only JSON bodies; without the content type the params have no "client" key.
        let isJSON = request.header("content-type")?.lowercased().hasPrefix("application/json") ?? false
        var params: JSONValue = .object([])
        if isJSON, !request.body.isEmpty {
            do {
                params = try JSONParser.parseDocument(request.body)
            } catch let error as JSONParser.SyntaxError {
                return .failure(.badRequest("malformed request, a Jason.DecodeError exception was raised with message \(error.message)"))
            } catch {
                return .failure(.badRequest("malformed request"))
            }
        }
        guard let client = params["client"], case .object = client else {
            return .failure(.badRequest("could not find a matching BorutaAdminWeb.ClientController.\(action) clause to process request. This typically happens when there is a parameter mismatch but may also happen when any of the other action arguments do not match."))
        }
        return .success(client)
    }

    private func create(_ request: HTTPRequest) -> HTTPResponse {
        let params: JSONValue
        switch clientParams(request, action: "create") {
        case .success(let value): params = value
        case .failure(let error): return error.response
        }
        return state.withValue { s in
            var draft = s
            switch BorutaChangeset(params: params, creating: true).apply(to: nil, state: &draft) {
            case .failure(let errors): return BorutaError.unprocessable(errors).response
            case .success(let client):
                draft.replace(client)
                s = draft
                var response = HTTPResponse.data(201, client.render(s))
                response.headers.append(("Location", "/api/clients/\(client.id)"))
                return response
            }
        }
    }

    private func update(_ id: String, _ request: HTTPRequest) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard let existing = s.client(id.lowercased()) else { return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response }
            if existing.id == Self.adminUIClientID { return BorutaError.writeProtected.response }
            let params: JSONValue
            switch clientParams(request, action: "update") {
            case .success(let value): params = value
            case .failure(let error): return error.response
            }
            var draft = s
            switch BorutaChangeset(params: params, creating: false).apply(to: existing, state: &draft) {
            case .failure(let errors): return BorutaError.unprocessable(errors).response
            case .success(let client):
                draft.replace(client)
                s = draft
                return .data(200, client.render(s))
            }
        }
    }

    private func delete(_ id: String) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard let existing = s.client(id.lowercased()) else { return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response }
            if existing.id == Self.adminUIClientID { return BorutaError.writeProtected.response }
            s.clients.removeAll { $0.id == existing.id }
            s.tokens = s.tokens.filter { $0.value.clientID != existing.id }
            return HTTPResponse(status: 204)
        }
    }

    private func regenerateKeyPair(_ id: String) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard var client = s.client(id.lowercased()) else { return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response }
            if client.id == Self.adminUIClientID { return BorutaError.writeProtected.response }
            client.fields["public_key"] = .string(BorutaRandom.publicKeyPEM())
            client.privateKey = BorutaRandom.token(64)
            s.replace(client)
            return .data(200, client.render(s))
        }
    }

    private func regenerateDID(_ id: String) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard var client = s.client(id.lowercased()) else { return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response }
            let key = client.fields["public_key"]?.stringValue ?? ""
            client.fields["did"] = .string("did:key:z" + SHA256.hex(SHA256.hash(Array(key.utf8))).prefix(46))
            s.replace(client)
            return .data(200, client.render(s))
        }
    }

    // MARK: OAuth token endpoint (client credentials only)

    private func token(_ request: HTTPRequest) -> HTTPResponse {
        let second = Int(clock.now().timeIntervalSince1970)
        let admitted = tokenWindow.withValue { window -> Bool in
            if window.second != second { window = (second, 0) }
            window.count += 1
            return window.count <= Self.tokenRequestsPerSecond
        }
        guard admitted else { return HTTPResponse(status: 429) }  // Boruta's limiter answers with an empty body
        let form = Self.formFields(String(decoding: request.body, as: UTF8.self))
        var clientID = form["client_id"]
        var secret = form["client_secret"]
        if let header = request.header("authorization"), header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":") {
            clientID = PercentEncoding.decodeQuery(String(pair[..<colon])) ?? String(pair[..<colon])
            secret = PercentEncoding.decodeQuery(String(pair[pair.index(after: colon)...])) ?? String(pair[pair.index(after: colon)...])
        }
        guard let grant = form["grant_type"] else {
            return BorutaError.oauth(400, "invalid_request", "Request is not a valid OAuth request. Need a grant_type param.")
        }
        guard grant == "client_credentials" else {
            return BorutaError.oauth(400, "unsupported_grant_type", "Client do not support given grant type.")
        }
        let now = clock.now()
        return state.withValue { s in
            guard let id = clientID, let client = s.client(id.lowercased()), let stored = client.fields["secret"]?.stringValue,
                let secret, stored == secret
            else { return BorutaError.oauth(401, "invalid_client", "Invalid client_id or client_secret.") }
            guard client.fields["supported_grant_types"]?.arrayValue?.contains(.string("client_credentials")) == true else {
                return BorutaError.oauth(400, "unsupported_grant_type", "Client do not support given grant type.")
            }
            let requested = Set((form["scope"] ?? "").split(separator: " ").map(String.init))
            let allowed: Set<String> = client.fields["authorize_scope"] == .bool(true)
                ? Set(client.scopeIDs.compactMap { id in s.scopes.first { $0.id == id }?.name })
                : Set(s.scopes.filter(\.isPublic).map(\.name))
            guard requested.isSubset(of: allowed) else {
                return BorutaError.oauth(400, "invalid_scope", "Given scopes are unknown or unauthorized.")
            }
            let ttl = client.fields["access_token_ttl"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } } ?? 86400
            let value = BorutaRandom.token(43)
            s.tokens = s.tokens.filter { $0.value.expires > now }
            s.tokens[value] = BorutaToken(clientID: client.id, scopes: requested, expires: now.addingTimeInterval(Double(ttl)))
            var pairs: [(String, JSONValue)] = [("access_token", .string(value)), ("token_type", .string("bearer")), ("expires_in", .number(String(ttl)))]
            if !requested.isEmpty { pairs.append(("scope", .string(requested.sorted().joined(separator: " ")))) }
            return .json(200, .object(pairs), headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
        }
    }

    static func formFields(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in body.split(separator: "&") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PercentEncoding.decodeQuery(String(pieces[0])) ?? String(pieces[0])
            out[key] = pieces.count > 1 ? (PercentEncoding.decodeQuery(String(pieces[1])) ?? String(pieces[1])) : ""
        }
        return out
    }
}

extension HTTPResponse {
    /// `{"data": value}`, Phoenix's JSON content type.
    static func data(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        var response = HTTPResponse.json(status, .object([("data", value)]))
        response.body.removeLast()  // Jason writes no trailing newline
        return response
    }
}
