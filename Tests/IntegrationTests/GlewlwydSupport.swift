import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport

/// OAuth calls against a real Glewlwyd's OIDC plugin, made with curl (cookies, no redirects followed).
struct GlewlwydOAuth {
    let server: GlewlwydServer
    var token: String { server.api + "/oidc/token" }

    /// `curl ARGS -w '\n%{http_code}'`: the body and the status.
    func curl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let result = try GlewlwydServer.run(
            ["curl", "-s", "-w", "\n%{http_code}"] + arguments, environment: ["PATH": "/usr/bin:/bin"])
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let status = Int(lines.popLast() ?? "") ?? 0
        return (status, lines.joined(separator: "\n"))
    }

    /// A client_credentials token request with HTTP Basic authentication.
    func clientCredentials(_ id: String, _ secret: String, scope: String, basic: Bool = true) throws -> (status: Int, body: String) {
        let auth =
            basic ? ["-u", "\(id):\(secret)"] : ["--data-urlencode", "client_id=\(id)", "--data-urlencode", "client_secret=\(secret)"]
        return try curl(auth + ["-d", "grant_type=client_credentials", "--data-urlencode", "scope=\(scope)", token])
    }

    /// The authorization-code flow with PKCE (S256) for a public client, headless (glewlwyd.md §6):
    /// admin login, consent, `auth?…&g_continue` → 302 with a code, then the token exchange.
    func authorizationCodeWithPKCE(clientID: String, redirectURI: String) throws -> (status: Int, body: String) {
        let scratch = try TemporaryDirectory()
        let jar = scratch.url.appendingPathComponent("cookies").path
        let login = try curl([
            "-c", jar, "-H", "Content-Type: application/json", "-d", #"{"username":"admin","password":"password"}"#, server.api + "/auth/",
        ])
        guard login.status == 200 else { return (login.status, "login: " + login.body) }
        let consent = try curl([
            "-b", jar, "-X", "PUT", "-H", "Content-Type: application/json", "-d", #"{"scope":"openid"}"#,
            server.api + "/auth/grant/\(clientID)/",
        ])
        guard consent.status == 200 else { return (consent.status, "consent: " + consent.body) }
        let verifier = Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255) })
        let challenge = Base64URL.encode(SHA256.hash(Array(verifier.utf8)))
        let query = [
            "response_type=code", "client_id=\(clientID)", "redirect_uri=\(encode(redirectURI))", "scope=openid",
            "state=s1", "nonce=n1", "code_challenge=\(challenge)", "code_challenge_method=S256", "g_continue",
        ].joined(separator: "&")
        let authorize = try GlewlwydServer.run(
            ["curl", "-s", "-o", "/dev/null", "-b", jar, "-w", "%{http_code} %{redirect_url}", server.api + "/oidc/auth?" + query],
            environment: ["PATH": "/usr/bin:/bin"])
        let parts = authorize.stdout.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.first == "302", parts.count == 2, let location = URLComponents(string: parts[1]),
            let code = location.queryItems?.first(where: { $0.name == "code" })?.value
        else { return (0, "authorize: \(authorize.stdout)") }
        return try curl([
            "-d", "grant_type=authorization_code", "--data-urlencode", "client_id=\(clientID)", "--data-urlencode", "code=\(code)",
            "--data-urlencode", "redirect_uri=\(redirectURI)", "--data-urlencode", "code_verifier=\(verifier)", token,
        ])
    }

    private func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// One client as the admin API returns it, or nil on 404.
    func client(_ id: String) async throws -> [String: Any]? {
        let (status, body) = try await LoopbackHTTP.send("GET", server.api + "/client/" + id, headers: server.adminHeaders)
        guard status == 200 else { return nil }
        return try JSONSerialization.jsonObject(with: body) as? [String: Any]
    }

    /// Every client id on the server.
    func clientIDs() async throws -> Set<String> {
        let list = try await LoopbackHTTP.getJSON(server.api + "/client/?limit=100", headers: server.adminHeaders) as? [[String: Any]] ?? []
        return Set(list.compactMap { $0["client_id"] as? String })
    }

    /// Creates a client by hand, as an administrator would (no marker).
    func createByHand(_ json: String) async throws -> Int {
        try await LoopbackHTTP.send("POST", server.api + "/client/", json: json, headers: server.adminHeaders).status
    }
}
