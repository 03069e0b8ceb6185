import Foundation
import Testing

@testable import OAuthCtlSandbox

@Suite("Hydra PUT, PATCH, DELETE (hydra.md §2.4–§2.8)")
struct HydraUpdateTests {
    @Test("PUT is a full replace: omitted fields reset, defaults re-applied, secret kept, created_at unchanged")
    func putOmission() throws {
        let clock = SandboxClock(start: Date(timeIntervalSince1970: 1_700_000_000))
        var options = SandboxOptions()
        options.clock = clock
        let sandbox = try Sandbox(options)
        defer { sandbox.stop() }
        let created = Sandbox.object(
            try sandbox.call(
                "POST", "/admin/clients",
                """
                {"client_id":"p","client_name":"Old","token_endpoint_auth_method":"none","grant_types":["client_credentials"],
                 "scope":"a b","metadata":{"k":"v"},"skip_logout_consent":true,"contacts":["x@example.com"],
                 "authorization_code_grant_access_token_lifespan":"1h"}
                """))
        let before = Sandbox.object(try sandbox.call("GET", "/admin/clients/p"))
        clock.advance(by: 120)
        let put = try sandbox.call("PUT", "/admin/clients/p", #"{"client_id":"ignored","client_name":"New"}"#)
        #expect(put.status == 200)
        let echo = Sandbox.object(put)
        #expect(echo["client_id"] == .string("p"))
        #expect(echo["grant_types"] == .null)
        #expect(echo["client_secret"] == nil)
        let after = Sandbox.object(try sandbox.call("GET", "/admin/clients/p"))
        #expect(after["client_name"] == .string("New"))
        #expect(after["token_endpoint_auth_method"] == .string("client_secret_basic"))  // a `none` client becomes confidential
        #expect(after["grant_types"] == .array([]))
        #expect(after["contacts"] == .array([]))
        #expect(after["scope"] == .string("offline_access offline openid"))
        #expect(after["metadata"] == .object([]))
        #expect(after["skip_logout_consent"] == .null)
        #expect(after["authorization_code_grant_access_token_lifespan"] == .null)
        #expect(after["created_at"] == before["created_at"])
        #expect(after["updated_at"] != before["updated_at"])
        #expect(created["created_at"] == before["created_at"])
    }

    @Test("PUT with a new secret echoes it; without one the stored secret survives (PATCH sees the same hash)")
    func putSecret() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        try sandbox.call("POST", "/admin/clients", #"{"client_id":"s","client_secret":"first-secret"}"#)
        #expect(Sandbox.object(try sandbox.call("PUT", "/admin/clients/s", #"{"client_secret":""}"#))["client_secret"] == nil)
        #expect(
            Sandbox.object(try sandbox.call("PUT", "/admin/clients/s", #"{"client_secret":"second-secret"}"#))["client_secret"]
                == .string("second-secret"))
        #expect(try sandbox.call("PUT", "/admin/clients/s", #"{"client_secret":"short"}"#).status == 400)
    }

    @Test("PUT and PATCH of a missing client are 404 with Hydra's body; DELETE is 204 then 404")
    func notFound() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let body = #"{"error":"Unable to locate the resource","error_description":""}"# + "\n"
        #expect(try sandbox.call("GET", "/admin/clients/foo").text == body)
        #expect(try sandbox.call("PUT", "/admin/clients/foo", "{}").status == 404)
        #expect(try sandbox.call("PATCH", "/admin/clients/foo", "[]").status == 404)
        try sandbox.call("POST", "/admin/clients", #"{"client_id":"a b/c"}"#)
        let deleted = try sandbox.call("DELETE", "/admin/clients/a%20b%2Fc")
        #expect(deleted.status == 204 && deleted.body.isEmpty)
        let again = try sandbox.call("DELETE", "/admin/clients/a%20b%2Fc")
        #expect(again.status == 404 && again.text == body)
    }

    @Test("PATCH add/replace/remove; replace of a missing key adds it; remove of an absent key is 500")
    func patch() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        try sandbox.call("POST", "/admin/clients", #"{"client_id":"x","redirect_uris":["https://a/cb"],"client_secret":"keep-me-please"}"#)
        let ok = try sandbox.call(
            "PATCH", "/admin/clients/x",
            """
            [{"op":"replace","path":"/client_name","value":"Patched"},{"op":"add","path":"/redirect_uris/-","value":"https://b/cb"},
             {"op":"replace","path":"/jwks_uri","value":"https://keys"},{"op":"add","path":"/metadata/team","value":"t"},
             {"op":"remove","path":"/contacts"}]
            """)
        #expect(ok.status == 200)
        #expect(Sandbox.object(ok)["client_secret"] == nil)  // the secret is untouched and not echoed
        let got = Sandbox.object(try sandbox.call("GET", "/admin/clients/x"))
        #expect(got["client_name"] == .string("Patched"))
        #expect(got["redirect_uris"] == .array([.string("https://a/cb"), .string("https://b/cb")]))
        #expect(got["jwks_uri"] == .string("https://keys"))
        #expect(got["metadata"] == .object([("team", .string("t"))]))
        #expect(got["contacts"] == .array([]))
        let unrecognizable = #"{"error":"error","error_description":"The error is unrecognizable"}"# + "\n"
        for bad in [
            #"[{"op":"remove","path":"/sector_identifier_uri"}]"#, #"[{"op":"move","from":"/a","path":"/b"}]"#,
            #"[{"op":"test","path":"/client_name","value":"x"}]"#, #"{"op":"add"}"#, "not json",
            #"[{"op":"add","path":"/id","value":"y"}]"#,
        ] {
            let response = try sandbox.call("PATCH", "/admin/clients/x", bad)
            #expect(response.status == 500, "\(bad)")
            #expect(response.text == unrecognizable)
        }
        let newSecret = Sandbox.object(
            try sandbox.call("PATCH", "/admin/clients/x", #"[{"op":"replace","path":"/client_secret","value":"brand-new-secret"}]"#))
        #expect(newSecret["client_secret"] == .string("brand-new-secret"))
        let invalid = try sandbox.call(
            "PATCH", "/admin/clients/x", #"[{"op":"replace","path":"/redirect_uris","value":["https://a/#frag"]}]"#)
        #expect(invalid.status == 400)
    }

    @Test("PUT lifespans replaces all 13 lifespans; secret rotation returns a new secret")
    func lifespansAndRotation() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        try sandbox.call("POST", "/admin/clients", #"{"client_id":"l","implicit_grant_id_token_lifespan":"5m"}"#)
        let response = try sandbox.call("PUT", "/admin/clients/l/lifespans", #"{"authorization_code_grant_access_token_lifespan":"31h"}"#)
        #expect(response.status == 200)
        let got = Sandbox.object(try sandbox.call("GET", "/admin/clients/l"))
        #expect(got["authorization_code_grant_access_token_lifespan"] == .string("31h0m0s"))
        #expect(got["implicit_grant_id_token_lifespan"] == .null)
        let rotated = Sandbox.object(try sandbox.call("POST", "/admin/clients/l/secrets/rotate"))
        #expect(rotated["client_secret"]?.stringValue?.count == 26)
        #expect(try sandbox.call("DELETE", "/admin/clients/l/secrets/rotate").status == 200)
    }
}
