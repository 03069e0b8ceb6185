import Foundation
import Testing

@testable import OAuthCtlSandbox

/// The Boruta sandbox against the facts of `shared/reference/boruta.md` (section numbers in the names).
@Suite("Boruta sandbox (boruta.md)")
struct BorutaConformanceTests {
    static let a = "0b6f9f7e-1c2d-4e3f-8a9b-0c1d2e3f4a5b"
    static let b = "1c7a0e8f-2d3e-4f50-9b0c-1d2e3f4a5b6c"

    @Test("§7a token endpoint: client credentials grant private scopes only with authorize_scope; errors are OAuth errors")
    func tokenEndpoint() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        let ok = try s.tokenResponse(scope: "clients:manage:all")
        #expect(ok.status == 200)
        #expect(ok.json?["token_type"] == .string("bearer"))
        #expect(ok.json?["expires_in"] == .number("86400"))
        #expect(try s.tokenResponse(secret: "wrong", scope: "clients:manage:all").json?["error"] == .string("invalid_client"))
        #expect(try s.tokenResponse(scope: "nope:manage:all").json?["error"] == .string("invalid_scope"))
        // A client without authorize_scope gets public scopes only.
        let created = try s.create(Self.a, #""secret":"s3cret","supported_grant_types":["client_credentials"]"#)
        #expect(created.status == 201)
        #expect(try s.tokenResponse(id: Self.a, secret: "s3cret", scope: "openid").status == 200)
        let denied = try s.tokenResponse(id: Self.a, secret: "s3cret", scope: "clients:manage:all")
        #expect(denied.status == 400 && denied.json?["error"] == .string("invalid_scope"))
    }

