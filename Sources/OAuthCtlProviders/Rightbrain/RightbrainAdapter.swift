import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// Rightbrain's project-scoped OAuth-client API (`shared/reference/rightbrain.md`).
///
/// Cursor pagination (`page_limit` ≤ 100, `{pagination: {next_cursor, has_next}, results}`, stopping on a
/// repeated cursor), update as POST with every managed field, the secret only in the create response.
/// The calls themselves, and which of them are inferred, are in `RightbrainEndpoints`.
package struct RightbrainAdapter: ProviderAdapter {
    package let schema: ClientSchema
    /// Rooted at `{url}/org/{org_id}/project/{project_id}`.
    let api: APIConnection
    static let maxPages = 100_000

    package init(
        schema: ClientSchema, baseURL: URL, orgID: String, projectID: String, token: SecretValue?, authSource: String?,
        http: HTTPClient
    ) {
        self.schema = schema
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        api = APIConnection(
            root: base + "/org/" + PercentEncoding.segment(orgID) + "/project/" + PercentEncoding.segment(projectID), http: http,
            authorization: token.map { "Bearer \($0.revealed)" }, authSource: authSource,
            rootSource: "the provider's url, org_id and project_id")
    }

    package func listClients() async throws -> [[String: JSONValue]] {
        try await FirstPage.collect { try await forEachPage($0) }
    }

    package func forEachPage(_ body: @Sendable ([LiveClient]) async throws -> Void) async throws {
        let endpoint = RightbrainEndpoints.list
        var cursor: String?
        var seen: Set<String> = []
        for _ in 0..<Self.maxPages {
            var query = "page_limit=\(RightbrainEndpoints.pageLimit)"
            if let cursor { query += "&cursor=" + PercentEncoding.segment(cursor) }
            let response = try await send(endpoint, query: query)
            let context = "GET \(endpoint.path)"
            let page = try JSONWire.object(response.body, context: context)
            guard let results = page["results"]?.arrayValue else {
                throw ProviderError.response(call: context, .missingResults)
            }
            var clients: [LiveClient] = []
            for item in results {
                guard let object = item.objectValue else { throw ProviderError.response(call: context, .itemNotAnObject) }
                clients.append(LiveClient(object))
            }
            try await body(clients)
            let pagination = page["pagination"]
            guard pagination?["has_next"]?.boolValue == true, let next = pagination?["next_cursor"]?.stringValue, !next.isEmpty
            else { return }
            guard seen.insert(next).inserted else {
                throw ProviderError.response(call: context, .repeatedCursor(next))
            }
            cursor = next
        }
        throw ProviderError.response(call: "GET \(endpoint.path)", .tooManyPages(Self.maxPages))
    }

    package func getClient(id: String) async throws -> [String: JSONValue]? {
        try await api.getObject(RightbrainEndpoints.get.path(id: id))
    }

    package func createClient(_ body: [String: JSONValue]) async throws -> CreateResult {
        let endpoint = RightbrainEndpoints.create
        let response = try await send(endpoint, body: RightbrainWire.createBody(body, schema: schema))
        let created = try JSONWire.object(response.body, context: "POST \(endpoint.path)")
        // The id is only reported (the next plan finds the client by name), so a response without one
        // (e.g. `--dry-run`'s echo) is not an error.
        let id = created["id"]?.stringValue ?? ""
        let secret = created["client_secret"]?.stringValue.flatMap { $0.isEmpty ? nil : SecretValue($0) }
        return CreateResult(id: id, generatedSecret: secret, oauthClientID: created["client_id"]?.stringValue)
    }

    package func updateClient(id: String, _ body: [String: JSONValue]) async throws {
        try await send(RightbrainEndpoints.update, id: id, body: RightbrainWire.updateBody(body, schema: schema))
    }

    package func deleteClient(id: String) async throws {
        try await api.delete(RightbrainEndpoints.delete.path(id: id))
    }

    /// Rightbrain's "Regenerate OAuth Client Secret": a new secret, the old one invalid at once.
    package var secretRotation: SecretRotation { .regenerate }

    package func rotateSecret(id: String, live: [String: JSONValue]) async throws -> RotatedSecret {
        let endpoint = RightbrainEndpoints.regenerateSecret
        let response = try await send(endpoint, id: id, body: [:])
        let body = try JSONWire.object(response.body, context: "POST \(endpoint.path(id: id))")
        guard let secret = body["client_secret"]?.stringValue, !secret.isEmpty else {
            throw ProviderError.response(call: "POST \(endpoint.path(id: id))", .noClientSecret(publicClientsHaveNone: true))
        }
        return RotatedSecret(secret: SecretValue(secret), oauthClientID: live["client_id"]?.stringValue)
    }

    @discardableResult
    private func send(
        _ endpoint: RightbrainEndpoints.Endpoint, id: String = "", query: String? = nil, body: [String: JSONValue]? = nil
    ) async throws -> HTTPResponse {
        try await api.send(endpoint.method, endpoint.path(id: id), query: query, body: body, accepting: endpoint.accepting)
    }
}

/// What goes on the wire for writes: only writable schema fields (never read-only ones), the secret never.
enum RightbrainWire {
    /// Create: every set writable field; nulls left out (the server's default applies).
    static func createBody(_ body: [String: JSONValue], schema: ClientSchema) -> [String: JSONValue] {
        writable(body, schema: schema).filter { $0.value != .null }
    }

    /// Update: every writable field but the ones that can't change, with explicit nulls so a field
    /// removed from the manifest is cleared (the update is partial: an absent field would be kept).
    static func updateBody(_ body: [String: JSONValue], schema: ClientSchema) -> [String: JSONValue] {
        var out = writable(body, schema: schema).filter { !RightbrainEndpoints.notUpdatable.contains($0.key) }
        for field in schema.fields
        where field.isComparable && out[RightbrainEndpoints.wireNames[field.name] ?? field.name] == nil
            && !RightbrainEndpoints.notUpdatable.contains(field.name)
        {
            out[RightbrainEndpoints.wireNames[field.name] ?? field.name] = .null
        }
        return out
    }

    /// Writable fields, under their wire names (`RightbrainEndpoints.wireNames`).
    private static func writable(_ body: [String: JSONValue], schema: ClientSchema) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for (key, value) in body where schema.field(key).map({ !$0.readOnly }) ?? false {
            out[RightbrainEndpoints.wireNames[key] ?? key] = value
        }
        return out
    }
}
