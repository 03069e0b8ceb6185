import Foundation

@testable import OAuthCtlSandbox

/// A started in-process sandbox on 127.0.0.1:0 plus a keep-alive client; call `stop()` in a defer.
final class Sandbox: @unchecked Sendable {
    let server: SandboxServer
    let port: Int
    let client: TestClient
    let options: SandboxOptions

    init(_ options: SandboxOptions = SandboxOptions()) throws {
        self.options = options
        server = try SandboxServer(options: options)
        let url = try server.start()
        port = url.port ?? 0
        client = try TestClient(port: port)
    }

    func stop() { server.stop() }

    func newClient() throws -> TestClient { try TestClient(port: port) }

    @discardableResult
    func call(_ method: String, _ path: String, _ body: String? = nil, headers: [String: String] = [:]) throws -> TestClient.Response {
        try client.send(method, path, body: body, headers: headers)
    }

    /// Parses a JSON body; nil when it is not JSON.
    static func object(_ response: TestClient.Response) -> JSONValue { response.json ?? .null }
}

extension JSONValue {
    /// Compact JSON text, for exact-shape assertions.
    var text: String { JSONWriter.string(self) }

    func removing(_ keys: String...) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        return .object(pairs.filter { !keys.contains($0.0) })
    }

    var keys: [String] { objectValue?.map(\.0) ?? [] }
}
