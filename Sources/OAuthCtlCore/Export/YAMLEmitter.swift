import YAML

/// Writes JSON values as block-style YAML that oauthctl's own loader reads back to the same values.
///
/// Strings are plain only when the YAML 1.2 core schema would read them back as the same string;
/// otherwise they are double-quoted with YAML's own escapes. `${` in values is written `$${` so
/// interpolation leaves it alone.
package enum YAMLEmitter {
    /// The lines of `value` as the content of a mapping key (`key: value` or a nested block).
    package static func entry(_ key: String, _ value: JSONValue, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let object) where !object.isEmpty:
            return ["\(pad)\(scalar(key, interpolated: false)):"] + mapping(object, indent: indent + 2)
        case .array(let items) where !items.isEmpty:
            return ["\(pad)\(scalar(key, interpolated: false)):"] + sequence(items, indent: indent + 2)
        default:
            return ["\(pad)\(scalar(key, interpolated: false)): \(inline(value))"]
        }
    }

    /// A block mapping, keys sorted.
    package static func mapping(_ object: [String: JSONValue], indent: Int) -> [String] {
        object.keys.sorted().flatMap { entry($0, object[$0] ?? .null, indent: indent) }
    }

    static func sequence(_ items: [JSONValue], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return items.flatMap { item -> [String] in
            switch item {
            case .object(let object) where !object.isEmpty:
                var lines = mapping(object, indent: indent + 2)
                lines[0] = pad + "- " + lines[0].dropFirst(indent + 2)
                return lines
            case .array(let inner) where !inner.isEmpty:
                return ["\(pad)-"] + sequence(inner, indent: indent + 2)
            default:
                return ["\(pad)- \(inline(item))"]
            }
        }
    }

    static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double: JSONEncoding.compact(value)
        case .string(let s): scalar(s, interpolated: true)
        case .array: "[]"
        case .object: "{}"
        }
    }

    /// A string as a YAML scalar: plain when that reads back unchanged, else double-quoted.
    static func scalar(_ text: String, interpolated: Bool) -> String {
        let escaped = interpolated ? escapingInterpolation(text) : text
        let mark = Mark(line: 1, column: 1)
        if isPlainSafe(escaped), Node.Scalar(value: escaped, mark: mark).resolved == .string(escaped) {
            return escaped
        }
        return doubleQuoted(escaped)
    }

    /// `text` with every `${` written `$${`. Interpolation reads scalars, not characters, so the match must
    /// too: `{` followed by a combining mark is one `Character` and `replacingOccurrences` would miss it.
    private static func escapingInterpolation(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "{", previous == "$" { out.append("$") }
            out.append(scalar)
            previous = scalar
        }
        return String(out)
    }

    /// A double-quoted YAML scalar. Escaped: `"`, `\`, what `TerminalText` escapes (controls, DEL, C1 with
    /// NEL, the line and paragraph separators, bidi controls; in its notation, which YAML's double-quoted
    /// style shares with JSON), and what libyaml refuses to read raw (BOM, U+FFFE, U+FFFF).
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where TerminalText.isUnsafe(scalar) || unreadableRaw.contains(scalar.value): out += TerminalText.escaped(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Scalars libyaml refuses in a stream: the byte order mark inside it, and the noncharacters U+FFFE, U+FFFF.
    private static let unreadableRaw: Set<UInt32> = [0xFEFF, 0xFFFE, 0xFFFF]

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@` ".unicodeScalars.contains(first) || last == " " { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        // `<<` is a merge key to the loader.
        if text == "<<" { return false }
        return text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0.isASCII }
    }
}
