import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A deterministic random source (SplitMix64), so a failing generated case can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A field value as the JSON text written into a manifest (YAML flow style) and as parsed JSON.
///
/// The text is kept because some tricks live only in the text (`1.0` versus `1`, `1e3`).
struct Tricky: CustomStringConvertible {
    var text: String
    var value: JSONValue
    /// A secret reference (`{from_env: NAME}`) rather than a value.
    var isReference = false

    init(text: String) {
        self.text = text
        self.value = (try? JSONParser.parse(text)) ?? .null
    }

    init(_ value: JSONValue) {
        self.value = value
        self.text = Self.render(value)
    }

    static func reference(env name: String) -> Tricky {
        var tricky = Tricky(text: "{from_env: \(name)}")
        tricky.isReference = true
        return tricky
    }

    var description: String { text }

    /// JSON with a space after every `:` and `,`, so libyaml reads it as a flow collection.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .array(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .object(let object):
            return "{"
                + object.keys.sorted().map { JSONEncoding.compact(.string($0)) + ": " + render(object[$0] ?? .null) }
                .joined(separator: ", ") + "}"
        default: return JSONEncoding.compact(value)
        }
    }
}

/// Manifest text: a provider and client documents whose specs are written field by field.
enum ManifestText {
    static func provider(
        name: String = "sb", type: String = "hydra", url: String, managedBy: String = "it", auth: String? = nil, extra: [String] = []
    ) -> String {
        var lines = [
            "apiVersion: oauthctl/v1", "kind: Provider", "metadata: {name: \(name)}", "spec:", "  type: \(type)", "  url: \(url)",
            "  managed_by: \(managedBy)",
        ]
        lines += extra.map { "  " + $0 }
        if let auth { lines += ["  auth:", "    " + auth] }
        return lines.joined(separator: "\n")
    }

    static func client(name: String, spec: [(String, Tricky)]) -> String {
        var lines = ["apiVersion: oauthctl/v1", "kind: OAuth2Client", "metadata: {name: \(JSONEncoding.compact(.string(name)))}"]
        if spec.isEmpty {
            lines.append("spec: {}")
        } else {
            lines.append("spec:")
            lines += spec.map { "  \($0.0): \($0.1.text)" }
        }
        return lines.joined(separator: "\n")
    }

    static func write(_ directory: TemporaryDirectory, _ documents: [String], file: String = "manifests/all.yaml") throws -> String {
        try directory.write(file, documents.joined(separator: "\n---\n") + "\n")
        return directory.url.appendingPathComponent(file).deletingLastPathComponent().path
    }
}

/// Calls on a running sandbox, beyond the basic ones in `Support.swift`.
enum Sandbox {
    static func addFaults(_ sandbox: SandboxProcess, _ rules: String) async throws {
        let (status, body) = try await LoopbackHTTP.send("POST", sandbox.baseURL + "/__sandbox/faults", json: #"{"rules":\#(rules)}"#)
        guard status == 200 || status == 201 || status == 204 else {
            throw TestFailure("fault rules refused (\(status)): \(String(decoding: body, as: UTF8.self))")
        }
    }

    static func clearFaults(_ sandbox: SandboxProcess) async throws {
        _ = try await LoopbackHTTP.send("DELETE", sandbox.baseURL + "/__sandbox/faults")
    }

    /// Every client on the server, following `Link rel="next"` (raw JSON values).
    static func allClients(_ sandbox: SandboxProcess, headers: [String: String] = [:]) async throws -> [[String: JSONValue]] {
        var out: [[String: JSONValue]] = []
        var path = "/admin/clients?page_size=500"
        for _ in 0..<1000 {
            guard let url = URL(string: sandbox.baseURL + path) else { break }
            var request = URLRequest(url: url)
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            request.setValue("close", forHTTPHeaderField: "Connection")  // As LoopbackHTTP: no stale keep-alive.
            let (data, response) = try await URLSession.shared.data(for: request)
            let page = try JSONParser.parse([UInt8](data)).arrayValue ?? []
            out += page.compactMap(\.objectValue)
            let link = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Link") ?? ""
            guard !page.isEmpty, let next = link.split(separator: ",").first(where: { $0.contains("rel=\"next\"") }),
                let open = next.firstIndex(of: "<"), let close = next.firstIndex(of: ">")
            else { break }
            path = String(next[next.index(after: open)..<close])
        }
        return out
    }

    /// Applies a JSON Patch to one client (out of band); returns the HTTP status.
    @discardableResult
    static func patch(_ sandbox: SandboxProcess, id: String, _ operations: String, token: String? = nil) async throws -> Int {
        let headers = token.map { ["Authorization": "Bearer \($0)"] } ?? [:]
        return try await LoopbackHTTP.send("PATCH", sandbox.baseURL + "/admin/clients/" + segment(id), json: operations, headers: headers)
            .status
    }

    /// The ids of the clients on the server (all pages).
    static func ids(_ sandbox: SandboxProcess, token: String? = nil) async throws -> Set<String> {
        let headers = token.map { ["Authorization": "Bearer \($0)"] } ?? [:]
        return Set(try await allClients(sandbox, headers: headers).compactMap { $0["client_id"]?.stringValue })
    }

    static func segment(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }
}

/// The JSON plan printed by `plan --format json`.
struct PlanJSON {
    var actions: [[String: Any]]
    var summary: [String: Int]

    init(_ text: String) throws {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        actions = object["actions"] as? [[String: Any]] ?? []
        summary = object["summary"] as? [String: Int] ?? [:]
    }

    /// address → changed paths, for every action whose kind is `action`.
    func changes(of action: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for entry in actions where entry["action"] as? String == action {
            let paths = (entry["changes"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            out[entry["address"] as? String ?? "?"] = paths
        }
        return out
    }
}

/// A test precondition that failed (e.g. the sandbox refused a fault rule).
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
