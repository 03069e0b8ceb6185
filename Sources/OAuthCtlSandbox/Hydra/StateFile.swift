import Foundation

/// The `--state FILE` database: every client with its secret hash, saved atomically (temp + rename).
///
/// Format: `{"version":1,"clients":[{<GET shape>, "client_secret_hash": "...",
/// "rotated_secret_hashes": [...], "created_at_unix": <s>, "updated_at_unix": <s>}]}`.
struct StateFile: Sendable {
    let path: String

    func load() throws -> ClientStore {
        guard FileManager.default.fileExists(atPath: path) else { return ClientStore() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SandboxError.stateFile(path, "cannot be read")
        }
        let root: JSONValue
        do { root = try JSONParser.parseDocument([UInt8](data)) } catch let error as JSONParser.SyntaxError {
            throw SandboxError.stateFile(path, "is not valid JSON: \(error.message)")
        }
        guard let entries = root["clients"]?.arrayValue else { throw SandboxError.stateFile(path, "has no 'clients' array") }
        var store = ClientStore()
        for entry in entries {
            guard let decoded = try? ClientDecoder.decode(value: entry) else {
                throw SandboxError.stateFile(path, "holds a client that cannot be decoded")
            }
            var client = decoded.client
            ClientValidator.beforeSave(&client)
            client.secretHash = entry["client_secret_hash"]?.stringValue ?? ""
            client.rotatedSecretHashes = (entry["rotated_secret_hashes"]?.arrayValue ?? []).compactMap(\.stringValue)
            client.createdAt = Date(timeIntervalSince1970: Self.number(entry["created_at_unix"]))
            client.updatedAt = Date(timeIntervalSince1970: Self.number(entry["updated_at_unix"]))
            _ = store.insert(client)
        }
        return store
    }

    private static func number(_ value: JSONValue?) -> Double {
        if case .number(let n)? = value { return Double(n) ?? 0 }
        return 0
    }

    /// Writes the whole store to `path.tmp-<pid>` and renames it over `path`.
    func save(_ store: ClientStore) throws {
        let clients: [JSONValue] = store.sortedIDs.compactMap { id in
            guard let client = store[id] else { return nil }
            return client.render(echo: false)
                .setting("client_secret_hash", .string(client.secretHash))
                .setting("rotated_secret_hashes", .array(client.rotatedSecretHashes.map(JSONValue.string)))
                .setting("created_at_unix", .number(String(client.createdAt.timeIntervalSince1970)))
                .setting("updated_at_unix", .number(String(client.updatedAt.timeIntervalSince1970)))
        }
        let bytes = JSONWriter.bytes(.object([("version", .number("1")), ("clients", .array(clients))]))
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw SandboxError.stateFile(path, "cannot write \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SandboxError.stateFile(path, "cannot rename \(temporary) over it")
        }
    }
}
