import Foundation
import Testing

@testable import OAuthCtlSandbox

@Suite("Hydra create and read (hydra.md §1, §2.3)")
struct HydraCreateTests {
    static let expectedGET = """
        {"client_id":"c1","client_name":"","redirect_uris":["http://localhost:3000/cb"],"grant_types":[],"response_types":[],\
        "scope":"offline_access offline openid","audience":[],"owner":"","policy_uri":"","allowed_cors_origins":[],"tos_uri":"",\
        "client_uri":"","logo_uri":"","contacts":[],"client_secret_expires_at":0,"subject_type":"public","jwks":{},\
        "token_endpoint_auth_method":"client_secret_basic","userinfo_signed_response_alg":"none","metadata":{},\
        "skip_consent":false,"skip_logout_consent":null,"authorization_code_grant_access_token_lifespan":null,\
        "authorization_code_grant_id_token_lifespan":null,"authorization_code_grant_refresh_token_lifespan":null,\
        "client_credentials_grant_access_token_lifespan":null,"implicit_grant_access_token_lifespan":null,\
        "implicit_grant_id_token_lifespan":null,"jwt_bearer_grant_access_token_lifespan":null,\
        "refresh_token_grant_id_token_lifespan":null,"refresh_token_grant_access_token_lifespan":null,\
        "refresh_token_grant_refresh_token_lifespan":null,"device_authorization_grant_id_token_lifespan":null,\
        "device_authorization_grant_access_token_lifespan":null,"device_authorization_grant_refresh_token_lifespan":null}
        """

    @Test("a minimal create gets Hydra's defaults, and GET shows the exact normalized shape")
    func defaultsOnCreate() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let created = try sandbox.call("POST", "/admin/clients", #"{"client_id":"c1","redirect_uris":["http://localhost:3000/cb"]}"#)
        #expect(created.status == 201)
        #expect(created.header("location") == "/admin/clients/c1")
        #expect(created.header("content-type") == "application/json; charset=utf-8")
        let echo = Sandbox.object(created)
        // The write response echoes the decoded struct: omitted arrays are null.
        #expect(echo["grant_types"] == .null)
        #expect(echo["contacts"] == .null)
        #expect(echo["audience"] == .array([]))
        #expect(echo["allowed_cors_origins"] == .array([]))
        #expect(echo["registration_access_token"]?.stringValue?.isEmpty == false)
        #expect(echo["registration_client_uri"]?.stringValue?.hasSuffix("/oauth2/register/c1") == true)
        let secret = try #require(echo["client_secret"]?.stringValue)
        #expect(secret.count == 26)
        #expect(secret.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.~".contains($0)) })

        let read = try sandbox.call("GET", "/admin/clients/c1")
        #expect(read.status == 200)
        #expect(read.header("cache-control") == "private, no-cache, no-store, must-revalidate")
        let body = Sandbox.object(read)
        #expect(body.removing("created_at", "updated_at").text == Self.expectedGET)
        #expect(body["client_secret"] == nil)
        let createdAt = try #require(body["created_at"]?.stringValue)
        #expect(createdAt.hasSuffix("Z") && !createdAt.contains("."))
    }

    @Test("without client_id the server generates a UUIDv4; any string id is accepted")
    func generatedAndCustomIDs() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let id = try #require(Sandbox.object(try sandbox.call("POST", "/admin/clients", "{}"))["client_id"]?.stringValue)
        #expect(UUID(uuidString: id) != nil && id == id.lowercased())
        #expect(Array(id)[14] == "4")
        #expect(try sandbox.call("POST", "/clients", #"{"client_id":"not-a-uuid"}"#).status == 201)
        #expect(try sandbox.call("GET", "/admin/clients/not-a-uuid/").status == 200)
    }

    @Test("a duplicate id is 409 with Hydra's body")
    func duplicate() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        try sandbox.call("POST", "/admin/clients", #"{"client_id":"dup"}"#)
        let again = try sandbox.call("POST", "/admin/clients", #"{"client_id":"dup"}"#)
        #expect(again.status == 409)
        #expect(
            again.text
                == #"{"error":"Unable to insert or update resource because a resource with that value exists already","error_description":""}"#
                + "\n")
    }

    @Test("a public client's secret is not echoed; a given secret is echoed once and never read back")
    func secretEcho() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let publicClient = Sandbox.object(try sandbox.call("POST", "/admin/clients", #"{"token_endpoint_auth_method":"none"}"#))
        #expect(publicClient["client_secret"] == nil)
        let given = Sandbox.object(try sandbox.call("POST", "/admin/clients", #"{"client_id":"s","client_secret":"averylongsecret"}"#))
        #expect(given["client_secret"] == .string("averylongsecret"))
        let list = try sandbox.call("GET", "/admin/clients")
        #expect(!list.text.contains(#""client_secret":"#))
    }

    @Test("server-controlled fields: created_at overwritten, client_secret_expires_at forced to 0")
    func serverControlled() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let echo = Sandbox.object(
            try sandbox.call(
                "POST", "/admin/clients",
                #"{"client_id":"t","created_at":"2000-01-01T00:00:00Z","client_secret_expires_at":99}"#))
        #expect(echo["created_at"] != .string("2000-01-01T00:00:00Z"))
        #expect(echo["client_secret_expires_at"] == .number("0"))
    }

    @Test("normalizations: lifespans as Go durations, CORS origins, access_token_strategy, HTML escaping, metadata kept")
    func normalizations() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let body = """
            {"client_id":"n","client_name":"A&B <c>","allowed_cors_origins":["HTTPS://Example.com/"],
             "access_token_strategy":"JWT","metadata":{"z":1,"a":[true,null]},
             "authorization_code_grant_access_token_lifespan":"90m","implicit_grant_id_token_lifespan":"1.5h",
             "refresh_token_grant_refresh_token_lifespan":"300ms","jwt_bearer_grant_access_token_lifespan":"0s",
             "client_credentials_grant_access_token_lifespan":"3600s","unknown_field":"ignored"}
            """
        #expect(try sandbox.call("POST", "/admin/clients", body).status == 201)
        let read = try sandbox.call("GET", "/admin/clients/n")
        #expect(read.text.contains(#""client_name":"A\u0026B \u003cc\u003e""#))
        let got = Sandbox.object(read)
        #expect(got["allowed_cors_origins"] == .array([.string("https://Example.com")]))
        #expect(got["access_token_strategy"] == .string("jwt"))
        #expect(got["metadata"]?.text == #"{"z":1,"a":[true,null]}"#)
        #expect(got["authorization_code_grant_access_token_lifespan"] == .string("1h30m0s"))
        #expect(got["implicit_grant_id_token_lifespan"] == .string("1h30m0s"))
        #expect(got["refresh_token_grant_refresh_token_lifespan"] == .string("300ms"))
        #expect(got["jwt_bearer_grant_access_token_lifespan"] == .string("0s"))
        #expect(got["client_credentials_grant_access_token_lifespan"] == .string("1h0m0s"))
        #expect(got["unknown_field"] == nil)
    }

    @Test("health endpoints answer ok")
    func health() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        #expect(try sandbox.call("GET", "/health/ready").text == #"{"status":"ok"}"# + "\n")
        #expect(try sandbox.call("GET", "/health/alive").status == 200)
    }
}
