/// One emulated server behind the HTTP listener: Hydra (self-hosted or Ory Network), Boruta or Rightbrain.
///
/// `SandboxServer` owns the listener and picks one emulator from `SandboxOptions.type`; each emulator does
/// its own routing, control calls (`/__sandbox`), fault injection, auth and request log.
protocol Emulator: Sendable {
    /// The path the base URL ends in (Rightbrain's `/api/v1`); empty for the others.
    var basePath: String { get }
    /// The answer to one request.
    func respond(to request: HTTPRequest) -> HTTPResponse
    /// Called once the listener has stopped (Hydra saves its state file).
    func stopped()
}

extension Emulator {
    var basePath: String { "" }
    func stopped() {}

    /// With a configured token the header must be `Bearer <token>`; without one (Ory Network) any Bearer key passes.
    static func bearerAuthorized(_ header: String?, token: String?) -> Bool {
        guard let header, header.hasPrefix("Bearer "), header.count > 7 else { return false }
        guard let token, !token.isEmpty else { return true }
        return header == "Bearer " + token
    }
}
