/// Expands `${NAME}` and `${NAME:-default}` in manifest strings; `$${` writes a literal `${`.
public struct Interpolation: Sendable {
    /// A variable that is unset and has no default, or a malformed reference, at a character offset.
    public struct Problem: Sendable, Hashable {
        public var offset: Int
        public var message: String
    }

    /// The values: the environment overlaid with `--var-file` and `--var` values.
    public var variables: [String: String]

    public init(variables: [String: String]) {
        self.variables = variables
    }

    /// Expands every reference in `text`. Problems carry the offset (in Unicode scalars) of the `$`.
    public func expand(_ text: String) -> (String, [Problem]) {
        // Byte scan: `String.contains("$")` would resolve to Foundation's substring search, 10x slower.
        guard text.utf8.contains(UInt8(ascii: "$")) else { return (text, []) }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var problems: [Problem] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "$", i + 2 < scalars.count, scalars[i + 1] == "$", scalars[i + 2] == "{" {
                out.append(contentsOf: "${".unicodeScalars)
                i += 3
                continue
            }
            guard c == "$", i + 1 < scalars.count, scalars[i + 1] == "{" else {
                out.append(c)
                i += 1
                continue
            }
            guard let close = scalars[(i + 2)...].firstIndex(of: "}") else {
                problems.append(Problem(offset: i, message: "unterminated '${'; write '}' to end it, or '$${' for a literal '${'"))
                out.append(contentsOf: scalars[i...])
                break
            }
            let body = String(String.UnicodeScalarView(scalars[(i + 2)..<close]))
            let (name, fallback) = split(body)
            if !Self.isValidName(name) {
                problems.append(Problem(offset: i, message: "invalid variable name '\(name)' in '${\(body)}'; use letters, digits and '_'"))
            } else if let value = variables[name] {
                out.append(contentsOf: value.unicodeScalars)
            } else if let fallback {
                out.append(contentsOf: fallback.unicodeScalars)
            } else {
                problems.append(Problem(offset: i, message: "variable '\(name)' is not set; set it in the environment, pass --var \(name)=VALUE, or write ${\(name):-default}"))
            }
            i = close + 1
        }
        return (String(out), problems)
    }

    private func split(_ body: String) -> (String, String?) {
        let bytes = Array(body.utf8)
        guard let colon = bytes.indices.first(where: { bytes[$0] == UInt8(ascii: ":") && $0 + 1 < bytes.count && bytes[$0 + 1] == UInt8(ascii: "-") })
        else { return (body, nil) }
        return (String(decoding: bytes[..<colon], as: UTF8.self), String(decoding: bytes[(colon + 2)...], as: UTF8.self))
    }

    static func isValidName(_ name: String) -> Bool {
        func letter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == UInt8(ascii: "_") }
        guard let first = name.utf8.first, letter(first) else { return false }
        return name.utf8.allSatisfy { letter($0) || (0x30...0x39).contains($0) }
    }
}
