/// Hydra's `Validator.Validate` plus `BeforeSave`: applies defaults and rejects invalid metadata.
///
/// Runs on every write (POST, PUT, PATCH, lifespans), so defaults are re-applied on updates.
/// `sector_identifier_uri` is checked for `https` only: the sandbox never fetches it over the network
/// (Hydra would GET it and require every redirect URI to be listed there).
struct ClientValidator: Sendable {
    var defaultScope = "offline_access offline openid"
    var subjectTypesSupported = ["public"]

    private static let signingAlgs = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]

    func validate(_ c: inout HydraClient, secret: String) throws(HydraError) {
        let method = c.string("token_endpoint_auth_method")
        if method.isEmpty {
            c.set("token_endpoint_auth_method", "client_secret_basic")
        } else if method == "private_key_jwt" {
            if c.string("jwks_uri").isEmpty && !c.hasJWKS {
                throw .invalidMetadata("When token_endpoint_auth_method is 'private_key_jwt', either jwks or jwks_uri must be set.")
            }
            let alg = c.string("token_endpoint_auth_signing_alg")
            if !alg.isEmpty && !Self.signingAlgs.contains(alg) {
                throw .invalidMetadata(
                    "Only RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 and ES512 are supported as algorithms for private key authentication."
                )
            }
        }
        if !c.string("jwks_uri").isEmpty && c.hasJWKS {
            throw .invalidMetadata("Fields jwks and jwks_uri can not both be set, you must choose one.")
        }
        if let keys = c.values["jwks"]?["keys"]?.arrayValue, !keys.allSatisfy(JWKCheck.isValid) {
            throw .invalidMetadata("Invalid JSON web key in set.")
        }
        if !secret.isEmpty && secret.utf8.count < 6 {
            throw .invalidMetadata("Field client_secret must contain a secret that is at least 6 characters long.")
        }
        if c.string("scope").isEmpty { c.set("scope", defaultScope) }
        try normalizeCORS(&c)
        c.values["client_secret_expires_at"] = .number("0")
        let sector = c.string("sector_identifier_uri")
        if !sector.isEmpty {
            switch GoURL.parse(sector) {
            case .failure(let error):
                throw .invalidMetadata("Value of sector_identifier_uri could not be parsed because \(error.description).")
            case .success(let url) where url.scheme != "https":
                throw .invalidMetadata(nil)  // Hydra puts the reason in the debug field only.
            case .success: break
            }
        }
        if c.string("userinfo_signed_response_alg").isEmpty { c.set("userinfo_signed_response_alg", "none") }
        if !["none", "RS256"].contains(c.string("userinfo_signed_response_alg")) {
            throw .invalidMetadata("Field userinfo_signed_response_alg can either be 'none' or 'RS256'.")
        }
        var redirects: [GoURL] = []
        for raw in c.strings("redirect_uris") {
            guard case .success(let url) = GoURL.parseRequestURI(raw) else {
                throw .invalidRedirectURI("Unable to parse redirect URL: \(raw)")
            }
            redirects.append(url)
            if raw.contains("#") { throw .invalidRedirectURI("Redirect URIs must not contain fragments (#).") }
        }
        let subject = c.string("subject_type")
        if subject.isEmpty {
            c.set("subject_type", subjectTypesSupported.contains("public") ? "public" : subjectTypesSupported.first ?? "public")
        } else if !subjectTypesSupported.contains(subject) {
            throw .invalidMetadata(
                "Subject type \(subject) is not supported by server, only [\(subjectTypesSupported.joined(separator: " "))] are allowed.")
        }
        for raw in c.strings("post_logout_redirect_uris") {
            guard case .success(let url) = GoURL.parseRequestURI(raw) else {
                throw .invalidMetadata("Unable to parse post_logout_redirect_uri: \(raw)")
            }
            if !redirects.contains(where: { $0.hostname == url.hostname && $0.port == url.port && $0.scheme == url.scheme }) {
                throw .invalidMetadata(
                    "post_logout_redirect_uri \"\(raw)\" must match the domain, port, scheme of at least one of the registered redirect URIs but did not"
                )
            }
        }
        for field in ["policy_uri", "tos_uri", "client_uri", "logo_uri"] {
            let raw = c.string(field)
            if raw.isEmpty { continue }
            guard case .success(let url) = GoURL.parseRequestURI(raw) else { throw .invalidMetadata("Field \(field) must be a valid URI.") }
            if url.scheme != "http" && url.scheme != "https" {
                throw .invalidMetadata("\(raw) must use https:// or http:// as HTTP scheme for field \(field).")
            }
        }
        let strategy = c.string("access_token_strategy")
        if !strategy.isEmpty {
            guard ["jwt", "opaque"].contains(strategy.lowercased()) else {
                throw .invalidMetadata("invalid access token strategy: \(strategy)")
            }
            c.set("access_token_strategy", strategy.lowercased())
        }
        Self.beforeSave(&c)
    }

    /// `BeforeSave`: nil audience/CORS become `[]`, nil jwks/metadata become `{}`.
    static func beforeSave(_ c: inout HydraClient) {
        for name in ["audience", "allowed_cors_origins"] where c.values[name] == nil { c.values[name] = .array([]) }
        if c.values["jwks"] == nil { c.values["jwks"] = .object([]) }
        if c.values["metadata"] == nil { c.values["metadata"] = .object([]) }
    }

    private func normalizeCORS(_ c: inout HydraClient) throws(HydraError) {
        guard let origins = c.values["allowed_cors_origins"]?.arrayValue else { return }
        var normalized: [JSONValue] = []
        for item in origins {
            let origin = item.stringValue ?? ""
            var url: GoURL
            switch GoURL.parse(origin) {
            case .failure(let error):
                throw .invalidMetadata("Origin URL \(origin) from allowed_cors_origins could not be parsed: \(error.description)")
            case .success(let parsed): url = parsed
            }
            if url.scheme != "https" && url.scheme != "http" {
                throw .invalidMetadata("Origin URL \(origin) must use https:// or http:// as HTTP scheme.")
            }
            if let user = url.user, !user.isEmpty {
                throw .invalidMetadata("Origin URL \(origin) has HTTP user and/or password set which is not allowed.")
            }
            while url.path.hasSuffix("/") { url.path.removeLast() }
            if !(url.path + url.rawQuery + url.fragment).isEmpty {
                throw .invalidMetadata(
                    "Origin URL \(origin) must have an empty path, query, and fragment but one of the parts is not empty.")
            }
            normalized.append(.string(url.string))
        }
        c.values["allowed_cors_origins"] = .array(normalized)
    }
}
