/// One parsed HTTP/1.1 request: method, raw target split into path and query, headers and body.
struct HTTPRequest: Sendable {
    let method: String
    /// The path as sent, still percent-encoded.
    let path: String
    /// The raw query string without `?` (empty when absent).
    let query: String
    let version: String
    /// Header names are lower-cased; order and repeats are kept.
    let headers: [(String, String)]
    var body: [UInt8]

    /// The first value of header `name` (case-insensitive).
    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first(where: { $0.0 == lower })?.1
    }

    /// Whether the connection should stay open after the response.
    var keepAlive: Bool {
        let connection = header("connection")?.lowercased() ?? ""
        if version == "HTTP/1.0" { return connection.contains("keep-alive") }
        return !connection.contains("close")
    }

    /// Query parameters decoded like Go's `url.ParseQuery` (`+` is a space), in order.
    var queryItems: [(String, String)] {
        guard !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PercentEncoding.decodeQuery(String(pieces[0])) ?? String(pieces[0])
            let value = pieces.count > 1 ? (PercentEncoding.decodeQuery(String(pieces[1])) ?? String(pieces[1])) : ""
            return (key, value)
        }
    }

    /// The first value of query parameter `name`, if present.
    func queryValue(_ name: String) -> String? {
        queryItems.first(where: { $0.0 == name })?.1
    }
}
