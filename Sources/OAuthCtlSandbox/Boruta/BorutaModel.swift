import Foundation

/// One Boruta OAuth client as stored: the view's keys (boruta.md §3), plus what the view never renders
/// (the write-only attributes of §3 and the private key).
struct BorutaClient: Sendable {
    /// Rendered keys, by name.
    var fields: [String: JSONValue]
    /// Accepted on write, never returned: `agent_token_ttl`, `authorized_resources`, `jwks_uri`, `jwk`, …
    var writeOnly: [String: JSONValue] = [:]
    /// Authorized scope ids, in insertion order.
    var scopeIDs: [String] = []
    /// The identity-provider link (`identity_provider_id`), nil when the client has none.
    var identityProviderID: String?
    var privateKey: String?

    var id: String { fields["id"]?.stringValue ?? "" }
    var name: String? { fields["name"]?.stringValue }

    /// The keys of `ClientView "client.json"`, in its order.
    static let viewKeys = [
        "id", "public_client_id", "check_public_client_id", "trusted_authorities", "trusted_hosts", "name", "secret",
        "confidential", "redirect_uris", "public_refresh_token", "public_revoke", "authorize_scope", "enforce_dpop",
        "enforce_tx_code", "access_token_ttl", "authorization_code_ttl", "authorization_request_ttl", "refresh_token_ttl",
        "id_token_ttl", "pkce", "public_key", "key_pair_type", "signatures_adapter", "did", "identity_provider",
        "authorized_scopes", "supported_grant_types", "id_token_signature_alg", "userinfo_signed_response_alg",
        "token_endpoint_jwt_auth_alg", "token_endpoint_auth_methods", "jwt_public_key", "response_mode",
    ]

    /// Attributes the changesets cast but the view never renders (boruta.md §3).
    static let writeOnlyKeys = ["agent_token_ttl", "authorized_resources", "jwks_uri", "jwk", "id_token_kid", "logo_uri", "metadata"]

    /// The client as `ClientView` renders it: every key present, `identity_provider` `{id:null,name:null}`
    /// without a link, `trusted_authorities` `""` and `trusted_hosts` `[]` when null.
    func render(_ state: BorutaState) -> JSONValue {
        var out: [(String, JSONValue)] = []
        for key in Self.viewKeys {
            switch key {
            case "identity_provider":
                let provider = identityProviderID.flatMap { id in state.identityProviders.first { $0.id == id } }
                out.append(
                    (
                        key,
                        .object([
                            ("id", provider.map { .string($0.id) } ?? .null), ("name", provider.map { .string($0.name) } ?? .null),
                        ])
                    ))
            case "authorized_scopes":
                out.append((key, .array(scopeIDs.compactMap { id in state.scopes.first { $0.id == id } }.map(\.json))))
            case "trusted_authorities":
                out.append((key, fields[key].flatMap { $0 == .null ? nil : $0 } ?? .string("")))
            case "trusted_hosts":
                out.append((key, fields[key].flatMap { $0 == .null ? nil : $0 } ?? .array([])))
            default:
                out.append((key, fields[key] ?? .null))
            }
        }
        return .object(out)
    }

    /// Server defaults for omitted fields (boruta.md §4), TTLs at boruta-server's configured maxima.
    static func defaults() -> [String: JSONValue] {
        [
            "public_client_id": .null, "check_public_client_id": .bool(false), "trusted_authorities": .string(""),
            "trusted_hosts": .array([]), "name": .null, "confidential": .bool(false), "redirect_uris": .array([]),
            "public_refresh_token": .bool(false), "public_revoke": .bool(false), "authorize_scope": .bool(false),
            "enforce_dpop": .bool(false), "enforce_tx_code": .bool(false), "pkce": .bool(false),
            "access_token_ttl": .number("86400"), "authorization_code_ttl": .number("600"),
            "authorization_request_ttl": .number("300"), "refresh_token_ttl": .number("2592000"), "id_token_ttl": .number("86400"),
            "public_key": .null, "key_pair_type": defaultKeyPairType,
            "signatures_adapter": .string("Elixir.Boruta.Internal.Signatures"), "did": .null,
            "supported_grant_types": .array([.string("client_credentials"), .string("authorization_code")]),
            "id_token_signature_alg": .string("RS512"), "userinfo_signed_response_alg": .null,
            "token_endpoint_jwt_auth_alg": .string("HS256"),
            "token_endpoint_auth_methods": .array([.string("client_secret_basic"), .string("client_secret_post")]),
            "jwt_public_key": .null, "response_mode": .string("direct_post"),
        ]
    }

