import Foundation

extension HydraAPI {
    static let defaultPageSize = 100
    static let maxPageSize = 500

    /// `GET /admin/clients`: keyset pagination by id, filters `client_name` and `owner`, `Link` header.
    func list(_ request: HTTPRequest, path: String) -> Result<HTTPResponse, HydraError> {
        let items = request.queryItems
        var size = Self.defaultPageSize
        if let raw = items.first(where: { $0.0 == "page_size" })?.1, !raw.isEmpty {
            guard let parsed = Int(raw) else {
                return .failure(.badPagination("strconv.ParseInt: parsing \"\(raw)\": invalid syntax"))
            }
            size = parsed <= 0 ? Self.defaultPageSize : min(parsed, Self.maxPageSize)
        }
        let now = clock.now()
        var lastID: String?
        if let token = items.first(where: { $0.0 == "page_token" })?.1, !token.isEmpty {
            do {
                lastID = try tokens.open(token, now: now)
            } catch {
                return .failure(HydraError(400, HydraError.malformed, error.description))
            }
        }
        let name = items.first(where: { $0.0 == "client_name" })?.1
        let owner = items.first(where: { $0.0 == "owner" })?.1
        let (page, more) = store.withValue { s in
            s.page(after: lastID, limit: size) { client in
                (name == nil || client.string("client_name") == name) && (owner == nil || client.string("owner") == owner)
            }
        }
        var links = ["<\(link(path: path, items: items, size: size, token: tokens.issue(after: nil, now: now)))>; rel=\"first\""]
        if more, let last = page.last {
            links.append("<\(link(path: path, items: items, size: size, token: tokens.issue(after: last.id, now: now)))>; rel=\"next\"")
        }
        let body = JSONValue.array(page.map { $0.render(echo: false) })
        return .success(.json(200, body, headers: Self.noCache + [("Link", links.joined(separator: ","))]))
    }

    /// The request path and query with `page_size` and `page_token` set, keys sorted (Go's `Values.Encode`).
    private func link(path: String, items: [(String, String)], size: Int, token: String) -> String {
        var values: [String: [String]] = [:]
        for (key, value) in items { values[key, default: []].append(value) }
        values["page_size"] = [String(size)]
        values["page_token"] = [token]
        let query = values.keys.sorted().flatMap { key in
            (values[key] ?? []).map { PercentEncoding.queryEscape(key) + "=" + PercentEncoding.queryEscape($0) }
        }
        return path + "?" + query.joined(separator: "&")
    }
}
