/// Expands `${NAME}` and `${NAME:-default}` in manifest strings; `$${` writes a literal `${`.
///
/// The values come only from the map it is given: `--var`, `--var-file` and `OAUTHCTL_VAR_NAME`
/// environment variables, which the CLI gathers. Other environment variables are never read, so a
/// manifest in a pull request can't print a CI secret (`client_name: ${HYDRA_ADMIN_TOKEN}`).
package struct Interpolation: Sendable {
    /// A variable that is unset and has no default, or a malformed reference, at a character offset.
    package struct Problem: Sendable, Hashable {
        package var offset: Int
        package var message: String
        /// True for a variable that is unset and has no default (not for a malformed reference).
        package var isUnsetVariable = false
    }

    /// The prefix of the environment variables that set variables: `OAUTHCTL_VAR_NAME` sets `${NAME}`.
    package static let environmentPrefix = "OAUTHCTL_VAR_"

    /// The values: `OAUTHCTL_VAR_` environment variables overlaid with `--var-file` and `--var` values.
    package var variables: [String: String]

    /// Names (never values) of environment variables that are set but deliberately not read; an unset
    /// variable's error says so when its name is among them.
    package var unreadEnvironmentNames: Set<String>

    package init(variables: [String: String], unreadEnvironmentNames: Set<String> = []) {
        self.variables = variables
        self.unreadEnvironmentNames = unreadEnvironmentNames
    }

    /// The variables that `environment` sets: each `OAUTHCTL_VAR_NAME` as `NAME` (prefix stripped, as
    /// Terraform does with `TF_VAR_`). Every other entry, and a prefixed one whose rest is not a valid
    /// name, is left out.
    package static func variables(fromEnvironment environment: [String: String]) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in environment where key.hasPrefix(environmentPrefix) {
            let name = String(key.dropFirst(environmentPrefix.count))
            if isValidName(name) { values[name] = value }
        }
        return values
    }

    /// The error for `${name}` with no value and no default: the three ways to set it.
    func unsetMessage(_ name: String) -> String {
        let ways = "pass --var \(name)=..., put it in a --var-file, or export \(Self.environmentPrefix)\(name)"
        if unreadEnvironmentNames.contains(name) {
            return "variable '\(name)' is not set; the environment variable \(name) is deliberately not read, "
                + "so a manifest can't print a CI secret; \(ways)"
        }
        return "variable '\(name)' is not set; \(ways) (other environment variables are not read, so a manifest can't print a CI secret)"
    }

    /// Expands every reference in `text`. Problems carry the offset (in Unicode scalars) of the `$`.
    ///
    /// Works on UTF-8 bytes: every delimiter is ASCII, and scalar offsets are counted only for problems.
    package func expand(_ text: String) -> (String, [Problem]) {
        var contiguous = text
        let expanded = contiguous.withUTF8 { bytes in bytes.contains(Self.dollar) ? expand(bytes) : nil }
        return expanded ?? (text, [])
    }

    private func expand(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, [Problem]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        var problems: [Problem] = []
        /// Scalars before byte `index`: every byte that is not a UTF-8 continuation byte starts one.
        func offset(_ index: Int) -> Int { bytes[..<index].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
        var i = 0
        while i < bytes.count {
            // The text up to the next `$` is copied as it is.
            guard let dollar = bytes[i...].firstIndex(of: Self.dollar) else {
                out += bytes[i...]
                break
            }
            out += bytes[i..<dollar]
            i = dollar
            if i + 2 < bytes.count, bytes[i + 1] == Self.dollar, bytes[i + 2] == Self.open {
                out += [Self.dollar, Self.open]
                i += 3
                continue
            }
            guard i + 1 < bytes.count, bytes[i + 1] == Self.open else {
                out.append(Self.dollar)
                i += 1
                continue
            }
            guard let close = bytes[(i + 2)...].firstIndex(of: Self.close) else {
                problems.append(Problem(offset: offset(i), message: "unterminated '${'; write '}' to end it, or '$${' for a literal '${'"))
                out += bytes[i...]
                break
            }
            // `NAME` or `NAME:-default`.
            let body = (i + 2)..<close
            let colon = body.first { bytes[$0] == UInt8(ascii: ":") && $0 + 1 < close && bytes[$0 + 1] == UInt8(ascii: "-") }
            let name = String(decoding: bytes[body.lowerBound..<(colon ?? close)], as: UTF8.self)
            if !Self.isValidName(name) {
                let written = String(decoding: bytes[body], as: UTF8.self)
                problems.append(
                    Problem(offset: offset(i), message: "invalid variable name '\(name)' in '${\(written)}'; use letters, digits and '_'"))
            } else if let value = variables[name] {
                out += value.utf8
            } else if let colon {
                out += bytes[(colon + 2)..<close]
            } else {
                problems.append(Problem(offset: offset(i), message: unsetMessage(name), isUnsetVariable: true))
            }
            i = close + 1
        }
        return (String(decoding: out, as: UTF8.self), problems)
    }

    private static let dollar = UInt8(ascii: "$")
    private static let open = UInt8(ascii: "{")
    private static let close = UInt8(ascii: "}")

    static func isValidName(_ name: String) -> Bool {
        func letter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == UInt8(ascii: "_") }
        guard let first = name.utf8.first, letter(first) else { return false }
        return name.utf8.allSatisfy { letter($0) || (0x30...0x39).contains($0) }
    }
}
