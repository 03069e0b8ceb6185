import Foundation
import OAuthCtlTestSupport

/// Writes a one-provider manifest set for `sandbox` into `directory` and returns its path.
func writeManifests(_ directory: TemporaryDirectory, sandbox: SandboxProcess, clients: [String], managedBy: String = "it") throws -> String
{
    let provider = """
        apiVersion: oauthctl/v1
        kind: Provider
        metadata: {name: sb}
        spec:
          type: hydra
          url: \(sandbox.baseURL)
          managed_by: \(managedBy)
        """
    try directory.write("manifests/all.yaml", ([provider] + clients).joined(separator: "\n---\n") + "\n")
    return directory.url.appendingPathComponent("manifests").path
}

/// A public client manifest (no secret involved), named `name`.
func publicClient(_ name: String, redirect: String = "https://app.example.com/cb", extra: String = "") -> String {
    """
    apiVersion: oauthctl/v1
    kind: OAuth2Client
    metadata: {name: \(name)}
    spec:
      grant_types: [authorization_code]
      token_endpoint_auth_method: none
      redirect_uris: ['\(redirect)']
    \(extra)
    """
}

/// The sandbox's request log: `(method, path)` of every admin call.
func requestLog(_ sandbox: SandboxProcess) async throws -> [(method: String, path: String)] {
    let log = try await LoopbackHTTP.getJSON(sandbox.baseURL + "/__sandbox/requests") as? [[String: Any]] ?? []
    return log.map { ($0["method"] as? String ?? "", $0["path"] as? String ?? "") }
}

/// Clears the sandbox's request log.
func clearRequestLog(_ sandbox: SandboxProcess) async throws {
    _ = try await LoopbackHTTP.send("DELETE", sandbox.baseURL + "/__sandbox/requests")
}

/// The ids of the clients on the sandbox.
func liveIDs(_ sandbox: SandboxProcess) async throws -> Set<String> {
    let clients = try await LoopbackHTTP.getJSON(sandbox.baseURL + "/admin/clients") as? [[String: Any]] ?? []
    return Set(clients.compactMap { $0["client_id"] as? String })
}
