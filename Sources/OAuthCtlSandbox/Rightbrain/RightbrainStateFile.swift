import Foundation

/// The `--state FILE` database of the Rightbrain sandbox: every client with its secret hash (never a
/// secret), saved atomically (temp + rename), mode 0600.
///
/// Format: `{"version":1,"type":"rightbrain","clients":[{<GET shape>, "org_id", "client_secret_hash",
/// "created_unix", "modified_unix", "scopes", "trusted"}]}` (the last two are never in a response).
struct RightbrainStateFile: Sendable {
    let path: String

    func load() throws -> [String: RightbrainClient] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else { throw SandboxError.stateFile(path, "cannot be read") }
        let root: JSONValue
        do { root = try JSONParser.parseDocument([UInt8](data)) } catch let error as JSONParser.SyntaxError {
            throw SandboxError.stateFile(path, "is not valid JSON: \(error.message)")
        }
        guard root["type"]?.stringValue == "rightbrain", let entries = root["clients"]?.arrayValue else {
            throw SandboxError.stateFile(path, "is not a rightbrain sandbox state file")
        }
        var clients: [String: RightbrainClient] = [:]
        for entry in entries {
            guard let client = Self.client(entry) else { throw SandboxError.stateFile(path, "holds a client that cannot be decoded") }
            clients[client.id] = client
        }
        return clients
    }

    private static func client(_ entry: JSONValue) -> RightbrainClient? {
        func strings(_ key: String) -> [String]? { entry[key]?.arrayValue?.compactMap(\.stringValue) }
        func date(_ key: String) -> Date {
            if case .number(let n)? = entry[key] { return Date(timeIntervalSince1970: Double(n) ?? 0) }
            return Date(timeIntervalSince1970: 0)
        }
        guard let id = entry["id"]?.stringValue, let clientID = entry["client_id"]?.stringValue,
            let org = entry["org_id"]?.stringValue, let project = entry["project_id"]?.stringValue,
            let name = entry["name"]?.stringValue
        else { return nil }
        var pkce = false
        if case .bool(let flag)? = entry["pkce_required"] { pkce = flag }
        return RightbrainClient(
            id: id, clientID: clientID, orgID: org, projectID: project, name: name, description: entry["description"]?.stringValue,
            redirectURIs: strings("redirect_uris"), grantTypes: strings("grant_types"),
            tokenEndpointAuthMethod: entry["token_endpoint_auth_method"]?.stringValue ?? "client_secret_basic", pkceRequired: pkce,
            pkceChallengeMethod: entry["pkce_challenge_method"]?.stringValue, created: date("created_unix"),
            modified: date("modified_unix"), secretHash: entry["client_secret_hash"]?.stringValue ?? "", scopes: strings("scopes"),
            trusted: entry["trusted"].flatMap { if case .bool(let flag) = $0 { flag } else { nil } })
    }

    func save(_ clients: [String: RightbrainClient]) throws {
        let entries: [JSONValue] = clients.values.sorted { $0.id < $1.id }.map { client in
            client.render()
                .setting("org_id", .string(client.orgID))
                .setting("client_secret_hash", .string(client.secretHash))
                .setting("scopes", client.scopes.map { .array($0.map(JSONValue.string)) } ?? .null)
                .setting("trusted", client.trusted.map(JSONValue.bool) ?? .null)
                .setting("created_unix", .number(String(client.created.timeIntervalSince1970)))
                .setting("modified_unix", .number(String(client.modified.timeIntervalSince1970)))
        }
        let root = JSONValue.object([("version", .number("1")), ("type", .string("rightbrain")), ("clients", .array(entries))])
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data(JSONWriter.bytes(root)), attributes: [.posixPermissions: 0o600])
        else {
            throw SandboxError.stateFile(path, "cannot write \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SandboxError.stateFile(path, "cannot rename \(temporary) over it")
        }
    }
}
