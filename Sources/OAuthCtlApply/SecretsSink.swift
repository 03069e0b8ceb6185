import Foundation
import OAuthCtlCore

/// The one place a server-generated secret is written: `--secrets-out FILE`, mode 0600, JSON or dotenv
/// by extension, rewritten atomically after each new secret so a failed run loses none.
public final class SecretsSink: @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var entries: [String: [String: String]] = [:]

    public init(path: String) {
        self.path = path
        if !isDotenv, let data = FileManager.default.contents(atPath: path),
            let existing = try? JSONParser.parse([UInt8](data)).objectValue
        {
            entries = existing.compactMapValues { $0.objectValue?.compactMapValues(\.stringValue) }
        }
    }

    private var isDotenv: Bool { path.hasSuffix(".env") || !path.hasSuffix(".json") }

    /// Records a client's generated secret and rewrites the file.
    public func record(address: ClientAddress, id: String, field: String, secret: SecretValue) throws {
        lock.lock()
        defer { lock.unlock() }
        entries[address.description, default: [:]]["client_id"] = id
        entries[address.description, default: [:]][field] = secret.revealed
        try write()
    }

    private func write() throws {
        let text: String
        if isDotenv {
            text = entries.keys.sorted().flatMap { address -> [String] in
                let prefix = address.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
                return (entries[address] ?? [:]).sorted { $0.key < $1.key }.map { "\(prefix)_\($0.key.uppercased())=\($0.value)" }
            }.joined(separator: "\n") + "\n"
        } else {
            text = JSONEncoding.pretty(.object(entries.mapValues { .object($0.mapValues(JSONValue.string)) })) + "\n"
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw SecretError("can't write the secrets file '\(path)'") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SecretError("can't write the secrets file '\(path)'")
        }
        chmod(path, 0o600)
    }
}
