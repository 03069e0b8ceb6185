import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// One provider's API as the adapters call it: the root URL, the fixed JSON headers with the
/// credential, and where that credential comes from. Builds each request and turns every failure into
/// a one-line `ProviderError` (with the credential hint on 401/403).
struct APIConnection: Sendable {
    /// The API root, without a trailing slash.
    let root: String
    let http: HTTPClient
    let headers: [String: String]
    /// Where the credential comes from, for 401/403 hints (e.g. `bearer_token from_env HYDRA_ADMIN_TOKEN`).
    let authSource: String?
    /// What the root was built from, for the message when a path makes no URL.
    let rootSource: String

    /// `authorization` is the whole header value (`Bearer …`, `token …`), nil to send none.
    init(root: String, http: HTTPClient, authorization: String?, authSource: String?, rootSource: String = "the provider's url") {
        var root = root
        while root.hasSuffix("/") { root.removeLast() }
        self.root = root
        self.http = http
        var headers = ["Accept": "application/json", "Content-Type": "application/json"]
        if let authorization { headers["Authorization"] = authorization }
        self.headers = headers
        self.authSource = authSource
        self.rootSource = rootSource
    }

    /// The absolute URL of `path` (already percent-encoded) with an optional query.
    func url(_ method: HTTPMethod, _ path: String, query: String? = nil) throws -> URL {
        guard let url = URL(string: root + path + (query.map { "?" + $0 } ?? "")) else {
            throw ProviderError.invalidURL(method, path: path, rootSource: rootSource)
        }
        return url
    }

    /// Sends one JSON request; a status outside 2xx and `accepting` becomes a `ProviderError`.
    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, query: String? = nil, body: [String: JSONValue]? = nil, accepting: Set<Int> = []
    ) async throws -> HTTPResponse {
        let request = HTTPRequest(
            method: method, url: try url(method, path, query: query), headers: headers, body: body.map(JSONWire.encode))
        do {
            return try await http.send(request, accepting: accepting)
        } catch {
            throw ProviderError.wrap(error, method: method, path: path, authSource: authSource)
        }
    }

    /// GETs one JSON object; nil when the server answers 404 (no such client).
    func getObject(_ path: String) async throws -> [String: JSONValue]? {
        let response = try await send(.get, path, accepting: [404])
        if response.status == 404 { return nil }
        return try JSONWire.object(response.body, context: "GET \(path)")
    }

    /// DELETEs `path`; a 404 (already gone) counts as done.
    func delete(_ path: String) async throws {
        try await send(.delete, path, accepting: [404])
    }
}
