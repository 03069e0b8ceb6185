import OAuthCtlCore

/// Glewlwyd 2.7's client (admin API `/api/client/`, database client module) as data.
///
/// Facts from `shared/reference/glewlwyd.md` §4–§5: the core fields (`client_id`, `name`, `description`,
/// `enabled`, `confidential`, `password`, `scope`) plus the module properties that the Debian init SQL
/// declares in the client module's `data-format`. Multi-valued properties are JSON arrays, the others
/// strings (a boolean-looking property is the string `"true"`). The server drops unknown string
/// properties silently, so this schema is the only place that can reject them.
package enum GlewlwydSchema {
    /// The client property that holds oauthctl's ownership marker; the client module's `data-format`
    /// must declare it (`{"multiple": false, "read": true, "write": true}`) for it to read back.
    package static let markerProperty = "oauthctl"

    /// `authorization_type` values the OIDC plugin knows (`protocol_oidc.c`).
    static let authorizationTypes = [
        "code", "token", "id_token", "none", "refresh_token", "client_credentials", "password", "delete_token",
        "device_authorization", "urn:openid:params:grant-type:ciba",
    ]
    static let authMethods = [
        "client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "tls_client_auth",
        "self_signed_tls_client_auth",
    ]
    static let signingAlgorithms = [
        "none", "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
        "ES512", "EdDSA",
    ]
    static let uri = FieldSchema.Format.uri(schemes: [], fragment: true)
    static let webURI = FieldSchema.Format.uri(schemes: ["http", "https"], fragment: true)
    static let flag = ["true", "false"]

    /// Single-string module properties with no further rule: name and summary.
    static let plainStrings: [(String, String)] = [
        ("alg_kid", "kid of the key used to encrypt tokens for this client"),
        ("backchannel_client_notification_endpoint", "CIBA: the client's notification endpoint"),
        ("backchannel_user_code_parameter", "CIBA: 'true' when the client supports user_code"),
        ("enc", "JWE content encryption for tokens sent to this client"),
        ("pubkey", "the client's public key in PEM form"),
        ("request_object_encryption_enc", "JWE enc for request objects"),
        ("token_endpoint_encryption_enc", "JWE enc for token-endpoint assertions"),
        ("backchannel_authentication_request_encryption_enc", "CIBA: JWE enc for authentication requests"),
        ("alg", "JWE key-management algorithm for tokens sent to this client"),
        ("request_object_encryption_alg", "JWE alg for request objects"),
        ("token_endpoint_encryption_alg", "JWE alg for token-endpoint assertions"),
        ("backchannel_authentication_request_encryption_alg", "CIBA: JWE alg for authentication requests"),
        ("tls_client_auth_san_dns", "tls_client_auth: expected DNS subject alternative name"),
        ("tls_client_auth_san_uri", "tls_client_auth: expected URI subject alternative name"),
        ("tls_client_auth_san_ip", "tls_client_auth: expected IP subject alternative name"),
        ("tls_client_auth_san_email", "tls_client_auth: expected e-mail subject alternative name"),
    ]

    /// String properties that hold `"true"` or `"false"`.
    static let flags: [(String, String)] = [
        ("encrypt_code", "encrypt authorization codes ('true' or 'false')"),
        ("encrypt_at", "encrypt access tokens ('true' or 'false')"),
        ("encrypt_userinfo", "encrypt userinfo responses ('true' or 'false')"),
        ("encrypt_id_token", "encrypt ID tokens ('true' or 'false')"),
        ("encrypt_refresh_token", "encrypt refresh tokens ('true' or 'false')"),
        ("frontchannel_logout_session_required", "include iss and sid in front-channel logout ('true' or 'false')"),
        ("backchannel_logout_session_required", "include sid in back-channel logout tokens ('true' or 'false')"),
    ]

    /// Every field, sorted by name.
    package static let fields: [FieldSchema] =
        ([
            // Core fields (merged by PUT, but oauthctl always sends them all).
            .init(
                "client_id", .string,
                "the client's id (case-insensitive on the server, which keeps the case it was created with); defaults to metadata.name; immutable",
                immutable: true),
            .init("name", .string, "display name", default: ""),
            .init("description", .string, "free text", default: ""),
            .init("enabled", .boolean, "false refuses every token request (403)", default: true),
            .init("confidential", .boolean, "true: the client authenticates with client_secret or password", default: false),
            .init("scope", .stringList(ordered: false), "scopes the client may request with client_credentials (a set)", default: []),
            .init(
                "password", .string,
                "a secret stored as a PBKDF2 hash (write-only; a reference only); client_secret wins when both are set", sensitive: true,
                writeOnly: true),
            // Module properties (replaced as a whole by PUT).
            .init(
                "client_secret", .string,
                "the client secret, stored in clear by the server (a reference only; oauthctl generates one for a confidential client without secret or password)",
                sensitive: true),
            .init("redirect_uri", .stringList(ordered: true), "redirect URIs, exact match, in order", default: [], format: uri),
            .init(
                "authorization_type", .stringList(ordered: false),
                "grants and response types the client may use (the plugin must enable each)", default: [], allowed: authorizationTypes),
            .init(
                "token_endpoint_auth_method", .stringList(ordered: false),
                "accepted token-endpoint authentication methods; a confidential client needs one", default: [], allowed: authMethods),
            .init(
                "resource", .stringList(ordered: false), "resource indicators (RFC 8707) the client may request", default: [], format: uri),
            .init(
                "authorization_details_types", .stringList(ordered: false), "RAR authorization_details types the client may request",
                default: []),
            .init(
                "response_mode", .string, "default response mode", default: nil,
                allowed: ["query", "fragment", "form_post", "query.jwt", "fragment.jwt", "form_post.jwt", "jwt"], advisory: true),
            .init(
                "sector_identifier_uri", .string, "URL listing the redirect URIs, for pairwise subjects", default: nil,
                format: .uri(schemes: ["https"], fragment: false)),
            .init("jwks", .jwks, "the client's public JSON Web Keys", default: nil),
            .init("jwks_uri", .string, "URL of the client's JSON Web Key Set", default: nil, format: webURI),
            .init(
                "request_object_signing_alg", .string, "JWS alg for request objects", default: nil, allowed: signingAlgorithms,
                advisory: true),
            .init(
                "token_endpoint_signing_alg", .string, "JWS alg for client_secret_jwt / private_key_jwt", default: nil,
                allowed: signingAlgorithms, advisory: true),
            .init(
                "backchannel_authentication_request_signing_alg", .string, "CIBA: JWS alg for authentication requests", default: nil,
                allowed: signingAlgorithms, advisory: true),
            .init("backchannel_token_delivery_mode", .string, "CIBA: poll, ping or push", default: nil, allowed: ["poll", "ping", "push"]),
            .init("post_logout_redirect_uri", .string, "where to send the user after logout", default: nil, format: uri),
            .init("frontchannel_logout_uri", .string, "RP URL for front-channel logout", default: nil, format: uri),
            .init("backchannel_logout_uri", .string, "RP URL for back-channel logout", default: nil, format: uri),
            .init("source", .string, "the client module that stores the client (set by the server)", readOnly: true),
        ] + plainStrings.map { FieldSchema($0.0, .string, $0.1, default: nil) }
        + flags.map { FieldSchema($0.0, .string, $0.1, default: nil, allowed: flag) }).sorted { $0.name < $1.name }

    /// The client schema; the marker placement assumes the property is declared (see `GlewlwydAdapter.liveSchema`).
    package static let clientSchema = ClientSchema(
        providerType: "glewlwyd", idField: "client_id", serverGeneratesID: false, fields: fields,
        ownership: .field(markerProperty), secretField: "client_secret",
        lintRules: [
            ConfidentialClientRule(),
            InsecureRedirectRule(redirectField: "redirect_uri"),
        ],
        secretUnused: (field: "confidential", values: ["false"]),
        caseInsensitiveIDs: true)

    /// The `glewlwyd` provider type: the admin API base (`…/api`) and an API key.
    ///
    /// `client_module` names the client module instance to manage (default `database`).
    /// Writes go one at a time: Glewlwyd 2.7 attaches overlapping creates' properties (a secret!) to the wrong client.
    package static let descriptor: ProviderDescriptor = {
        var descriptor = ProviderDescriptor(
            type: "glewlwyd", specKeys: ["url", "client_module"], requiredOneOf: ["url"], authKeys: ["api_key": .secret],
            clientSchema: clientSchema)
        descriptor.writeLimits = .init(maxConcurrent: 1)
        return descriptor
    }()
}
