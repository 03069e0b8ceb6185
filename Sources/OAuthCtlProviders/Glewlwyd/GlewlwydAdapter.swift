import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// Glewlwyd's admin API for clients (`/api/client/`), with an API key (`Authorization: token KEY`).
///
/// Facts from `shared/reference/glewlwyd.md` §4: offset/limit pages of at most 100 (keep going until a
/// short page), writes answer 200 with an empty body, PUT replaces every module property (so an update
/// carries the live `client_secret` and any property this schema doesn't know), nulls are refused,
/// client ids are case-insensitive and go percent-encoded into paths.
package struct GlewlwydAdapter: ProviderAdapter {
    package let schema: ClientSchema
    let api: APIConnection
    /// The client module instance whose clients are managed (`spec.client_module`, default `database`).
    let module: String
    static let pageSize = 100
    static let maxPages = 100_000

    package init(
        schema: ClientSchema, baseURL: URL, apiKey: SecretValue?, authSource: String?, module: String, http: HTTPClient
    ) {
        self.schema = schema
        self.module = module
        api = APIConnection(
            root: baseURL.absoluteString, http: http, authorization: apiKey.map { "token \($0.revealed)" }, authSource: authSource)
    }

    /// The schema with `ownership` unavailable when the module's `data-format` lacks the marker property
    /// (the server would drop it silently, so nothing could ever be recognised as ours).
    package func liveSchema() async throws -> ClientSchema {
        guard case .field(let property) = schema.ownership else { return schema }
        let path = "/mod/client/" + PercentEncoding.segment(module)
        let instance = try JSONWire.object(try await api.send(.get, path).body, context: "GET \(path)")
        let format = instance["parameters"]?["data-format"]?[property]
        if format?["read"]?.boolValue == true, format?["write"]?.boolValue == true, format?["multiple"]?.boolValue != true {
            return schema
        }
        var live = schema
        live.ownership = .unavailable(
            reason:
                "client module '\(module)' has no readable, writable, single-valued '\(property)' property in its data-format (add {\"multiple\":false,\"read\":true,\"write\":true}, then PUT /api/mod/client/\(module)/reset)"
        )
        return live
    }

    package func listClients() async throws -> [[String: JSONValue]] {
        try await FirstPage.collect { try await forEachPage($0) }
    }

    package func forEachPage(_ body: @Sendable ([LiveClient]) async throws -> Void) async throws {
        try await pages(from: 0, body)
    }

    package func firstPage() async throws -> FirstPage {
        let items = try await page(0)
        guard items.count == Self.pageSize else { return FirstPage(clients: items, rest: nil) }
        return FirstPage(clients: items) { body in try await pages(from: 1, body) }
    }

    private func page(_ number: Int) async throws -> [LiveClient] {
        let query = "offset=\(number * Self.pageSize)&limit=\(Self.pageSize)&source=" + PercentEncoding.segment(module)
        let body = try await api.send(.get, "/client/", query: query).body
        return try JSONWire.clients(body, layout: schema.liveLayout, context: "GET /client/")
    }

    private func pages(from first: Int, _ body: @Sendable ([LiveClient]) async throws -> Void) async throws {
        for page in first..<Self.maxPages {
            let items = try await self.page(page)
            try await body(items)
            if items.count < Self.pageSize { return }
        }
        throw ProviderError.response(call: "GET /client/", .tooManyPages(Self.maxPages))
    }

    package func getClient(id: String) async throws -> [String: JSONValue]? {
        try await api.getObject("/client/" + PercentEncoding.segment(id))
    }

    package func createClient(_ body: [String: JSONValue]) async throws -> CreateResult {
        var wire = GlewlwydWire.body(body, schema: schema)
        // Glewlwyd never generates a secret; a confidential client without one gets ours (written to the sink).
        var generated: SecretValue?
        if wire["confidential"]?.boolValue == true, wire["client_secret"] == nil, wire["password"] == nil {
            let secret = GlewlwydWire.randomSecret()
            wire["client_secret"] = .string(secret)
            generated = SecretValue(secret)
        }
        try await api.send(.post, "/client/", query: "source=" + PercentEncoding.segment(module), body: wire)
        return CreateResult(id: wire["client_id"]?.stringValue ?? "", generatedSecret: generated)
    }

    package func updateClient(id: String, _ body: [String: JSONValue]) async throws {
        let path = "/client/" + PercentEncoding.segment(id)
        guard let live = try await getClient(id: id) else {
            throw ProviderError.goneBeforeUpdate(path: path)
        }
        try await api.send(.put, path, body: GlewlwydWire.updateBody(body, live: live, schema: schema))
    }

    /// Glewlwyd keeps one `client_secret`: oauthctl sets a new one with an update (no overlap).
    package var secretRotation: SecretRotation { .update }
    package func generateSecret() -> SecretValue? { SecretValue(GlewlwydWire.randomSecret()) }

    package func deleteClient(id: String) async throws {
        try await api.delete("/client/" + PercentEncoding.segment(id))
    }
}
