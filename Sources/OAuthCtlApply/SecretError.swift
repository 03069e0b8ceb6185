import OAuthCtlCore

/// A secret reference that could not be resolved; the message names the reference, never a value.
package enum SecretError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `{from_env: NAME}` with `NAME` unset or empty.
    case unset(variable: String)
    /// `{from_file: PATH}` with no readable file at `PATH`.
    case unreadable(path: String)
    /// `{from_file: PATH}` whose file holds nothing but line ends.
    case emptyFile(path: String)

    /// The reference that failed.
    package var reference: SecretReference {
        switch self {
        case .unset(let name): return .env(name)
        case .unreadable(let path), .emptyFile(let path): return .file(path)
        }
    }

    package var description: String {
        switch self {
        case .unset(let name): return "secret \(reference) is not set; export \(name) before running"
        case .unreadable: return "secret \(reference) can't be read; check that the file exists and is readable"
        case .emptyFile: return "secret \(reference) is an empty file"
        }
    }
}
