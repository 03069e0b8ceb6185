import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// The admin API's bearer token, obtained by the client-credentials grant at `token_url` (boruta.md §7a),
/// cached, and fetched again shortly before it expires (or after the API answers 401).
actor BorutaTokenSource {
    struct Credentials: Sendable {
        var clientID: String
        var clientSecret: SecretValue
        var tokenURL: URL
        var scope: String
        /// Where the credentials come from, for hints (never the secret).
        var source: String
    }

    let credentials: Credentials
    let http: HTTPClient
    let now: @Sendable () -> Date
    private var cached: (token: SecretValue, expires: Date, refreshAt: Date)?
    private var pending: Task<(SecretValue, Int), any Error>?

    init(credentials: Credentials, http: HTTPClient, now: @escaping @Sendable () -> Date = Date.init) {
        self.credentials = credentials
        self.http = http
        self.now = now
    }

    /// A token that is valid for a while yet; concurrent callers share one request.
    func token() async throws -> SecretValue {
        if let cached, now() < cached.refreshAt { return cached.token }
        if let pending { return try await pending.value.0 }
        let task = Task { try await fetch() }
        pending = task
        defer { pending = nil }
        let (token, lifetime) = try await task.value
        let issued = now()
        // Refresh a fifth of the lifetime early (at most a minute), so no call starts with a dying token.
        let margin = min(60, Double(lifetime) / 5)
        cached = (token, issued.addingTimeInterval(Double(lifetime)), issued.addingTimeInterval(Double(lifetime) - margin))
        return token
    }

    /// Forgets the cached token (the API said 401: it expired or was revoked).
    func invalidate() { cached = nil }

    private func fetch() async throws -> (SecretValue, Int) {
        let form = "grant_type=client_credentials&scope=" + PercentEncoding.form(credentials.scope)
        let basic = Data((PercentEncoding.form(credentials.clientID) + ":" + PercentEncoding.form(credentials.clientSecret.revealed)).utf8)
            .base64EncodedString()
        let request = HTTPRequest(
            method: .post, url: credentials.tokenURL,
            headers: [
                "Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
            ],
            body: Data(form.utf8))
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as HTTPError {
            throw ProviderError.tokenStatus(error, hint: Self.tokenHint(error, credentials: credentials))
        } catch {
            throw ProviderError.tokenFailed(path: credentials.tokenURL.path, error)
        }
        let body = try JSONWire.object(response.body, context: "POST \(credentials.tokenURL.path)")
        guard let token = body["access_token"]?.stringValue, !token.isEmpty else {
            throw ProviderError.response(call: "POST \(credentials.tokenURL.path)", .noAccessToken)
        }
        let lifetime = body["expires_in"]?.intValue ?? 300
        return (SecretValue(token), max(1, lifetime))
    }

    /// What to fix when the token endpoint answers `error` to a request with `credentials`, or nil.
    static func tokenHint(_ error: HTTPError, credentials: Credentials) -> String? {
        let code = (error.serverError ?? "") + " " + (error.serverDescription ?? "")
        if error.status == 401 || code.contains("invalid_client") {
            return "Boruta refused the client credentials: check \(credentials.source) (client_id and client_secret)"
        }
        if code.contains("invalid_scope") {
            return
                "the client '\(credentials.clientID)' may not request '\(credentials.scope)': give it authorize_scope: true and authorized_scopes \(credentials.scope.split(separator: " ").joined(separator: ", ")) (private scopes need both), or set client_credentials.scope"
        }
        if code.contains("unsupported_grant_type") {
            return "add client_credentials to the supported_grant_types of the client '\(credentials.clientID)'"
        }
        if error.status == 404 {
            return
                "no token endpoint there: real deployments serve OAuth on another port than the admin API, so set client_credentials.token_url (e.g. http://host:8080/oauth/token)"
        }
        return nil
    }
}
