import Foundation
import OAuthCtlTestSupport

/// Helpers for the Rightbrain tests: manifests for one project on `oauthctl sandbox --type rightbrain`,
/// and direct calls to the sandbox's API and control endpoints.
enum Rightbrain {
    static let org = "0195f3a0-0000-7000-8000-000000000001"
    static let project = "0195f3a0-0000-7000-8000-000000000002"
    static let token = "OAUTHCTL-SENTINEL-rb-token-5d1e"

    /// `{base}/org/{org}/project/{project}/oauth_client`.
    static func clientsURL(_ sandbox: SandboxProcess) -> String {
        sandbox.baseURL + "/org/\(org)/project/\(project)/oauth_client"
    }

    static var auth: [String: String] { ["Authorization": "Bearer " + token] }

    /// The environment the manifests read: the sandbox URL and the bearer token.
    static func environment(_ sandbox: SandboxProcess) -> [String: String] {
        ["OAUTHCTL_VAR_RIGHTBRAIN_API_URL": sandbox.baseURL, "RIGHTBRAIN_TOKEN": token]
    }

    /// Starts a token-protected sandbox.
    static func sandbox(extra: [String] = []) throws -> SandboxProcess {
        try SandboxProcess(type: "rightbrain", extra: ["--token", token] + extra)
    }

    /// Writes a provider plus `clients` into `directory/manifests/all.yaml` and returns the folder.
    static func manifests(_ directory: TemporaryDirectory, clients: [String]) throws -> String {
        let provider = """
            apiVersion: oauthctl/v1
            kind: Provider
            metadata: {name: rb}
            spec:
              type: rightbrain
              url: ${RIGHTBRAIN_API_URL}
              org_id: \(org)
              project_id: \(project)
              auth:
                bearer_token: {from_env: RIGHTBRAIN_TOKEN}
            """
        try directory.write("manifests/all.yaml", ([provider] + clients).joined(separator: "\n---\n") + "\n")
        return directory.url.appendingPathComponent("manifests").path
    }

    /// A client manifest named `name` with `spec` lines (indented by two spaces).
    static func client(_ name: String, _ spec: String..., state: String? = nil) -> String {
        let metadata = state.map { "{name: \(name), state: \($0)}" } ?? "{name: \(name)}"
        return "apiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: \(metadata)\nspec:\n"
            + spec.map { "  " + $0 }.joined(separator: "\n")
            + (spec.isEmpty ? "  {}" : "")
    }

    /// Creates a client directly on the sandbox; returns its internal id.
    @discardableResult
    static func create(_ sandbox: SandboxProcess, _ json: String) async throws -> String {
        let (_, body) = try await LoopbackHTTP.send("POST", clientsURL(sandbox), json: json, headers: auth)
        return ((try JSONSerialization.jsonObject(with: body)) as? [String: Any])?["id"] as? String ?? ""
    }

    /// Every client on the sandbox's project (follows the cursor).
    static func live(_ sandbox: SandboxProcess) async throws -> [[String: Any]] {
        var out: [[String: Any]] = []
        var cursor: String?
        repeat {
            let url = clientsURL(sandbox) + (cursor.map { "?cursor=" + $0 } ?? "")
            let page = try await LoopbackHTTP.getJSON(url, headers: auth) as? [String: Any] ?? [:]
            out += page["results"] as? [[String: Any]] ?? []
            let pagination = page["pagination"] as? [String: Any]
            cursor = pagination?["has_next"] as? Bool == true ? pagination?["next_cursor"] as? String : nil
        } while cursor != nil
        return out
    }

    /// The sandbox's request log entries for the API (method, path, query, body, status).
    static func requests(_ sandbox: SandboxProcess) async throws -> [[String: Any]] {
        try await LoopbackHTTP.getJSON(sandbox.baseURL + "/__sandbox/requests") as? [[String: Any]] ?? []
    }

    static func clearRequests(_ sandbox: SandboxProcess) async throws {
        _ = try await LoopbackHTTP.send("DELETE", sandbox.baseURL + "/__sandbox/requests")
    }

    /// True when `secret` is the live secret of the client with OAuth `clientID`.
    static func verify(_ sandbox: SandboxProcess, clientID: String, secret: String) async throws -> Bool {
        let body = try JSONSerialization.data(withJSONObject: ["client_id": clientID, "client_secret": secret])
        let (_, answer) = try await LoopbackHTTP.send(
            "POST", sandbox.baseURL + "/__sandbox/verify_secret", json: String(decoding: body, as: UTF8.self))
        return ((try JSONSerialization.jsonObject(with: answer)) as? [String: Any])?["valid"] as? Bool == true
    }

    /// The secrets file: address → {client_id, client_secret}.
    static func sink(_ path: String) throws -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try JSONSerialization.jsonObject(with: data)) as? [String: [String: String]] ?? [:]
    }
}