    static let defaultKeyPairType = JSONValue.object([
        ("type", .string("rsa")), ("modulus_size", .string("2048")), ("exponent_size", .string("65537")),
    ])
}

/// A scope (`GET /api/scopes` item).
struct BorutaScope: Sendable {
    var id: String
    var name: String
    var label: String?
    var isPublic: Bool

    /// As embedded in a client's `authorized_scopes`.
    var json: JSONValue { .object([("id", .string(id)), ("name", .string(name)), ("public", .bool(isPublic))]) }
    /// As `ScopeView` renders it.
    var fullJSON: JSONValue {
        .object([
            ("id", .string(id)), ("name", .string(name)), ("label", label.map(JSONValue.string) ?? .null), ("public", .bool(isPublic)),
        ])
    }
}

/// An identity provider (`GET /api/identity-providers` item).
struct BorutaIdentityProvider: Sendable {
    var id: String
    var name: String

    /// As `IdentityProviderView` renders it; the embedded backend carries passwords (boruta.md §2).
    var json: JSONValue {
        .object([
            ("id", .string(id)), ("name", .string(name)),
            (
                "backend",
                .object([
                    ("id", .string("7c5b3ef2-8d4a-4b61-9f0e-2a1d3c4b5a60")), ("name", .string("Default backend")),
                    ("type", .string("Elixir.BorutaIdentity.Accounts.Internal")), ("ldap_master_password", .null),
                    ("smtp_password", .string("sandbox-smtp-password")),
                ])
            ),
            ("backend_id", .string("7c5b3ef2-8d4a-4b61-9f0e-2a1d3c4b5a60")), ("check_password", .bool(true)),
            ("choose_session", .bool(true)), ("totpable", .bool(false)), ("enforce_totp", .bool(false)),
            ("webauthnable", .bool(false)), ("enforce_webauthn", .bool(false)), ("registrable", .bool(false)),
            ("user_editable", .bool(false)), ("consentable", .bool(false)), ("confirmable", .bool(false)),
        ])
    }
}

/// An issued access token.
struct BorutaToken: Sendable {
    var clientID: String
    var scopes: Set<String>
    var expires: Date
}

/// Everything the emulated server stores.
struct BorutaState: Sendable {
    var clients: [BorutaClient] = []
    var scopes: [BorutaScope] = []
    var identityProviders: [BorutaIdentityProvider] = []
    /// Global key pairs (`GET /api/key-pairs`): id → public key.
    var keyPairs: [(id: String, publicKey: String)] = []
    var tokens: [String: BorutaToken] = [:]

    func client(_ id: String) -> BorutaClient? { clients.first { $0.id == id } }

    mutating func replace(_ client: BorutaClient) {
        if let index = clients.firstIndex(where: { $0.id == client.id }) { clients[index] = client } else { clients.append(client) }
    }
}

/// Random material the sandbox hands out: ids, secrets, tokens and stand-in keys.
enum BorutaRandom {
    static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// `Boruta.TokenGenerator`'s 86 alphanumeric characters (secrets) or another length (tokens).
    static func token(_ length: Int = 86) -> String {
        String((0..<length).map { _ in alphanumerics.randomElement() ?? "a" })
    }

    static func uuid() -> String { UUID().uuidString.lowercased() }

    /// A PEM-shaped stand-in public key (the sandbox does no real cryptography).
    static func publicKeyPEM() -> String {
        let bytes = (0..<270).map { _ in UInt8.random(in: 0...255) }
        return "-----BEGIN RSA PUBLIC KEY-----\n"
            + Data(bytes).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            + "\n-----END RSA PUBLIC KEY-----\n\n"
    }

    /// True for an `Ecto.UUID`-castable string (any case, with dashes).
    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
