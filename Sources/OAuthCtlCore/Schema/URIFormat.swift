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

    /// Splits `text` by bytes, in one pass over its UTF-8 (every delimiter is ASCII, so UTF-8 offsets are
    /// valid `String` indices).
    static func parse(_ text: String) -> Parts? {
        var contiguous = text
        return contiguous.withUTF8 { parse($0, of: text) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, of text: String) -> Parts? {
        func letter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        func first(_ byte: Unicode.Scalar, in range: Range<Int>) -> Int? { range.first { bytes[$0] == UInt8(ascii: byte) } }
        func last(_ byte: Unicode.Scalar, in range: Range<Int>) -> Int? { range.last { bytes[$0] == UInt8(ascii: byte) } }
        guard let colon = first(":", in: 0..<bytes.count), colon > 0, letter(bytes[0]),
            bytes[0..<colon].allSatisfy({
                letter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
            })
        else { return nil }
        var end = bytes.count
        var fragment: Range<Int>?
        if let hash = first("#", in: colon + 1..<end) {
            fragment = hash + 1..<end
            end = hash
        }
        var query: Range<Int>?
        if let mark = first("?", in: colon + 1..<end) {
            query = mark + 1..<end
            end = mark
        }
        var rest = colon + 1..<end
        var authority: Range<Int>?
        if rest.count >= 2, bytes[rest.lowerBound] == UInt8(ascii: "/"), bytes[rest.lowerBound + 1] == UInt8(ascii: "/") {
            let start = rest.lowerBound + 2
            let slash = first("/", in: start..<end) ?? end
            authority = start..<slash
            rest = slash..<end
        }
        var userinfo = false
        var host = 0..<0
        if let authority {
            host = authority
            if let at = last("@", in: authority) {
                userinfo = true
                host = at + 1..<authority.upperBound
            }
        }
        if let portColon = last(":", in: host), bytes[host.upperBound - 1] != UInt8(ascii: "]") {
            guard bytes[portColon + 1..<host.upperBound].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            host = host.lowerBound..<portColon
        }
        func slice(_ range: Range<Int>) -> Substring {
            let utf8 = text.utf8
            return text[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
        }
        return Parts(
            scheme: String(decoding: bytes[0..<colon], as: UTF8.self).lowercased(), authority: authority.map(slice), userinfo: userinfo,
            host: slice(host), path: slice(rest), query: query.map(slice), fragment: fragment.map(slice))
    }
}
