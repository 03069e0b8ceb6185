import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// Ory Hydra's admin API for OAuth2 clients (and Ory Network's, which is the same API behind a key).
///
/// Facts from `shared/reference/hydra.md`: keyset pagination with `Link rel="next"` (stop on an empty
/// page too, for old servers that always send `next`), PUT as a full replace, 404 on a missing client.
package struct HydraAdapter: ProviderAdapter {
    package let schema: ClientSchema
    let api: APIConnection
    static let pageSize = 500
    static let maxPages = 100_000

    package init(schema: ClientSchema, baseURL: URL, token: SecretValue?, authSource: String?, http: HTTPClient) {
        self.schema = schema
        api = APIConnection(
            root: baseURL.absoluteString, http: http, authorization: token.map { "Bearer \($0.revealed)" }, authSource: authSource)
    }

    package func listClients() async throws -> [[String: JSONValue]] {
        try await FirstPage.collect { try await forEachPage($0) }
    }

    package func forEachPage(_ body: @Sendable ([LiveClient]) async throws -> Void) async throws {
        try await pages(from: nil, body)
    }

    package func firstPage() async throws -> FirstPage {
        let response = try await page(token: nil)
        let items = try JSONWire.clients(response.body, layout: schema.liveLayout, context: "GET /admin/clients")
        guard !items.isEmpty, let next = LinkHeader.nextPageToken(response.header("link")) else {
            return FirstPage(clients: items, rest: nil)
        }
        return FirstPage(clients: items) { body in try await pages(from: next, body) }
    }

    /// The pages from `token` on (nil: the first).
    ///
    /// The next page is requested before this one is parsed, so the wait and the parsing overlap. The
    /// request is a child task: it runs where the listing runs (its executor preference) and is cancelled
    /// with it.
    private func pages(from token: String?, _ body: @Sendable ([LiveClient]) async throws -> Void) async throws {
        var seenTokens: Set<String> = token.map { [$0] } ?? []
        try await withThrowingTaskGroup(of: HTTPResponse.self) { requests in
            requests.addTask { try await page(token: token) }
            for _ in 0..<Self.maxPages {
                guard let response = try await requests.next() else { return }
                let next = LinkHeader.nextPageToken(response.header("link"))
                var prefetched = false
                if let next, seenTokens.insert(next).inserted {
                    requests.addTask { try await page(token: next) }
                    prefetched = true
                }
                let items = try JSONWire.clients(response.body, layout: schema.liveLayout, context: "GET /admin/clients")
                try await body(items)
                guard !items.isEmpty, next != nil else {
                    requests.cancelAll()
                    return
                }
                guard prefetched else { throw ProviderError.response(call: "GET /admin/clients", .repeatedPage) }
            }
            throw ProviderError.response(call: "GET /admin/clients", .tooManyPages(Self.maxPages))
        }
    }

    private func page(token: String?) async throws -> HTTPResponse {
        var query = "page_size=\(Self.pageSize)"
        if let token { query += "&page_token=" + PercentEncoding.segment(token) }
        return try await api.send(.get, "/admin/clients", query: query)
    }

    package func getClient(id: String) async throws -> [String: JSONValue]? {
        try await api.getObject("/admin/clients/" + PercentEncoding.segment(id))
    }

    package func createClient(_ body: [String: JSONValue]) async throws -> CreateResult {
        let response = try await api.send(.post, "/admin/clients", body: HydraWire.body(body))
        let created = try JSONWire.object(response.body, context: "POST /admin/clients")
        let id = created["client_id"]?.stringValue ?? body["client_id"]?.stringValue ?? ""
        let sentSecret = body["client_secret"] != nil
        let secret = sentSecret ? nil : created["client_secret"]?.stringValue.flatMap { $0.isEmpty ? nil : SecretValue($0) }
        return CreateResult(id: id, generatedSecret: secret)
    }

    package func updateClient(id: String, _ body: [String: JSONValue]) async throws {
        try await api.send(.put, "/admin/clients/" + PercentEncoding.segment(id), body: HydraWire.body(body))
    }

    package func deleteClient(id: String) async throws {
        try await api.delete("/admin/clients/" + PercentEncoding.segment(id))
    }

    /// Hydra (current versions) and Ory Network: `POST …/secrets/rotate` returns a new secret and keeps the
    /// old ones valid (the 5 most recent) until `DELETE …/secrets/rotate` (hydra.md §2.7).
    package var secretRotation: SecretRotation { .overlap }

    package func rotateSecret(id: String, live: [String: JSONValue]) async throws -> RotatedSecret {
        let path = "/admin/clients/" + PercentEncoding.segment(id) + "/secrets/rotate"
        let response = try await api.send(.post, path)
        let body = try JSONWire.object(response.body, context: "POST \(path)")
        guard let secret = body["client_secret"]?.stringValue, !secret.isEmpty else {
            throw ProviderError.response(call: "POST \(path)", .noClientSecret(publicClientsHaveNone: false))
        }
        return RotatedSecret(secret: SecretValue(secret))
    }

    package func finishSecretRotation(id: String) async throws {
        try await api.send(.delete, "/admin/clients/" + PercentEncoding.segment(id) + "/secrets/rotate")
    }
}

/// Hydra's wire quirks for writes (hydra.md §8): nulls left out, `metadata` always an object, `jwks` omitted when empty.
enum HydraWire {
    static func body(_ body: [String: JSONValue]) -> [String: JSONValue] {
        var out = body.filter { $0.value != .null }
        if out["metadata"]?.objectValue == nil { out["metadata"] = .object([:]) }
        if (out["jwks"]?["keys"]?.arrayValue ?? []).isEmpty { out["jwks"] = nil }
        return out
    }
}
