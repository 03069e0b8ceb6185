/// Checks URIs and web origins the way the servers will, without touching the network.
package enum URIFormat {
    /// The parts of an absolute URI that the checks need: the scheme lower-cased, the rest as slices of
    /// the text (a manifest's every URI is checked; slices cost no allocation).
    struct Parts {
        var scheme: String
        var authority: Substring?
        var userinfo: Bool
        var host: Substring
        var path: Substring
        var query: Substring?
        var fragment: Substring?
    }

    /// What is wrong with `text` for `format`, or nil when it is fine.
    package static func problem(with text: String, format: FieldSchema.Format) -> String? {
        if format == .uuid { return uuidProblem(text) }
        if hasWhitespace(text) { return "a URI can't contain spaces" }
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

    /// ASCII whitespace by a byte scan; other text (rare in URIs) by Unicode properties.
    static func hasWhitespace(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) { return true }
            if byte >= 0x80 { ascii = false }
        }
        return !ascii && text.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    /// Splits `text` by bytes (every delimiter is ASCII, so UTF-8 positions are valid `String` indices).
    static func parse(_ text: String) -> Parts? {
        let utf8 = text.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = text[..<colon]
        func letter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        guard let first = scheme.utf8.first, letter(first),
            scheme.utf8.allSatisfy({
                letter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
            })
        else { return nil }
        var rest = text[utf8.index(after: colon)...]
        var fragment: Substring?
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = rest[utf8.index(after: hash)...]
            rest = rest[..<hash]
        }
        var query: Substring?
        if let mark = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            query = rest[utf8.index(after: mark)...]
            rest = rest[..<mark]
        }
        var authority: Substring?
        if rest.utf8.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) {
            rest = rest[utf8.index(rest.startIndex, offsetBy: 2)...]
            let end = rest.utf8.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            authority = rest[..<end]
            rest = rest[end...]
        }
        var userinfo = false
        var host: Substring = ""
        if let authority {
            host = authority
            if let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) {
                userinfo = true
                host = authority[utf8.index(after: at)...]
            }
        }
        if let portColon = host.utf8.lastIndex(of: UInt8(ascii: ":")), host.utf8.last != UInt8(ascii: "]") {
            let port = host[utf8.index(after: portColon)...]
            guard port.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            host = host[..<portColon]
        }
        return Parts(
            scheme: scheme.lowercased(), authority: authority, userinfo: userinfo, host: host, path: rest, query: query,
            fragment: fragment)
    }
}
