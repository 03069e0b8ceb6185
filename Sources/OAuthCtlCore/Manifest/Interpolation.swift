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
    ///
    /// Works on UTF-8 bytes: every delimiter is ASCII, and scalar offsets are counted only for problems.
    public func expand(_ text: String) -> (String, [Problem]) {
        guard text.utf8.contains(Self.dollar) else { return (text, []) }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        var problems: [Problem] = []
        /// Scalars before byte `index`: every byte that is not a UTF-8 continuation byte starts one.
        func offset(_ index: Int) -> Int { bytes[..<index].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == Self.dollar, i + 2 < bytes.count, bytes[i + 1] == Self.dollar, bytes[i + 2] == Self.open {
                out += [Self.dollar, Self.open]
                i += 3
                continue
            }
            guard c == Self.dollar, i + 1 < bytes.count, bytes[i + 1] == Self.open else {
                out.append(c)
                i += 1
                continue
            }
            guard let close = bytes[(i + 2)...].firstIndex(of: Self.close) else {
                problems.append(Problem(offset: offset(i), message: "unterminated '${'; write '}' to end it, or '$${' for a literal '${'"))
                out += bytes[i...]
                break
            }
            let body = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
            let (name, fallback) = split(body)
            if !Self.isValidName(name) {
                problems.append(Problem(offset: offset(i), message: "invalid variable name '\(name)' in '${\(body)}'; use letters, digits and '_'"))
            } else if let value = variables[name] {
                out += value.utf8
            } else if let fallback {
                out += fallback.utf8
            } else {
                problems.append(Problem(offset: offset(i), message: "variable '\(name)' is not set; set it in the environment, pass --var \(name)=VALUE, or write ${\(name):-default}"))
            }
            i = close + 1
        }
        return (String(decoding: out, as: UTF8.self), problems)
    }

    private static let dollar = UInt8(ascii: "$")
    private static let open = UInt8(ascii: "{")
    private static let close = UInt8(ascii: "}")

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
