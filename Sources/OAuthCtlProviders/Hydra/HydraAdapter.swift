import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// Ory Hydra's admin API for OAuth2 clients (and Ory Network's, which is the same API behind a key).
///
/// Facts from `shared/reference/hydra.md`: keyset pagination with `Link rel="next"` (stop on an empty
/// page too, for old servers that always send `next`), PUT as a full replace, 404 on a missing client.
public struct HydraAdapter: ProviderAdapter {
    public let schema: ClientSchema
    let baseURL: URL
    let http: HTTPClient
    let headers: [String: String]
    /// Where the credential comes from, for 401/403 hints (e.g. `bearer_token from_env HYDRA_ADMIN_TOKEN`).
    let authSource: String?
    static let pageSize = 500
    static let maxPages = 100_000

    public init(schema: ClientSchema, baseURL: URL, token: SecretValue?, authSource: String?, http: HTTPClient) {
        self.schema = schema
        self.baseURL = baseURL
        self.http = http
        self.authSource = authSource
        var headers = ["Accept": "application/json", "Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer \(token.revealed)" }
        self.headers = headers
    }

    public func listClients() async throws -> [[String: JSONValue]] {
        var clients: [[String: JSONValue]] = []
        var seenTokens: Set<String> = []
        var pending = Task { try await page(token: nil) }
        for _ in 0..<Self.maxPages {
            let response = try await pending.value
            let next = LinkHeader.nextPageToken(response.header("link"))
            // The next page is requested before this one is parsed, so the wait and the parsing overlap.
            var prefetch: Task<HTTPResponse, any Error>?
            if let next, seenTokens.insert(next).inserted { prefetch = Task { try await page(token: next) } }
            let items: [[String: JSONValue]]
            do {
                items = try JSONWire.array(response.body, context: "GET /admin/clients")
            } catch {
                prefetch?.cancel()
                throw error
            }
            clients += items
            guard !items.isEmpty, next != nil else {
                prefetch?.cancel()
                return clients
            }
            guard let prefetch else {
                throw ProviderError("GET /admin/clients: the server's Link header repeats a page; stopping to avoid a loop")
            }
            pending = prefetch
        }
        pending.cancel()
        throw ProviderError("GET /admin/clients: more than \(Self.maxPages) pages; stopping")
    }

    private func page(token: String?) async throws -> HTTPResponse {
        var query = "page_size=\(Self.pageSize)"
        if let token { query += "&page_token=" + JSONWire.segment(token) }
        return try await send(.get, "/admin/clients", query: query)
    }

    public func getClient(id: String) async throws -> [String: JSONValue]? {
        let response = try await send(.get, "/admin/clients/" + JSONWire.segment(id), accepting: [404])
        if response.status == 404 { return nil }
        return try JSONWire.object(response.body, context: "GET /admin/clients/\(id)")
    }

    public func createClient(_ body: [String: JSONValue]) async throws -> CreateResult {
        let response = try await send(.post, "/admin/clients", body: HydraWire.body(body))
        let created = try JSONWire.object(response.body, context: "POST /admin/clients")
        let id = created["client_id"]?.stringValue ?? body["client_id"]?.stringValue ?? ""
        let sentSecret = body["client_secret"] != nil
        let secret = sentSecret ? nil : created["client_secret"]?.stringValue.flatMap { $0.isEmpty ? nil : SecretValue($0) }
        return CreateResult(id: id, generatedSecret: secret)
    }

    public func updateClient(id: String, _ body: [String: JSONValue]) async throws {
        try await send(.put, "/admin/clients/" + JSONWire.segment(id), body: HydraWire.body(body))
    }

    public func deleteClient(id: String) async throws {
        try await send(.delete, "/admin/clients/" + JSONWire.segment(id), accepting: [404])
    }

    @discardableResult
    private func send(
        _ method: HTTPMethod, _ path: String, query: String? = nil, body: [String: JSONValue]? = nil, accepting: Set<Int> = []
    ) async throws -> HTTPResponse {
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        guard let url = URL(string: base + path + (query.map { "?" + $0 } ?? "")) else {
            throw ProviderError("\(method.rawValue) \(path): can't build a URL from the provider's url")
        }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body.map(JSONWire.encode))
        do {
            return try await http.send(request, accepting: accepting)
        } catch {
            throw ProviderError.wrap(error, method: method, path: path, authSource: authSource)
        }
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
