/// The parts of Go's `net/url` that Hydra's validator relies on: `Parse`, `ParseRequestURI`, `String`.
///
/// Error texts follow Go's `parse "<url>": <reason>` so hints that embed them read the same.
struct GoURL: Equatable {
    var scheme = ""
    var opaque = ""
    var user: String?
    var host = ""
    var path = ""
    var rawQuery = ""
    var fragment = ""

    /// `url.Parse`: the fragment is split off first.
    static func parse(_ raw: String) -> Result<GoURL, GoURLError> {
        let (rest, fragment) = cut(raw, "#")
        return parse(rest, viaRequest: false, original: raw).map {
            var u = $0; u.fragment = fragment ?? ""; return u
        }
    }

    /// `url.ParseRequestURI`: an absolute URI or an absolute path; `#` is not special.
    static func parseRequestURI(_ raw: String) -> Result<GoURL, GoURLError> {
        parse(raw, viaRequest: true, original: raw)
    }

    private static func cut(_ s: String, _ separator: Character) -> (String, String?) {
        guard let i = s.firstIndex(of: separator) else { return (s, nil) }
        return (String(s[..<i]), String(s[s.index(after: i)...]))
    }

    private static func parse(_ raw: String, viaRequest: Bool, original: String) -> Result<GoURL, GoURLError> {
        func fail(_ reason: String) -> Result<GoURL, GoURLError> { .failure(GoURLError(url: original, reason: reason)) }
        if raw.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return fail("net/url: invalid control character in URL") }
        if raw.isEmpty && viaRequest { return fail("empty url") }
        var u = GoURL()
        if raw == "*" { u.path = "*"; return .success(u) }
        var rest = Substring(raw)
        for (i, c) in raw.enumerated() {
            if c.isASCII && c.isLetter { continue }
            if c.isASCII && (c.isNumber || c == "+" || c == "-" || c == ".") { if i == 0 { break } else { continue } }
            if c == ":" {
                if i == 0 { return fail("missing protocol scheme") }
                u.scheme = raw.prefix(i).lowercased()
                rest = raw.dropFirst(i + 1)
            }
            break
        }
        if rest.hasSuffix("?") && rest.filter({ $0 == "?" }).count == 1 {
            rest = rest.dropLast()
        } else if let q = rest.firstIndex(of: "?") {
            u.rawQuery = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if !rest.hasPrefix("/") {
            if !u.scheme.isEmpty { u.opaque = String(rest); return .success(u) }
            if viaRequest { return fail("invalid URI for request") }
            if let colon = rest.firstIndex(of: ":"), rest.firstIndex(of: "/").map({ colon < $0 }) ?? true {
                return fail("first path segment in URL cannot contain colon")
            }
        }
        if (!u.scheme.isEmpty || !viaRequest && !rest.hasPrefix("///")) && rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            var authority = afterSlashes[..<end]
            rest = afterSlashes[end...]
            if let at = authority.lastIndex(of: "@") {
                u.user = String(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            if let reason = hostError(String(authority)) { return fail(reason) }
            u.host = String(authority)
        }
        guard let decoded = PercentEncoding.decode(String(rest)) else {
            return fail("invalid URL escape \(escapeSample(String(rest)))")
        }
        u.path = decoded
        return .success(u)
    }

    private static func escapeSample(_ s: String) -> String {
        guard let i = s.firstIndex(of: "%") else { return "\"%\"" }
        return "\"" + String(s[i...].prefix(3)) + "\""
    }

    private static func hostError(_ host: String) -> String? {
        var name = Substring(host)
        if host.hasPrefix("[") {
            guard let close = host.lastIndex(of: "]") else { return "missing ']' in host" }
            let port = host[host.index(after: close)...]
            if !validOptionalPort(port) { return "invalid port \"\(port)\" after host" }
            name = host[..<close]
        } else if let colon = host.lastIndex(of: ":") {
            let port = host[colon...]
            if !validOptionalPort(port) { return "invalid port \"\(port)\" after host" }
        }
        let allowed = Set("!$&'()*+,;=:[]<>\"-_.~%".utf8)
        for b in name.utf8 where b < 0x80 {
            let alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            if !alnum && !allowed.contains(b) { return "invalid character \"\(String(UnicodeScalar(b)))\" in host name" }
        }
        return nil
    }

    private static func validOptionalPort(_ port: Substring) -> Bool {
        if port.isEmpty { return true }
        guard port.first == ":" else { return false }
        return port.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The host without port or IPv6 brackets (`URL.Hostname()`).
    var hostname: String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<close]) }
        if let colon = host.lastIndex(of: ":") { return String(host[..<colon]) }
        return host
    }

    /// The port, or "" (`URL.Port()`).
    var port: String {
        let afterBracket = host.lastIndex(of: "]").map { host[host.index(after: $0)...] } ?? Substring(host)
        guard let colon = afterBracket.lastIndex(of: ":") else { return "" }
        return String(afterBracket[afterBracket.index(after: colon)...])
    }

    /// `URL.String()` for the shapes the CORS check lets through.
    var string: String {
        var out = scheme.isEmpty ? "" : scheme + ":"
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !host.isEmpty || user != nil { out += "//" }
            if let user { out += user + "@" }
            out += host + path
        }
        if !rawQuery.isEmpty { out += "?" + rawQuery }
        if !fragment.isEmpty { out += "#" + fragment }
        return out
    }
}

/// A URL Go would reject; `description` is Go's `*url.Error` text.
struct GoURLError: Error, Equatable {
    let url: String
    let reason: String
    var description: String { "parse \"\(url)\": \(reason)" }
}
