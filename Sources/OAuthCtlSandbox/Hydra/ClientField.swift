/// One JSON field of Hydra's `oAuth2Client`: its Go type and how a GET shows it when unset.
///
/// `ClientField.all` is in Go struct order, which is the key order Hydra writes.
struct ClientField: Sendable {
    enum Kind: Sendable { case string, strings, bool, int, lifespan, nullBool, raw, jwks, time, secret }
    /// How GET shows an unset value: always present, `[]`, or omitted (`omitempty`).
    enum Unset: Sendable { case always, emptyArray, omit }

    let name: String
    let kind: Kind
    let unset: Unset

    /// Go's type name in `cannot unmarshal … of type X` messages.
    var goType: String {
        switch kind {
        case .string, .secret: return "string"
        case .strings: return "sqlxx.StringSliceJSONFormat"
        case .bool: return "bool"
        case .int: return "int64"
        case .lifespan: return "string"
        case .nullBool: return "bool"
        case .raw: return "sqlxx.JSONRawMessage"
        case .jwks: return "jose.JSONWebKeySet"
        case .time: return "time.Time"
        }
    }

    static let lifespanNames = [
        "authorization_code_grant_access_token_lifespan", "authorization_code_grant_id_token_lifespan",
        "authorization_code_grant_refresh_token_lifespan", "client_credentials_grant_access_token_lifespan",
        "implicit_grant_access_token_lifespan", "implicit_grant_id_token_lifespan",
        "jwt_bearer_grant_access_token_lifespan", "refresh_token_grant_id_token_lifespan",
        "refresh_token_grant_access_token_lifespan", "refresh_token_grant_refresh_token_lifespan",
        "device_authorization_grant_id_token_lifespan", "device_authorization_grant_access_token_lifespan",
        "device_authorization_grant_refresh_token_lifespan",
    ]

    static let all: [ClientField] =
        [
            .init(name: "client_id", kind: .string, unset: .always),
            .init(name: "client_name", kind: .string, unset: .always),
            .init(name: "client_secret", kind: .secret, unset: .omit),
            .init(name: "redirect_uris", kind: .strings, unset: .emptyArray),
            .init(name: "grant_types", kind: .strings, unset: .emptyArray),
            .init(name: "response_types", kind: .strings, unset: .emptyArray),
            .init(name: "scope", kind: .string, unset: .always),
            .init(name: "audience", kind: .strings, unset: .emptyArray),
            .init(name: "owner", kind: .string, unset: .always),
            .init(name: "policy_uri", kind: .string, unset: .always),
            .init(name: "allowed_cors_origins", kind: .strings, unset: .emptyArray),
            .init(name: "tos_uri", kind: .string, unset: .always),
            .init(name: "client_uri", kind: .string, unset: .always),
            .init(name: "logo_uri", kind: .string, unset: .always),
            .init(name: "contacts", kind: .strings, unset: .emptyArray),
            .init(name: "client_secret_expires_at", kind: .int, unset: .always),
            .init(name: "subject_type", kind: .string, unset: .always),
            .init(name: "sector_identifier_uri", kind: .string, unset: .omit),
            .init(name: "jwks_uri", kind: .string, unset: .omit),
            .init(name: "jwks", kind: .jwks, unset: .always),
            .init(name: "token_endpoint_auth_method", kind: .string, unset: .always),
            .init(name: "token_endpoint_auth_signing_alg", kind: .string, unset: .omit),
            .init(name: "request_uris", kind: .strings, unset: .omit),
            .init(name: "request_object_signing_alg", kind: .string, unset: .omit),
            .init(name: "userinfo_signed_response_alg", kind: .string, unset: .always),
            .init(name: "created_at", kind: .time, unset: .always),
            .init(name: "updated_at", kind: .time, unset: .always),
            .init(name: "frontchannel_logout_uri", kind: .string, unset: .omit),
            .init(name: "frontchannel_logout_session_required", kind: .bool, unset: .omit),
            .init(name: "post_logout_redirect_uris", kind: .strings, unset: .omit),
            .init(name: "backchannel_logout_uri", kind: .string, unset: .omit),
            .init(name: "backchannel_logout_session_required", kind: .bool, unset: .omit),
            .init(name: "metadata", kind: .raw, unset: .always),
            .init(name: "access_token_strategy", kind: .string, unset: .omit),
            .init(name: "skip_consent", kind: .bool, unset: .always),
            .init(name: "skip_logout_consent", kind: .nullBool, unset: .always),
        ] + lifespanNames.map { .init(name: $0, kind: .lifespan, unset: .always) }

    static let byName: [String: ClientField] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
