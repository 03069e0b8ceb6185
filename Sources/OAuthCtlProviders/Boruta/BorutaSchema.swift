import OAuthCtlCore

/// Boruta's OAuth client (`/api/clients`, `ClientView "client.json"`) as data, from
/// `shared/reference/boruta.md` §3–§6 (boruta-server 3be6cb4, boruta_auth cfdb52d).
///
/// Identity is `id`, a UUID that is also the OAuth `client_id`: the manifest sets it (the server would
/// otherwise pick a random one, so apply could never find the client again), and it is immutable.
/// Scalars merge on update, but `authorized_scopes` is replaced on every update, so the adapter always
/// sends it; every other field is sent too, because the write body is the whole canonical client.
package enum BorutaSchema {
    static let grantTypes = [
        "client_credentials", "password", "authorization_code", "agent_code", "refresh_token", "implicit", "revoke",
        "introspect", "id_token", "vp_token", "preauthorized_code", "agent_credentials",
    ]
    static let authMethods = ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt"]
    static let jwtAuthAlgorithms = ["RS256", "RS384", "RS512", "HS256", "HS384", "HS512"]
    static let signatureAlgorithms = ["ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "HS256", "HS384", "HS512", "EdDSA"]
    static let signaturesAdapters = ["Elixir.Boruta.Internal.Signatures", "Elixir.Boruta.Universal.Signatures"]
    /// The default `key_pair_type`: RSA 2048 (the server renders the sizes as strings).
    static let defaultKeyPairType: JSONValue = ["type": "rsa", "modulus_size": "2048", "exponent_size": "65537"]

    /// Every field of the view, plus the write-only ones the changesets cast (boruta.md §3).
    package static let fields: [FieldSchema] = [
        .init(
            "id", .string, "the client's UUID, which is also its OAuth client_id; required; immutable (a change replaces the client)",
            format: .uuid, normalization: .lowercase, immutable: true, required: true),
        .init("name", .string, "human-readable name; not unique on the server", default: nil, nullable: true),
        .init(
            "secret", .string, "the client secret; a reference only; the server generates 86 characters when omitted at create",
            sensitive: true),
        .init("confidential", .boolean, "the client must authenticate with its secret", default: false),
        .init(
            "identity_provider", .objectRef(keys: ["id"]), "the identity provider that logs users in for this client: {id: UUID}; required",
            format: .uuid, required: true),
        .init(
            "redirect_uris", .stringList(ordered: false), "allowed redirect URIs: a scheme and a host, no fragment", default: [],
            format: .hostURI),
        .init(
            "supported_grant_types", .stringList(ordered: false),
            "grant types the client may use (revoke and introspect gate those endpoints)",
            default: ["client_credentials", "authorization_code"], allowed: grantTypes),
        .init(
            "authorized_scopes", .stringList(ordered: false),
            "scope names the client may request (when authorize_scope is true); each must exist on the server", default: []),
        .init("authorize_scope", .boolean, "restrict the client to authorized_scopes (else public scopes only)", default: false),
        .init(
            "access_token_ttl", .integer, "access token lifetime in seconds (1..86400); an update can't raise it above 300 (a Boruta bug)",
            default: 86400),
        .init("authorization_code_ttl", .integer, "authorization code lifetime in seconds (1..600)", default: 600),
        .init("authorization_request_ttl", .integer, "pushed authorization request lifetime in seconds (1..300)", default: 300),
        .init("refresh_token_ttl", .integer, "refresh token lifetime in seconds (1..2592000)", default: 2_592_000),
        .init("id_token_ttl", .integer, "ID token lifetime in seconds (1..86400)", default: 86400),
        .init("pkce", .boolean, "require PKCE", default: false),
        .init("public_refresh_token", .boolean, "allow refresh without client authentication", default: false),
        .init("public_revoke", .boolean, "allow revocation without client authentication", default: false),
        .init("enforce_dpop", .boolean, "require DPoP-bound tokens", default: false),
        .init("enforce_tx_code", .boolean, "require a transaction code (pre-authorized code flow)", default: false),
        .init("check_public_client_id", .boolean, "check public_client_id in verifiable-credential flows", default: false),
        .init(
            "public_client_id", .string, "public client id for SIOPv2 / verifiable-credential flows; normally unset", default: nil,
            nullable: true),
        .init("trusted_authorities", .string, "trusted authorities (verifiable credentials)", default: ""),
        .init("trusted_hosts", .stringList(ordered: false), "trusted hosts", default: []),
        .init(
            "token_endpoint_auth_methods", .stringList(ordered: false), "how the client may authenticate at the token endpoint",
            default: ["client_secret_basic", "client_secret_post"], allowed: authMethods),
        .init(
            "token_endpoint_jwt_auth_alg", .string, "JWS alg for client_secret_jwt / private_key_jwt", default: "HS256",
            allowed: jwtAuthAlgorithms),
        .init(
            "id_token_signature_alg", .string, "JWS alg of ID tokens; must suit the key pair type (rsa: RS*/HS*, ec: ES*/HS*)",
            default: "RS512", allowed: signatureAlgorithms),
        .init(
            "userinfo_signed_response_alg", .string, "JWS alg of signed userinfo responses; unset = plain JSON", default: nil,
            allowed: signatureAlgorithms, nullable: true),
        .init("jwt_public_key", .string, "PEM public key for private_key_jwt", default: nil, nullable: true),
        .init(
            "response_mode", .string, "response mode for verifiable-presentation flows", default: "direct_post",
            allowed: ["post", "direct_post"]),
        .init(
            "signatures_adapter", .string, "signing implementation; must match the key pair type",
            default: "Elixir.Boruta.Internal.Signatures", allowed: signaturesAdapters),
        .init(
            "key_pair_type", .object,
            "type of the signing key pair generated at create, e.g. {type: rsa, modulus_size: '2048', exponent_size: '65537'}; a change stores the type but generates no new keys",
            default: defaultKeyPairType, normalization: .scalarsAsStrings),
        .init("public_key", .string, "the client's signing public key (set by the server)", readOnly: true),
        .init("did", .string, "the client's did:key (set by the server)", readOnly: true),
        // Accepted on create and update but never returned (boruta.md §3): sent with every write, never diffed.
        .init("agent_token_ttl", .integer, "agent token lifetime in seconds; write-only (never read back)", writeOnly: true),
        .init(
            "authorized_resources", .stringList(ordered: false), "RFC 8707 resource indicators; write-only (never read back)",
            format: .uri(schemes: [], fragment: false), writeOnly: true),
        .init(
            "jwks_uri", .string, "URL of the client's JSON Web Key Set; write-only (never read back)",
            format: .uri(schemes: ["https", "http"], fragment: false), writeOnly: true),
        .init("jwk", .object, "the client's public JWK (the server stores it as jwt_public_key); write-only", writeOnly: true),
        .init("id_token_kid", .string, "kid header of ID tokens; write-only (never read back)", writeOnly: true),
        .init(
            "logo_uri", .string, "URL of the client's logo; write-only (never read back)",
            format: .uri(schemes: ["https", "http"], fragment: false), writeOnly: true),
        .init("metadata", .object, "free-form JSON; write-only (never read back, so it can't hold an ownership marker)", writeOnly: true),
        .init(
            "key_pair_id", .string, "a global key pair (GET /api/key-pairs) that replaces the client's keys; write-only", format: .uuid,
            writeOnly: true),
    ]

    /// The client schema of the `boruta` provider type.
    package static let clientSchema = ClientSchema(
        providerType: "boruta", idField: "id", serverGeneratesID: true, fields: fields,
        ownership: .unavailable(
            reason: "Boruta stores no field that reads back (metadata is write-only), so oauthctl can't tell its clients from others"),
        secretField: "secret",
        lintRules: [
            InsecureRedirectRule(redirectField: "redirect_uris"),
            ImplicitGrantRule(grantTypesField: "supported_grant_types"),
        ],
        // A public client authenticates with no secret; Boruta still generates one, which is not kept.
        secretUnused: (field: "confidential", values: ["false"]),
        idChangeMatchField: "name")

    /// The `boruta` provider type: admin API base URL, bearer token by client credentials.
    package static let descriptor = ProviderDescriptor(
        type: "boruta", specKeys: ["url", "admin_client_id"], requiredOneOf: ["url"],
        authKeys: [
            "client_credentials": .mapping(
                keys: ["client_id", "client_secret", "token_url", "scope"], required: ["client_id", "client_secret"],
                secrets: ["client_secret"])
        ],
        clientSchema: clientSchema)
}
