import Foundation

/// `Boruta.Ecto.Client.create_changeset` / `update_changeset` plus the controller's identity-provider and
/// scope handling, as boruta.md §4–§6 record them. Unknown keys are ignored (Ecto `cast`); on update only
/// keys that change a value are validated; `authorized_scopes` is replaced on every write.
struct BorutaChangeset {
    /// Changeset errors by field, in the order found (`traverse_errors`).
    struct Errors: Error {
        var fields: [(String, [String])] = []

        mutating func add(_ field: String, _ message: String) {
            if let index = fields.firstIndex(where: { $0.0 == field }) {
                fields[index].1.append(message)
            } else {
                fields.append((field, [message]))
            }
        }

        var isEmpty: Bool { fields.isEmpty }
        var json: JSONValue { .object(fields.map { ($0.0, .array($0.1.map(JSONValue.string))) }) }
    }

    static let grantTypes = [
        "client_credentials", "password", "authorization_code", "agent_code", "refresh_token", "implicit", "revoke",
        "introspect", "id_token", "vp_token", "preauthorized_code", "agent_credentials",
    ]
    static let authMethods = ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt"]
    static let jwtAlgorithms = ["RS256", "RS384", "RS512", "HS256", "HS384", "HS512"]
    static let signatureAlgorithms = ["ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "HS256", "HS384", "HS512", "EdDSA"]
    /// `Boruta.Config` max TTLs as boruta-server configures them (boruta.md §4).
    static let maxTTL = [
        "access_token_ttl": 86400, "authorization_code_ttl": 600, "authorization_request_ttl": 300,
        "id_token_ttl": 86400, "refresh_token_ttl": 2_592_000, "agent_token_ttl": 2_592_000,
    ]
    static let booleans = [
        "check_public_client_id", "confidential", "public_refresh_token", "public_revoke", "authorize_scope", "enforce_dpop",
        "enforce_tx_code", "pkce",
    ]
    static let strings = [
        "public_client_id", "name", "token_endpoint_jwt_auth_alg", "id_token_signature_alg", "userinfo_signed_response_alg",
        "jwt_public_key", "response_mode", "signatures_adapter", "trusted_authorities", "jwks_uri", "id_token_kid", "logo_uri",
    ]
    static let stringLists = [
        "redirect_uris", "authorized_resources", "supported_grant_types", "token_endpoint_auth_methods", "trusted_hosts",
    ]
    static let maps = ["key_pair_type", "metadata", "jwk"]

    let params: JSONValue
    let creating: Bool

    /// Applies the params to `existing` (or to a new client with the server defaults) and validates.
    func apply(to existing: BorutaClient?, state: inout BorutaState) -> Result<BorutaClient, Errors> {
        var errors = Errors()
        var client = existing ?? BorutaClient(fields: BorutaClient.defaults())
        var changed: Set<String> = []
        let value = { (key: String) -> JSONValue? in params[key] }

        if creating, let id = value("id"), id != .null {
            if let text = id.stringValue, BorutaRandom.isUUID(text) {
                if state.client(text.lowercased()) != nil { errors.add("id", "has already been taken") }
                client.fields["id"] = .string(text.lowercased())
            } else {
                errors.add("id", "is invalid")
            }
        }
        if creating, client.fields["id"] == nil { client.fields["id"] = .string(BorutaRandom.uuid()) }

        // Cast, with Ecto's type errors ("is invalid") and "can't be blank"/"can't be nil" for nulls.
        for key in Self.booleans + Self.strings + Self.stringLists + Self.maps + Array(Self.maxTTL.keys) {
            guard let raw = value(key) else { continue }
            let stored = BorutaClient.writeOnlyKeys.contains(key) ? client.writeOnly[key] : client.fields[key]
            var cast: JSONValue?
            switch raw {
            case .null:
                if Self.maxTTL[key] != nil { errors.add(key, "can't be blank"); continue }
                if key == "trusted_authorities" || key == "trusted_hosts" { errors.add(key, "can't be nil"); continue }
                cast = .null
            case .bool where Self.booleans.contains(key): cast = raw
            case .string(let s) where Self.strings.contains(key): cast = s.isEmpty ? .null : raw
            case .number(let n) where Self.maxTTL[key] != nil:
                guard Int(n) != nil else { errors.add(key, "is invalid"); continue }
                cast = raw
            case .array(let items) where Self.stringLists.contains(key):
                guard items.allSatisfy({ $0.stringValue != nil || $0 == .null }) else { errors.add(key, "is invalid"); continue }
                cast = raw
            case .object where Self.maps.contains(key): cast = raw
            default:
                errors.add(key, "is invalid")
                continue
            }
            guard let cast, creating || cast != (stored ?? .null) else { continue }
            changed.insert(key)
            if BorutaClient.writeOnlyKeys.contains(key) { client.writeOnly[key] = cast } else { client.fields[key] = cast }
        }

        validate(client, changed: changed, into: &errors)

        // Secret: generated on create when omitted, null or ""; stored as given on update (even null, §5).
        if let secret = value("secret") {
            if case .string(let s) = secret, !s.isEmpty {
                client.fields["secret"] = secret
            } else if !creating {
                client.fields["secret"] = .null
            }
        }
        if creating, (client.fields["secret"] ?? .null) == .null { client.fields["secret"] = .string(BorutaRandom.token()) }

        identityProvider(&client, state: state, into: &errors)
        guard errors.isEmpty else { return .failure(errors) }

        client.scopeIDs = authorizedScopes(&state)
        if creating { generateKeyPair(&client) }
        if let pairID = value("key_pair_id")?.stringValue, let pair = state.keyPairs.first(where: { $0.id == pairID }) {
            client.fields["public_key"] = .string(pair.publicKey)
        }
        if changed.contains("jwk"), let jwk = client.writeOnly["jwk"] {
            // The server converts the JWK to a PEM; the sandbox stores a PEM-shaped wrapper of its JSON.
            client.fields["jwt_public_key"] = .string(
                "-----BEGIN PUBLIC KEY-----\n" + Data(JSONWriter.bytes(jwk)).base64EncodedString() + "\n-----END PUBLIC KEY-----\n")
        }
        return .success(client)
    }

    private func validate(_ client: BorutaClient, changed: Set<String>, into errors: inout Errors) {
        let check = { (key: String) -> Bool in changed.contains(key) }
        for (key, max) in Self.maxTTL.sorted(by: { $0.key < $1.key }) where check(key) {
            var limit = max
            if !creating, key == "access_token_ttl" { limit = Self.maxTTL["authorization_request_ttl"] ?? 300 }  // upstream bug bb98f86
            if !creating, key == "authorization_request_ttl" { continue }  // …which leaves this one unchecked on update
            let stored = BorutaClient.writeOnlyKeys.contains(key) ? client.writeOnly[key] : client.fields[key]
            guard case .number(let text)? = stored, let ttl = Int(text), (1...limit).contains(ttl) else {
                errors.add(key, "is invalid")
                continue
            }
        }
        for key in ["redirect_uris", "authorized_resources"] where check(key) {
            let items = (BorutaClient.writeOnlyKeys.contains(key) ? client.writeOnly[key] : client.fields[key])?.arrayValue ?? []
            for item in items {
                guard let uri = item.stringValue else { errors.add(key, "empty values are not allowed"); continue }
                if !Self.hasSchemeAndHost(uri) { errors.add(key, "`\(uri)` is invalid") }
            }
        }
        if check("supported_grant_types"), !Self.subset(client.fields["supported_grant_types"], of: Self.grantTypes) {
            errors.add("supported_grant_types", "must be part of " + Self.grantTypes.joined(separator: ", "))
        }
        if check("token_endpoint_auth_methods"), !Self.subset(client.fields["token_endpoint_auth_methods"], of: Self.authMethods) {
            errors.add("token_endpoint_auth_methods", "has an invalid entry")
        }
        if check("trusted_hosts"), client.fields["trusted_hosts"]?.arrayValue?.contains(.null) == true {
            errors.add("trusted_hosts", "is invalid")
        }
        if check("response_mode"), let mode = client.fields["response_mode"]?.stringValue, !["post", "direct_post"].contains(mode) {
            errors.add("response_mode", "is invalid")
        }
        if check("token_endpoint_jwt_auth_alg"), let alg = client.fields["token_endpoint_jwt_auth_alg"]?.stringValue,
            !Self.jwtAlgorithms.contains(alg)
        {
            errors.add("token_endpoint_jwt_auth_alg", "is invalid")
        }
        let keyType = client.fields["key_pair_type"]?["type"]?.stringValue ?? "rsa"
        if check("key_pair_type") { validateKeyPairType(client.fields["key_pair_type"], into: &errors) }
        for key in ["id_token_signature_alg", "userinfo_signed_response_alg"] where check(key) || check("key_pair_type") {
            guard let alg = client.fields[key]?.stringValue else { continue }
            if !Self.signatureAlgorithms.contains(alg) || !Self.algorithm(alg, suits: keyType) { errors.add(key, "is invalid") }
        }
        if check("signatures_adapter") || check("key_pair_type"), let adapter = client.fields["signatures_adapter"]?.stringValue {
            let expected = keyType == "universal" ? "Elixir.Boruta.Universal.Signatures" : "Elixir.Boruta.Internal.Signatures"
            if adapter != expected { errors.add("signatures_adapter", "is invalid") }
        }
    }

    private func validateKeyPairType(_ value: JSONValue?, into errors: inout Errors) {
        guard let value, case .object = value, let type = value["type"]?.stringValue, ["ec", "rsa", "universal"].contains(type) else {
            errors.add("key_pair_type", "is invalid")
            return
        }
        switch type {
        case "rsa":
            let modulus = value["modulus_size"].flatMap {
                $0.stringValue ?? (value["modulus_size"].flatMap { if case .number(let n) = $0 { n } else { nil } })
            }
            if let modulus, let size = Int(modulus), size < 2048 { errors.add("key_pair_type", "rsa modulus_size must be at least 2048") }
        case "ec":
            if !["P-256", "P-384", "P-512"].contains(value["curve"]?.stringValue ?? "") { errors.add("key_pair_type", "is invalid") }
        default: break
        }
    }

    /// The controller's identity-provider upsert: required on create, changed on update only when given.
    private func identityProvider(_ client: inout BorutaClient, state: BorutaState, into errors: inout Errors) {
        let given = params["identity_provider"]
        guard let id = given?["id"], id != .null else {
            if creating { errors.add("identity_provider_id", "can't be blank") }
            return
        }
        guard let text = id.stringValue, BorutaRandom.isUUID(text) else {
            errors.add("identity_provider_id", "has invalid format")
            return
        }
        guard state.identityProviders.contains(where: { $0.id == text.lowercased() }) else {
            errors.add("identity_provider_id", "does not exist")
            return
        }
        client.identityProviderID = text.lowercased()
    }

    /// `parse_authorized_scopes`: by id (unknown ids dropped), else by name (unknown names create a private
    /// scope), names with whitespace and malformed items dropped; a missing key means none.
    private func authorizedScopes(_ state: inout BorutaState) -> [String] {
        var ids: [String] = []
        for item in params["authorized_scopes"]?.arrayValue ?? [] {
            if let id = item["id"]?.stringValue {
                if let scope = state.scopes.first(where: { $0.id == id.lowercased() }), !ids.contains(scope.id) { ids.append(scope.id) }
            } else if let name = item["name"]?.stringValue, !name.isEmpty, !name.contains(where: \.isWhitespace) {
                if let scope = state.scopes.first(where: { $0.name == name }) {
                    if !ids.contains(scope.id) { ids.append(scope.id) }
                } else {
                    let scope = BorutaScope(id: BorutaRandom.uuid(), name: name, label: nil, isPublic: false)
                    state.scopes.append(scope)
                    ids.append(scope.id)
                }
            }
        }
        return ids
    }

    /// `generate_key_pair/1`: always on create; `universal` also sets a did and EdDSA algorithms.
    private func generateKeyPair(_ client: inout BorutaClient) {
        client.fields["public_key"] = .string(BorutaRandom.publicKeyPEM())
        client.privateKey = BorutaRandom.token(64)
        if client.fields["key_pair_type"]?["type"]?.stringValue == "universal" {
            client.fields["did"] = .string("did:key:z6Mk" + BorutaRandom.token(44))
            client.fields["signatures_adapter"] = .string("Elixir.Boruta.Universal.Signatures")
            client.fields["id_token_signature_alg"] = .string("EdDSA")
            client.fields["userinfo_signed_response_alg"] = .string("EdDSA")
        } else {
            client.fields["signatures_adapter"] = .string("Elixir.Boruta.Internal.Signatures")
        }
    }

    static func subset(_ value: JSONValue?, of allowed: [String]) -> Bool {
        (value?.arrayValue ?? []).allSatisfy { $0.stringValue.map(allowed.contains) ?? false }
    }

    /// rsa: RS*/HS*; ec: ES*/HS*; universal: EdDSA.
    static func algorithm(_ alg: String, suits keyType: String) -> Bool {
        switch keyType {
        case "ec": alg.hasPrefix("ES") || alg.hasPrefix("HS")
        case "universal": alg == "EdDSA"
        default: alg.hasPrefix("RS") || alg.hasPrefix("HS")
        }
    }

    /// Elixir `URI.new`: a scheme and a host are required, a fragment is refused.
    static func hasSchemeAndHost(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme, !scheme.isEmpty,
            let host = components.host, !host.isEmpty
        else { return false }
        return components.fragment == nil
    }
}
