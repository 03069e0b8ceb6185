/// Checks URIs and web origins the way the servers will, without touching the network.
public enum URIFormat {
    /// The parts of an absolute URI that the checks need.
    struct Parts {
        var scheme: String
        var authority: String?
        var userinfo: Bool
        var host: String
        var path: String
        var query: String?
        var fragment: String?
    }

    /// What is wrong with `text` for `format`, or nil when it is fine.
    public static func problem(with text: String, format: FieldSchema.Format) -> String? {
        if format == .uuid { return uuidProblem(text) }
        if text.contains(where: { $0.isWhitespace }) { return "a URI can't contain spaces" }
        guard let parts = parse(text) else { return "expected an absolute URI such as 'https://app.example.com/callback'" }
        switch format {
        case .uri(let schemes, let fragmentAllowed):
            if !schemes.isEmpty, !schemes.contains(parts.scheme) {
                return "the scheme must be \(schemes.map { "'\($0)'" }.joined(separator: " or "))"
            }
            if !fragmentAllowed, parts.fragment != nil { return "it must not contain a fragment ('#')" }
            if ["http", "https"].contains(parts.scheme), parts.host.isEmpty { return "it has no host" }
            return nil
        case .hostURI:
            if parts.fragment != nil { return "it must not contain a fragment ('#')" }
            if parts.host.isEmpty { return "it needs a scheme and a host, e.g. 'https://app.example.com/cb' or 'myapp://callback'" }
            return nil
        case .uuid:
            return uuidProblem(text)
        case .origin:
            if !["http", "https"].contains(parts.scheme) { return "an origin must use http:// or https://" }
            if parts.userinfo { return "an origin must not contain a user or password" }
            if parts.host.isEmpty { return "an origin needs a host" }
            if !(parts.path.isEmpty || parts.path == "/") || parts.query != nil || parts.fragment != nil {
                return "an origin is only scheme://host[:port], with no path, query or fragment"
            }
            return nil
        }
    }

    /// What is wrong with `text` as a lower-case UUID, or nil.
    static func uuidProblem(_ text: String) -> String? {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        let shapeOK = groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
        guard shapeOK else { return "expected a UUID such as '3f0b8f4e-2a4c-4d1e-9b7a-1c2d3e4f5a6b'" }
        guard text == text.lowercased() else { return "write the UUID in lower case (the server stores it so): '\(text.lowercased())'" }
        return nil
    }

    static func parse(_ text: String) -> Parts? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) })
        else { return nil }
        var rest = Substring(text[text.index(after: colon)...])
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        var authority: String?
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[..<end])
            rest = rest[end...]
        }
        let userinfo = authority?.contains("@") ?? false
        var host = authority.map { String($0.split(separator: "@").last ?? "") } ?? ""
        if let portColon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
            let port = host[host.index(after: portColon)...]
            guard port.allSatisfy(\.isNumber) else { return nil }
            host = String(host[..<portColon])
        }
        return Parts(
            scheme: scheme.lowercased(), authority: authority, userinfo: userinfo, host: host, path: String(rest),
            query: query, fragment: fragment)
    }
}