    @Test("§7 401 without a valid token, 403 without clients:manage:all; both carry errors.resource")
    func authErrors() throws {
        let s = try BorutaSandbox(scope: "users:manage:all")
        defer { s.stop() }
        let none = try s.sandbox.call("GET", "/api/clients")
        #expect(none.status == 401)
        #expect(
            none.json?.text
                == #"{"code":"UNAUTHORIZED","message":"You are unauthorized to access this resource.","errors":{"resource":["you are unauthorized to access this resource."]}}"#
        )
        #expect(try s.call("GET", "/api/clients", token: "bogus").status == 401)
        let forbidden = try s.call("GET", "/api/clients")
        #expect(forbidden.status == 403)
        #expect(forbidden.json?["code"] == .string("FORBIDDEN"))
        #expect(forbidden.json?["errors"]?["resource"] == .array([.string("you are forbidden to access this resource.")]))
        // GET /api/scopes takes any one of four scopes (users:manage:all is one); identity providers need their own.
        #expect(try s.call("GET", "/api/scopes").status == 200)
        #expect(try s.call("GET", "/api/identity-providers").status == 403)
    }

    @Test("§2 §8 the list has no pagination and includes the admin UI client and the public client")
    func listSystemClients() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        let list = try s.call("GET", "/api/clients")
        #expect(list.status == 200)
        let items = try #require(list.json?["data"]?.arrayValue)
        #expect(items.contains { $0["id"] == .string(BorutaAPI.adminUIClientID) })
        #expect(items.contains { $0["name"] == .string("public client") && $0["public_client_id"]?.stringValue != nil })
        #expect(list.header("link") == nil)
    }

    @Test("§2 §3 §4 create: 201, Location, every view key, server defaults, generated 86-char secret and key pair")
    func createDefaults() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        let response = try s.create(Self.a.uppercased())
        #expect(response.status == 201)
        #expect(response.header("location") == "/api/clients/\(Self.a)")
        let c = try #require(response.json?["data"])
        #expect(c.keys == BorutaClient.viewKeys)
        #expect(c["id"] == .string(Self.a))
        #expect(c["secret"]?.stringValue?.count == 86)
        #expect(c["supported_grant_types"] == .array([.string("client_credentials"), .string("authorization_code")]))
        #expect(c["token_endpoint_auth_methods"] == .array([.string("client_secret_basic"), .string("client_secret_post")]))
        #expect(c["access_token_ttl"] == .number("86400") && c["authorization_code_ttl"] == .number("600"))
        #expect(c["authorization_request_ttl"] == .number("300") && c["refresh_token_ttl"] == .number("2592000"))
        #expect(c["id_token_signature_alg"] == .string("RS512") && c["token_endpoint_jwt_auth_alg"] == .string("HS256"))
        #expect(c["response_mode"] == .string("direct_post") && c["userinfo_signed_response_alg"] == .null)
        #expect(c["trusted_authorities"] == .string("") && c["trusted_hosts"] == .array([]))
        #expect(c["key_pair_type"]?["modulus_size"] == .string("2048"))
        #expect(c["public_key"]?.stringValue?.hasPrefix("-----BEGIN") == true)
        #expect(c["identity_provider"]?["id"] == .string(BorutaSandbox.idp))
        #expect(c["authorized_scopes"] == .array([]))
    }

    @Test(
        "§4 create validations: identity_provider_id blank / invalid format / unknown, id invalid / taken, TTL range, redirect URIs, grant types"
    )
    func createValidations() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        func errors(_ body: String) throws -> String { try s.call("POST", "/api/clients", body).json?["errors"]?.text ?? "" }
        #expect(try errors(#"{"client":{"id":"\#(Self.a)"}}"#) == #"{"identity_provider_id":["can't be blank"]}"#)
        #expect(try errors(#"{"client":{"identity_provider":{"id":"x"}}}"#) == #"{"identity_provider_id":["has invalid format"]}"#)
        #expect(try errors(#"{"client":{"identity_provider":{"id":"\#(Self.b)"}}}"#) == #"{"identity_provider_id":["does not exist"]}"#)
        #expect(try s.call("GET", "/api/clients/\(Self.a)").status == 404)  // rolled back
        let bad = try s.create("not-a-uuid")
        #expect(bad.status == 422 && bad.json?["errors"]?.text == #"{"id":["is invalid"]}"#)
        #expect(
            bad.json?["code"] == .string("UNPROCESSABLE_ENTITY") && bad.json?["message"] == .string("Your request could not be processed."))
        #expect(try s.create(Self.a).status == 201)
        #expect(try s.create(Self.a).json?["errors"]?.text == #"{"id":["has already been taken"]}"#)
        #expect(try s.create(Self.b, #""access_token_ttl":86401"#).json?["errors"]?.text == #"{"access_token_ttl":["is invalid"]}"#)
        #expect(try s.create(Self.b, #""access_token_ttl":null"#).json?["errors"]?.text == #"{"access_token_ttl":["can't be blank"]}"#)
        #expect(try s.create(Self.b, #""trusted_hosts":null"#).json?["errors"]?.text == #"{"trusted_hosts":["can't be nil"]}"#)
        #expect(
            try s.create(Self.b, #""redirect_uris":["myapp:/cb","https://a/cb#f",null]"#).json?["errors"]?.text
                == #"{"redirect_uris":["`myapp:/cb` is invalid","`https://a/cb#f` is invalid","empty values are not allowed"]}"#)
        #expect(
            try s.create(Self.b, #""supported_grant_types":["magic"]"#).json?["errors"]?["supported_grant_types"]?.arrayValue?.first?
                .stringValue?.hasPrefix("must be part of client_credentials, password") == true)
        #expect(
            try s.create(Self.b, #""key_pair_type":{"type":"rsa","modulus_size":"1024","exponent_size":"65537"}"#).json?["errors"]?.text
                == #"{"key_pair_type":["rsa modulus_size must be at least 2048"]}"#)
        #expect(
            try s.create(Self.b, #""key_pair_type":{"type":"ec","curve":"P-256"},"id_token_signature_alg":"RS256""#).json?["errors"]?.text
                == #"{"id_token_signature_alg":["is invalid"]}"#)
        #expect(
            try s.create(Self.b, #""redirect_uris":["http://localhost:3000/cb","myapp://callback"],"access_token_ttl":3600"#).status == 201)
    }

    @Test("§5 update merges scalars, keeps absent keys, ignores id, and PUT = PATCH")
    func updateMerges() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        try s.create(Self.a, #""name":"A","pkce":true,"redirect_uris":["https://a/cb"],"secret":"keep-me""#)
        for method in ["PUT", "PATCH"] {
            let response = try s.call(method, "/api/clients/\(Self.a)", #"{"client":{"id":"\#(Self.b)","name":"\#(method)"}}"#)
            #expect(response.status == 200)
            let c = try #require(response.json?["data"])
            #expect(c["id"] == .string(Self.a))
            #expect(c["name"] == .string(method))
            #expect(c["pkce"] == .bool(true) && c["redirect_uris"] == .array([.string("https://a/cb")]))
            #expect(c["secret"] == .string("keep-me"))
        }
        #expect(try s.call("GET", "/api/clients/\(Self.b)").status == 404)
    }

    @Test("§5 authorized_scopes is replaced on every update: an update without it removes them all")
    func scopesReplaced() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        try s.create(Self.a, #""authorized_scopes":[{"name":"openid"},{"name":"email"}]"#)
        #expect(try s.call("GET", "/api/clients/\(Self.a)").json?["data"]?["authorized_scopes"]?.arrayValue?.count == 2)
        let updated = try s.call("PATCH", "/api/clients/\(Self.a)", #"{"client":{"name":"x"}}"#)
        #expect(updated.json?["data"]?["authorized_scopes"] == .array([]))
    }

    @Test("§6 scopes: an unknown id is dropped silently, an unknown name creates a private scope, whitespace names are dropped")
    func scopeHazards() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        let created = try s.create(
            Self.a,
            #""authorized_scopes":[{"id":"\#(Self.b)"},{"name":"brand-new"},{"name":"has space"},{"id":"0f1c1d3a-0000-4000-8000-0000000000b1"}]"#
        )
        #expect(created.status == 201)
        let names = created.json?["data"]?["authorized_scopes"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["brand-new", "openid"])
        let scopes = try s.call("GET", "/api/scopes").json?["data"]?.arrayValue ?? []
        #expect(scopes.contains { $0["name"] == .string("brand-new") && $0["public"] == .bool(false) })
        #expect(scopes.first?.keys == ["id", "name", "label", "public"])
    }

    @Test(
        "§5 upstream bug: an update that raises access_token_ttl above 300 fails with 422; create is not affected; authorization_request_ttl unchecked on update"
    )
    func accessTTLBug() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        #expect(try s.create(Self.a, #""access_token_ttl":3600"#).status == 201)
        let raise = try s.call("PUT", "/api/clients/\(Self.a)", #"{"client":{"access_token_ttl":7200}}"#)
        #expect(raise.status == 422 && raise.json?["errors"]?.text == #"{"access_token_ttl":["is invalid"]}"#)
        // unchanged: not validated
        #expect(try s.call("PUT", "/api/clients/\(Self.a)", #"{"client":{"access_token_ttl":3600}}"#).status == 200)
        #expect(try s.call("PUT", "/api/clients/\(Self.a)", #"{"client":{"access_token_ttl":120}}"#).status == 200)
        #expect(try s.call("PUT", "/api/clients/\(Self.a)", #"{"client":{"authorization_request_ttl":99999}}"#).status == 200)
    }

    @Test("§3 write-only attributes are accepted and never rendered; §5 secret null on update stores null")
    func writeOnlyAndSecret() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        let created = try s.create(
            Self.a,
            #""logo_uri":"https://a/l.png","metadata":{"k":"v"},"agent_token_ttl":60,"jwks_uri":"https://a/jwks","id_token_kid":"k1","authorized_resources":["https://api"]"#
        )
        #expect(created.status == 201)
        let keys = Set(created.json?["data"]?.keys ?? [])
        for key in BorutaClient.writeOnlyKeys { #expect(!keys.contains(key)) }
        let cleared = try s.call("PUT", "/api/clients/\(Self.a)", #"{"client":{"secret":null}}"#)
        #expect(cleared.status == 200 && cleared.json?["data"]?["secret"] == .null)
    }

    @Test("§7 the admin UI client is write protected; 404 has no errors key; malformed UUID and missing client key are 400; DELETE is 204")
    func errorsAndDelete() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        let admin = "/api/clients/\(BorutaAPI.adminUIClientID)"
        for (method, body) in [("PUT", #"{"client":{"name":"x"}}"#), ("DELETE", nil)] {
            let response = try s.call(method, admin, body)
            #expect(response.status == 403)
            #expect(
                response.json?.text
                    == #"{"code":"FORBIDDEN","message":"The resource is write protected.","errors":{"resource":["is write protected."]}}"#)
        }
        #expect(try s.call("POST", admin + "/regenerate_key_pair").status == 403)
        let missing = try s.call("GET", "/api/clients/\(Self.b)")
        #expect(missing.status == 404 && missing.json?.keys == ["code", "message"] && missing.json?["code"] == .string("NOT_FOUND"))
        #expect(try s.call("GET", "/api/clients/not-a-uuid").json?["code"] == .string("BAD_REQUEST"))
        try s.create(Self.a)
        let noKey = try s.call("PUT", "/api/clients/\(Self.a)", #"{"name":"x"}"#)
        #expect(noKey.status == 400 && noKey.json?["code"] == .string("BAD_REQUEST"))
        #expect(try s.call("GET", "/api/clients", headers: ["Accept": "text/html"]).status == 406)
        let deleted = try s.call("DELETE", "/api/clients/\(Self.a)")
        #expect(deleted.status == 204 && deleted.body.isEmpty)
        #expect(try s.call("DELETE", "/api/clients/\(Self.a)").status == 404)
    }

    @Test("§2 regenerate_key_pair changes public_key; §5 a key_pair_type change alone generates no new keys")
    func keyPairs() throws {
        let s = try BorutaSandbox()
        defer { s.stop() }
        let key = try s.create(Self.a).json?["data"]?["public_key"]
        let retyped = try s.call(
            "PATCH", "/api/clients/\(Self.a)", #"{"client":{"key_pair_type":{"type":"rsa","modulus_size":"4096","exponent_size":"65537"}}}"#
        )
        #expect(retyped.status == 200 && retyped.json?["data"]?["public_key"] == key)
        let regenerated = try s.call("POST", "/api/clients/\(Self.a)/regenerate_key_pair")
        #expect(regenerated.status == 200 && regenerated.json?["data"]?["public_key"] != key)
        #expect(
            try s.call("POST", "/api/clients/\(Self.a)/regenerate_did").json?["data"]?["did"]?.stringValue?.hasPrefix("did:key:") == true)
    }

    @Test("§7a an expired token is refused with 401")
    func tokenExpiry() throws {
        let clock = SandboxClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        let s = try BorutaSandbox(clock: clock)
        defer { s.stop() }
        #expect(try s.call("GET", "/api/clients").status == 200)
        clock.advance(by: 86401)
        #expect(try s.call("GET", "/api/clients").status == 401)
    }
}
