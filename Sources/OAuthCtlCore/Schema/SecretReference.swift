/// Where a secret comes from: an environment variable or a file. Never the value itself.
package enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    case env(String)
    /// A path; relative paths are already resolved against the manifest's folder.
    case file(String)

    package var description: String {
        switch self {
        case .env(let name): "from_env \(name)"
        case .file(let path): "from_file \(path)"
        }
    }

    /// The reference as JSON (`{"from_env": "NAME"}`), safe to print and save.
    package var json: JSONValue {
        switch self {
        case .env(let name): ["from_env": .string(name)]
        case .file(let path): ["from_file": .string(path)]
        }
    }
}

/// A resolved secret. Its descriptions never reveal the value.
package struct SecretValue: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The clear value: read it only to send it to the server or to fingerprint it.
    package let revealed: String
    package init(_ value: String) { revealed = value }
    package var description: String { "(sensitive)" }
    package var debugDescription: String { "(sensitive)" }
}
