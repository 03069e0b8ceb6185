/// Rewrites a web origin as Go's `url.Parse` + `String()` with the trailing `/` trimmed (Hydra does this
/// to `allowed_cors_origins` before storing them): lower-case scheme and host.
enum OriginNormalizer {
    static func normalize(_ origin: String) -> String {
        guard let parts = URIFormat.parse(origin), let authority = parts.authority else { return origin }
        var path = parts.path
        while path.hasSuffix("/") { path.removeLast() }
        var text = parts.scheme + "://" + lowerHost(authority) + path
        if let query = parts.query { text += "?" + query }
        if let fragment = parts.fragment { text += "#" + fragment }
        return text
    }

    private static func lowerHost(_ authority: Substring) -> String {
        guard let at = authority.lastIndex(of: "@") else { return authority.lowercased() }
        return String(authority[...at]) + authority[authority.index(after: at)...].lowercased()
    }
}
