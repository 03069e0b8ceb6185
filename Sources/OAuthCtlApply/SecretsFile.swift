import Foundation
import OAuthCtlCore

/// What a secrets sink holds, by client address, and its two file formats (pure: bytes in, bytes out).
///
/// JSON: `{"prod/web": {"client_id": "web", "client_secret": "…"}}`; an entry whose secret is not (yet)
/// stored has `"status": "pending"` or `"lost"`.
///
/// dotenv: one block per client, headed by a comment that names its address (and a status, if any):
/// ```
/// # prod/web
/// PROD_WEB_CLIENT_ID=web
/// PROD_WEB_CLIENT_SECRET=…
/// # prod/api status=lost
/// PROD_API_CLIENT_ID=api
/// ```
/// Lines above the first block are kept as they are, except keys a new block takes over.
/// Never printed: it holds secrets.
package struct SecretsFile: Sendable {
    package enum Format: Sendable { case json, dotenv }

    /// A secret that is not in the file yet.
    package enum Status: String, Sendable {
        /// A create that receives a secret was about to be sent; its answer was not stored.
        case pending
        /// The client was created, but the server's answer (the only copy of the secret) never arrived.
        case lost
    }

    package struct Entry: Sendable {
        package var values: [String: String] = [:]
        package var status: Status?
        package init(values: [String: String] = [:], status: Status? = nil) {
            self.values = values
            self.status = status
        }
    }

    package var format: Format
    package var entries: [String: Entry] = [:]
    /// dotenv lines outside any block, in order (e.g. written by hand or by an older version).
    var loose: [(key: String, value: String)] = []

    package init(format: Format) {
        self.format = format
    }

    /// The dotenv key prefix of an address: `prod/billing-web` → `PROD_BILLING_WEB`.
    package static func envPrefix(_ address: String) -> String {
        String(address.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// The problem when two of `addresses` (or one of them and a client already in the file) would write
    /// the same dotenv keys.
    package func checkKeys(_ addresses: [String]) -> String? {
        guard format == .dotenv else { return nil }
        var owners: [String: String] = [:]
        for address in entries.keys.sorted() { owners[Self.envPrefix(address)] = address }
        for address in Set(addresses).sorted() {
            let prefix = Self.envPrefix(address)
            if let other = owners[prefix], other != address {
                return
                    ("can't hold both '\(other)' and '\(address)': in a dotenv file both become \(prefix)_*; rename one of the clients, or use a .json file")
            }
            owners[prefix] = address
        }
        return nil
    }

    mutating func setPending(_ address: String) {
        entries[address, default: Entry()].status = .pending
    }

    mutating func setSecret(_ address: String, id: String, field: String, value: String) {
        take(address)
        entries[address] = Entry(values: ["client_id": id, field: value], status: nil)
    }

    mutating func setLost(_ address: String, id: String) {
        take(address)
        entries[address] = Entry(values: ["client_id": id], status: .lost)
    }

    mutating func clearStatus(_ address: String) {
        guard entries[address] != nil else { return }
        entries[address]?.status = nil
        if entries[address]?.values.isEmpty == true { entries[address] = nil }
    }

    /// Only the entries that have a state, with only their `client_id` (the encrypted sink's journal).
    mutating func keepStatesOnly() {
        entries = entries.filter { $0.value.status != nil }.mapValues { entry in
            Entry(values: entry.values.filter { $0.key == "client_id" }, status: entry.status)
        }
        loose = []
    }

    /// Drops loose dotenv lines that the block of `address` now owns.
    private mutating func take(_ address: String) {
        let prefix = Self.envPrefix(address) + "_"
        loose.removeAll { $0.key.hasPrefix(prefix) }
    }

    // MARK: - Files

    /// Why a file can't be read as a secrets file (never quotes a value).
    package struct ParseError: Error, CustomStringConvertible {
        package var description: String
    }

    package static func parse(_ bytes: [UInt8], format: Format) throws(ParseError) -> SecretsFile {
        var file = SecretsFile(format: format)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return file }
        switch format {
        case .json:
            guard let root = try? JSONParser.parse(bytes), let object = root.objectValue else {
                throw ParseError(description: "is not a JSON object")
            }
            for (address, value) in object {
                guard let fields = value.objectValue else {
                    throw ParseError(description: "has an entry '\(address)' that is not an object")
                }
                var entry = Entry()
                for (key, field) in fields {
                    guard let text = field.stringValue else { throw ParseError(description: "has a non-string value in '\(address)'") }
                    if key == "status" { entry.status = Status(rawValue: text) } else { entry.values[key] = text }
                }
                file.entries[address] = entry
            }
        case .dotenv:
            var current: String?
            for (number, rawLine) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated()
            {
                let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                if trimmed.hasPrefix("#") {
                    let words = trimmed.dropFirst().split(separator: " ").map(String.init)
                    if let address = words.first, ClientAddress(address) != nil {
                        current = address
                        var entry = file.entries[address] ?? Entry()
                        if let status = words.dropFirst().first(where: { $0.hasPrefix("status=") }) {
                            entry.status = Status(rawValue: String(status.dropFirst("status=".count)))
                        }
                        file.entries[address] = entry
                    }
                    continue
                }
                var body = Substring(trimmed)
                if body.hasPrefix("export ") { body = body.dropFirst("export ".count) }
                guard let eq = body.firstIndex(of: "="), !body[..<eq].isEmpty else {
                    throw ParseError(description: "line \(number + 1) is not KEY=VALUE")
                }
                let key = String(body[..<eq]).trimmingCharacters(in: .whitespaces)
                let value = unquote(String(body[body.index(after: eq)...]))
                if let address = current, key.hasPrefix(envPrefix(address) + "_") {
                    let field = String(key.dropFirst(envPrefix(address).count + 1)).lowercased()
                    file.entries[address]?.values[field] = value
                } else {
                    file.loose.append((key, value))
                }
            }
        }
        return file
    }

    /// The file's bytes: sorted by address, so reruns write the same file.
    package func serialized() -> [UInt8] {
        switch format {
        case .json:
            let object = entries.mapValues { entry -> JSONValue in
                var fields = entry.values.mapValues(JSONValue.string)
                if let status = entry.status { fields["status"] = .string(status.rawValue) }
                return .object(fields)
            }
            return Array((JSONEncoding.pretty(.object(object)) + "\n").utf8)
        case .dotenv:
            var lines = loose.map { "\($0.key)=\(Self.quote($0.value))" }
            for address in entries.keys.sorted() {
                guard let entry = entries[address] else { continue }
                lines.append("# \(address)" + (entry.status.map { " status=\($0.rawValue)" } ?? ""))
                let prefix = Self.envPrefix(address)
                for (field, value) in entry.values.sorted(by: { $0.key < $1.key }) {
                    lines.append("\(prefix)_\(Self.envPrefix(field))=\(Self.quote(value))")
                }
            }
            return Array((lines.joined(separator: "\n") + "\n").utf8)
        }
    }

    /// A value as dotenv writes it: bare when it is plain, else double-quoted with `\`, `"`, `$`, `` ` ``
    /// and newlines escaped.
    static func quote(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && value.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (CharacterSetPlain.contains(scalar))
            }
        if plain { return value }
        var out = "\""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "$": out += "\\$"
            case "`": out += "\\`"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    static func unquote(_ raw: String) -> String {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") { return String(value.dropFirst().dropLast()) }
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var out = ""
        var escaped = false
        for character in value.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}

/// Characters a dotenv value may hold without quotes.
private enum CharacterSetPlain {
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", "~", "+", "/", "=", ":", "@", ",": true
        default: false
        }
    }
}
