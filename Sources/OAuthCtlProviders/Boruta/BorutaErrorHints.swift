import OAuthCtlCore
import OAuthCtlHTTP

/// What Boruta's error answers mean, where the bare status would mislead (boruta.md §5–§7): known
/// upstream bugs, hazards and the usual setup mistakes. One row per case; the first match adds its hint.
enum BorutaErrorHints {
    struct Hint: Sendable {
        /// The statuses the row applies to.
        var statuses: Set<Int>
        /// True when the row explains this error, given the body that was sent.
        var matches: @Sendable (_ error: HTTPError, _ text: String, _ sent: [String: JSONValue]) -> Bool
        var hint: @Sendable (_ sent: [String: JSONValue], _ source: String) -> String
    }

    static let table: [Hint] = [
        // boruta_auth bb98f86 (2024-04-17): update_changeset checks access_token_ttl against the
        // authorization_request max (300 s) instead of authorization_request_ttl.
        Hint(
            statuses: [422],
            matches: { error, text, sent in
                error.method != .post && text.contains("access_token_ttl: is invalid") && (sent["access_token_ttl"]?.intValue ?? 0) > 300
            },
            hint: { sent, _ in
                let ttl = sent["access_token_ttl"]?.intValue ?? 0
                return
                    "this is a known Boruta bug, not a bad value: an update checks access_token_ttl against the 300 s maximum of authorization_request_ttl, so \(ttl) can only be set when the client is created. Recreate the client (a new id with --allow-replace, or metadata.state: absent, apply, then restore it), or keep access_token_ttl at 300 or less"
            }),
        Hint(
            statuses: [422], matches: { _, text, _ in text.contains("identity_provider_id: does not exist") },
            hint: { _, _ in
                "no identity provider has that id; list them with GET /api/identity-providers (scope identity-providers:manage:all) and set identity_provider.id"
            }),
        Hint(
            statuses: [422], matches: { _, text, _ in text.contains("identity_provider_id: can't be blank") },
            hint: { _, _ in "Boruta needs identity_provider: {id: UUID} to create a client" }),
        Hint(
            statuses: [422], matches: { _, text, _ in text.contains("id: has already been taken") },
            hint: { _, _ in
                "a client with this id already exists on the server (created elsewhere, or a system client that oauthctl does not list); choose another id"
            }),
        Hint(
            statuses: [422], matches: { _, text, _ in text.contains("redirect_uris:") },
            hint: { _, _ in
                "Boruta needs every redirect URI to have a scheme and a host and no fragment ('myapp:/cb' is refused, 'myapp://callback' is accepted)"
            }),
        Hint(
            statuses: [422],
            matches: { _, text, _ in
                text.contains("id_token_signature_alg") || text.contains("userinfo_signed_response_alg")
                    || text.contains("signatures_adapter")
            },
            hint: { _, _ in
                "the algorithm and signatures adapter must suit key_pair_type (rsa: RS*/HS*, ec: ES*/HS*, universal: EdDSA with Elixir.Boruta.Universal.Signatures)"
            }),
        Hint(
            statuses: [403], matches: { _, text, _ in text.contains("write protected") },
            hint: { _, _ in "this is Boruta's admin UI client (BORUTA_ADMIN_OAUTH_CLIENT_ID); the API never lets anyone change it" }),
        Hint(
            statuses: [403], matches: { _, _, _ in true },
            hint: { _, source in
                "the token lacks the scope clients:manage:all; give the client of \(source) authorize_scope: true and that authorized scope"
            }),
        Hint(
            statuses: [401], matches: { _, _, _ in true },
            hint: { _, source in
                "the admin API refused the token from \(source); if BORUTA_SUB_RESTRICTED or BORUTA_ORGANIZATION_RESTRICTED is set on the server, client-credentials tokens (which have no sub) are always refused"
            }),
        Hint(
            statuses: [400], matches: { _, _, _ in true },
            hint: { _, _ in "Boruta could not read the request (a malformed id in the path, or a body without 'client')" }),
    ]

    /// The first matching row's hint for `error` to a request that sent `sent`; `source` names the credentials.
    static func hint(_ error: HTTPError, sent: [String: JSONValue], source: String) -> ProviderError.StatusHint? {
        let text = [error.serverError, error.serverDescription].compactMap { $0 }.joined(separator: " ")
        guard let row = table.first(where: { $0.statuses.contains(error.status) && $0.matches(error, text, sent) }) else {
            return nil
        }
        return .explained(row.hint(sent, source))
    }
}
