import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// Boruta's admin API for OAuth clients (boruta.md §2–§8): `{"data": …}` envelopes, `{"client": …}` bodies,
/// no pagination, PUT = PATCH = merge (except `authorized_scopes`, replaced on every update), errors
/// `{code, message, errors}`, a bearer token by client credentials.
///
/// System clients (the admin UI client, the SIOPv2 "public client", and the client oauthctl itself
/// authenticates with) are left out of every listing, so they are never planned, adopted or deleted,
/// and writes to them are refused before anything is sent.
package struct BorutaAdapter: ProviderAdapter {
    /// `BORUTA_ADMIN_OAUTH_CLIENT_ID`'s default (boruta.md §7a).
    package static let defaultAdminClientID = "6a2f41a3-c54c-fce8-32d2-0324e1c32e20"

    package let schema: ClientSchema
    /// URLs and the HTTP client; the bearer token is added per request (it is refreshed).
    let api: APIConnection
    let tokens: BorutaTokenSource
    let scopes: BorutaScopeCache
    /// Ids that are never listed or written: the admin UI client and the credential's own client.
    let systemIDs: Set<String>

    init(schema: ClientSchema, baseURL: URL, http: HTTPClient, tokens: BorutaTokenSource, adminClientID: String) {
        self.schema = schema
        self.api = APIConnection(root: baseURL.absoluteString, http: http, authorization: nil, authSource: tokens.credentials.source)
        self.tokens = tokens
        self.scopes = BorutaScopeCache()
        self.systemIDs = [adminClientID.lowercased(), tokens.credentials.clientID.lowercased()]
    }

    /// True for the clients oauthctl must never touch (boruta.md §8).
    func isSystemClient(_ client: [String: JSONValue]) -> Bool {
        if let id = client["id"]?.stringValue, systemIDs.contains(id.lowercased()) { return true }
        // The "public client" of the Siopv2Implementation migration: random id, public_client_id = issuer.
        return client["name"]?.stringValue == "public client" && (client["public_client_id"]?.stringValue != nil)
    }

    package func listClients() async throws -> [[String: JSONValue]] {
        let response = try await send(.get, "/api/clients")
        let data = try Self.data(response, context: "GET /api/clients")
        guard let items = data.arrayValue else { throw ProviderError.response(call: "GET /api/clients", .dataNotAList) }
        return try items.compactMap { item in
            guard let client = item.objectValue else { throw ProviderError.response(call: "GET /api/clients", .clientNotAnObject) }
            return isSystemClient(client) ? nil : Self.fromWire(client)
        }.sorted { ($0["id"]?.stringValue ?? "") < ($1["id"]?.stringValue ?? "") }
    }

    package func getClient(id: String) async throws -> [String: JSONValue]? {
        let path = "/api/clients/" + PercentEncoding.segment(id)
        let response = try await send(.get, path, accepting: [404])
        if response.status == 404 { return nil }
        guard let client = try Self.data(response, context: "GET \(path)").objectValue else { return nil }
        return isSystemClient(client) ? nil : Self.fromWire(client)
    }

    package func createClient(_ body: [String: JSONValue]) async throws -> CreateResult {
        let id = body["id"]?.stringValue ?? ""
        try refuseSystem(id)
        let wire = try await toWire(body, creating: true)
        let response = try await send(.post, "/api/clients", body: ["client": .object(wire)], sent: wire)
        let created = (try? JSONWire.object(response.body, context: "POST /api/clients"))?["data"]?.objectValue ?? [:]
        let sentSecret = wire["secret"] != nil
        let secret = sentSecret ? nil : created["secret"]?.stringValue.flatMap { $0.isEmpty ? nil : SecretValue($0) }
        return CreateResult(id: created["id"]?.stringValue ?? id, generatedSecret: secret)
    }

    package func updateClient(id: String, _ body: [String: JSONValue]) async throws {
        try refuseSystem(id)
        let wire = try await toWire(body, creating: false)
        // PUT and PATCH are the same action (boruta.md §5); PUT of a whole client is safe to retry.
        try await send(.put, "/api/clients/" + PercentEncoding.segment(id), body: ["client": .object(wire)], sent: wire)
    }

    /// Boruta has no regenerate route (boruta.md §2): oauthctl sends a new `secret` in an update (no overlap).
    package var secretRotation: SecretRotation { .update }
    package func generateSecret() -> SecretValue? { SecretValue(GlewlwydWire.randomSecret(length: 64)) }

    package func deleteClient(id: String) async throws {
        try refuseSystem(id)
        try await send(.delete, "/api/clients/" + PercentEncoding.segment(id), accepting: [404])
    }

    private func refuseSystem(_ id: String) throws {
        guard systemIDs.contains(id.lowercased()) else { return }
        throw ProviderError.systemClient(id: id)
    }

    // MARK: Wire shapes

    /// The live client as the engine compares it: `authorized_scopes` as scope names.
    static func fromWire(_ client: [String: JSONValue]) -> [String: JSONValue] {
        var out = client
        if let scopes = client["authorized_scopes"]?.arrayValue {
            out["authorized_scopes"] = .array(
                scopes.compactMap { $0["name"]?.stringValue ?? $0["id"]?.stringValue }.sorted().map(JSONValue.string))
        }
        return out
    }

    /// The `client` object of a write: nulls only where Boruta takes them, no read-only keys, no empty
    /// secret (boruta.md §5: never send a null or empty secret), `authorized_scopes` always present and
    /// resolved to ids (a name Boruta doesn't know would silently create a scope; an unknown id would be
    /// silently dropped), and no `id` on update (it is immutable and ignored).
    func toWire(_ body: [String: JSONValue], creating: Bool) async throws -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for (key, value) in body {
            let field = schema.field(key)
            if field?.readOnly == true { continue }
            if value == .null, field?.nullable != true { continue }
            out[key] = value
        }
        if !creating { out["id"] = nil }
        if out["secret"]?.stringValue?.isEmpty == true { out["secret"] = nil }
        let names = (body["authorized_scopes"]?.arrayValue ?? []).compactMap(\.stringValue)
        out["authorized_scopes"] = .array(try await resolveScopes(names).map { ["id": .string($0)] })
        return out
    }

    /// Scope names (or ids) to ids, with `GET /api/scopes` (cached for the run).
    func resolveScopes(_ names: [String]) async throws -> [String] {
        guard !names.isEmpty else { return [] }
        let known = try await scopes.scopes { try await fetchScopes() }
        return try names.map { name in
            if let scope = known.first(where: { $0.name == name }) ?? known.first(where: { $0.id == name }) { return scope.id }
            throw ProviderError.unknownScope(name, available: known.map(\.name).sorted())
        }
    }

    private func fetchScopes() async throws -> [BorutaScopeCache.Scope] {
        let response = try await send(.get, "/api/scopes")
        guard let items = try Self.data(response, context: "GET /api/scopes").arrayValue else {
            throw ProviderError.response(call: "GET /api/scopes", .dataNotAList)
        }
        return items.compactMap { item in
            guard let id = item["id"]?.stringValue, let name = item["name"]?.stringValue else { return nil }
            return .init(id: id, name: name)
        }
    }

    static func data(_ response: HTTPResponse, context: String) throws -> JSONValue {
        guard let data = try JSONWire.object(response.body, context: context)["data"] else {
            throw ProviderError.response(call: context, .missingData)
        }
        return data
    }

    // MARK: Transport

    @discardableResult
    private func send(
        _ method: HTTPMethod, _ path: String, body: [String: JSONValue]? = nil, sent: [String: JSONValue] = [:],
        accepting: Set<Int> = []
    ) async throws -> HTTPResponse {
        // The bearer token changes per attempt, so only the URL comes from the shared connection.
        let url = try api.url(method, path)
        for attempt in 0..<2 {
            let token = try await tokens.token()
            let headers = api.headers.merging(["Authorization": "Bearer \(token.revealed)"]) { _, fresh in fresh }
            let request = HTTPRequest(method: method, url: url, headers: headers, body: body.map(JSONWire.encode))
            do {
                return try await api.http.send(request, accepting: accepting)
            } catch let error as HTTPError where error.status == 401 && attempt == 0 {
                await tokens.invalidate()  // expired or revoked early: one fresh token, then give up
                continue
            } catch let error as HTTPError {
                throw ProviderError.status(error, hint: BorutaErrorHints.hint(error, sent: sent, source: tokens.credentials.source))
            } catch {
                throw ProviderError.wrap(error, method: method, path: path, authSource: tokens.credentials.source)
            }
        }
        throw ProviderError.unauthorizedTwice(method, path: path, source: tokens.credentials.source)
    }
}

/// `GET /api/scopes`, fetched once per run and shared by concurrent writes.
actor BorutaScopeCache {
    struct Scope: Sendable {
        var id: String
        var name: String
    }

    private var loaded: [Scope]?

    func scopes(_ load: @Sendable () async throws -> [Scope]) async throws -> [Scope] {
        if let loaded { return loaded }
        let fetched = try await load()
        loaded = fetched
        return fetched
    }
}
