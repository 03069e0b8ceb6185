import Foundation

@testable import OAuthCtlSandbox

/// An in-process `--type boruta` sandbox with an admin token already fetched by client credentials.
final class BorutaSandbox: @unchecked Sendable {
    static let idp = BorutaAPI.identityProviderID
    let sandbox: Sandbox
    private(set) var token: String

    init(scope: String = "clients:manage:all identity-providers:manage:all", clock: SandboxClock = SandboxClock()) throws {
        var options = SandboxOptions(type: .boruta)
        options.clock = clock
        sandbox = try Sandbox(options)
        token = ""
        token = try tokenResponse(scope: scope).json?["access_token"]?.stringValue ?? ""
    }

    func stop() { sandbox.stop() }

    /// Fetches a token; returns the whole response.
    func tokenResponse(id: String = BorutaAPI.ciClientID, secret: String = BorutaAPI.defaultCISecret, scope: String) throws
        -> TestClient.Response
    {
        let basic = Data("\(id):\(secret)".utf8).base64EncodedString()
        let body = Array("grant_type=client_credentials&scope=\(scope.replacingOccurrences(of: " ", with: "+"))".utf8)
        let head =
            "POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic \(basic)\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.count)\r\n\r\n"
        let client = try sandbox.newClient()
        client.sendRaw(Array(head.utf8) + body)
        return try client.readResponse()
    }

    /// An admin call with the token (or `token` when given), JSON body as text.
    @discardableResult
    func call(_ method: String, _ path: String, _ body: String? = nil, token: String? = nil, headers: [String: String] = [:]) throws
        -> TestClient.Response
    {
        var all = headers
        all["Authorization"] = "Bearer \(token ?? self.token)"
        return try sandbox.call(method, path, body, headers: all)
    }

    /// `POST /api/clients` of a minimal valid client with `id`, plus `extra` JSON members.
    @discardableResult
    func create(_ id: String, _ extra: String = "") throws -> TestClient.Response {
        let members = [#""id":"\#(id)""#, #""identity_provider":{"id":"\#(Self.idp)"}"#] + (extra.isEmpty ? [] : [extra])
        return try call("POST", "/api/clients", #"{"client":{"# + members.joined(separator: ",") + "}}")
    }
}
