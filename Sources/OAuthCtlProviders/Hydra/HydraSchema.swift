import OAuthCtlCore

/// Ory Hydra's `oAuth2Client` (admin API, v25+ / Ory Network) as data: every field of the OpenAPI schema,
/// with the server defaults and read shapes recorded in `shared/reference/hydra.md` §1.
package enum HydraSchema {
    static let grantTypes = [
        "authorization_code", "refresh_token", "client_credentials", "implicit",
        "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:device_code",
    ]
    static let responseTypes = [
        "code", "token", "id_token", "code id_token", "code token", "id_token token", "code id_token token", "none",
    ]
    static let authMethods = ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"]
    static let signingAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
    /// Hydra's default `oidc.dynamic_client_registration.default_scope`, applied when scope is empty.
    package static let defaultScope = "offline_access offline openid"

    static let uri = FieldSchema.Format.uri(schemes: [], fragment: true)
    static let webURI = FieldSchema.Format.uri(schemes: ["http", "https"], fragment: true)

    static let lifespans = [
        "authorization_code_grant_access_token_lifespan", "authorization_code_grant_id_token_lifespan",
        "authorization_code_grant_refresh_token_lifespan", "client_credentials_grant_access_token_lifespan",
        "device_authorization_grant_access_token_lifespan", "device_authorization_grant_id_token_lifespan",
        "device_authorization_grant_refresh_token_lifespan", "implicit_grant_access_token_lifespan",
        "implicit_grant_id_token_lifespan", "jwt_bearer_grant_access_token_lifespan",
        "refresh_token_grant_access_token_lifespan", "refresh_token_grant_id_token_lifespan",
        "refresh_token_grant_refresh_token_lifespan",
    ]

    /// Every field of the schema, in the spec's alphabetical order.
    package static let fields: [FieldSchema] =
        ([
            .init(
                "access_token_strategy", .string, "jwt or opaque; empty uses the server's global strategy", allowed: ["jwt", "opaque"],
                normalization: .lowercase),
            .init(
                "allowed_cors_origins", .stringList(ordered: false), "web origins allowed to call the token endpoint from a browser",
                default: [], format: .origin, normalization: .origin),
            .init("audience", .stringList(ordered: false), "audiences this client may request", default: []),
            .init("backchannel_logout_session_required", .boolean, "include the sid claim in back-channel logout tokens", default: false),
            .init("backchannel_logout_uri", .string, "RP URL for OpenID Connect back-channel logout", default: "", format: uri),
            .init(
                "client_id", .string, "the client's id; defaults to metadata.name; immutable (a change replaces the client)",
                immutable: true),
            .init("client_name", .string, "human-readable name shown to users", default: ""),
            .init(
                "client_secret", .string, "the client secret; a reference only; the server generates one when omitted", sensitive: true,
                writeOnly: true),
            .init("client_secret_expires_at", .integer, "always 0 (set by the server)", readOnly: true),
            .init("client_uri", .string, "web page with information about the client", default: "", format: webURI),
            .init("contacts", .stringList(ordered: false), "ways to contact the people responsible for the client", default: []),
            .init("created_at", .string, "creation time (set by the server)", readOnly: true),
            .init("frontchannel_logout_session_required", .boolean, "include iss and sid in front-channel logout", default: false),
            .init("frontchannel_logout_uri", .string, "RP URL for OpenID Connect front-channel logout", default: "", format: uri),
            .init("grant_types", .stringList(ordered: false), "grant types the client may use", default: [], allowed: grantTypes),
            .init("jwks", .jwks, "the client's public JSON Web Keys (for private_key_jwt)", default: nil),
            .init("jwks_uri", .string, "URL of the client's JSON Web Key Set", default: "", format: webURI),
            .init("logo_uri", .string, "URL of the client's logo", default: "", format: webURI),
            .init("metadata", .json, "free-form JSON; oauthctl keeps its ownership marker under the 'oauthctl' key", default: [:]),
            .init("owner", .string, "a string identifying the owner", default: ""),
            .init("policy_uri", .string, "URL of the client's privacy policy", default: "", format: webURI),
            .init(
                "post_logout_redirect_uris", .stringList(ordered: true),
                "URIs allowed after logout (scheme, host and port of a redirect URI)", default: [], format: uri),
            .init(
                "redirect_uris", .stringList(ordered: true), "allowed redirect URIs, in order (no fragments)", default: [],
                format: .uri(schemes: [], fragment: false)),
            .init("registration_access_token", .string, "RFC 7592 token returned on create (ignored)", readOnly: true, sensitive: true),
            .init("registration_client_uri", .string, "RFC 7592 URL returned on create (ignored)", readOnly: true),
            .init(
                "request_object_signing_alg", .string, "JWS alg for request objects", default: "", allowed: ["none"] + signingAlgorithms,
                advisory: true),
            .init("request_uris", .stringList(ordered: false), "pre-registered request_uri values", default: [], format: uri),
            .init("response_types", .stringList(ordered: false), "response types the client may use", default: [], allowed: responseTypes),
            .init(
                "scope", .spaceSeparatedSet, "space-separated scopes the client may request; empty means the server default",
                default: .string(defaultScope)),
            .init(
                "sector_identifier_uri", .string, "https URL listing the redirect URIs (fetched by the server on every write)", default: "",
                format: .uri(schemes: ["https"], fragment: false)),
            .init("skip_consent", .boolean, "skip the consent screen (first-party clients only)", default: false),
            .init("skip_logout_consent", .boolean, "skip the logout consent screen", default: false, nullable: true),
            .init("subject_type", .string, "public or pairwise subject identifiers", default: "public", allowed: ["public", "pairwise"]),
            .init(
                "token_endpoint_auth_method", .string, "how the client authenticates at the token endpoint", default: "client_secret_basic",
                allowed: authMethods),
            .init("token_endpoint_auth_signing_alg", .string, "JWS alg for private_key_jwt", default: "", allowed: signingAlgorithms),
            .init("tos_uri", .string, "URL of the client's terms of service", default: "", format: webURI),
            .init("updated_at", .string, "last update time (set by the server)", readOnly: true),
            .init("userinfo_signed_response_alg", .string, "none or RS256", default: "none", allowed: ["none", "RS256"]),
        ]
        + lifespans.map {
            FieldSchema($0, .duration, "token lifespan (Go duration, e.g. 1h); empty uses the server default", default: nil)
        }).sorted { $0.name < $1.name }

    /// The client schema for a Hydra-compatible provider type.
    package static func clientSchema(type: String) -> ClientSchema {
        ClientSchema(
            providerType: type, idField: "client_id", serverGeneratesID: true, fields: fields,
            ownership: .jsonKey(field: "metadata", key: "oauthctl"), secretField: "client_secret",
            lintRules: [
                RequiredWithRule(
                    id: "private-key-jwt-needs-keys", when: "token_endpoint_auth_method", is: "private_key_jwt",
                    requires: ["jwks", "jwks_uri"]),
                ExclusiveFieldsRule(id: "jwks-and-jwks-uri", fields: ["jwks", "jwks_uri"]),
                ImplicitGrantRule(grantTypesField: "grant_types"),
                InsecureRedirectRule(redirectField: "redirect_uris"),
                PublicClientGrantRule(grantTypesField: "grant_types", authMethodField: "token_endpoint_auth_method"),
            ],
            // Public clients use no secret; private_key_jwt clients authenticate with their key (Hydra still
            // generates and echoes an unused secret for them, which oauthctl discards).
            secretUnused: (field: "token_endpoint_auth_method", values: ["none", "private_key_jwt"]))
    }

    /// The `hydra` provider type: self-hosted admin API, optional bearer token.
    package static let hydra = ProviderDescriptor(
        type: "hydra", specKeys: ["url"], requiredOneOf: ["url"], authKeys: ["bearer_token": .secret],
        clientSchema: clientSchema(type: "hydra"))

    /// The `ory-network` provider type: the same API behind a project API key.
    /// Writes are paced to 15 a minute by default: the Developer plan's `hydra-admin-low` bucket (hydra.md §4).
    package static let oryNetwork: ProviderDescriptor = {
        var descriptor = ProviderDescriptor(
            type: "ory-network", specKeys: ["url", "project_slug", "writes_per_minute"], requiredOneOf: ["url", "project_slug"],
            authKeys: ["api_key": .secret], clientSchema: clientSchema(type: "ory-network"))
        descriptor.writeLimits = .init(defaultPerMinute: 15)
        return descriptor
    }()
}
