import Foundation
import Testing

@testable import OAuthCtlSandbox

/// The Rightbrain emulation against `shared/reference/rightbrain.md`: paths (§2), fields (§3), pagination (§4),
/// update semantics (§5), secrets (§6), errors (§7).
@Suite("Rightbrain sandbox (rightbrain.md)")
struct RightbrainSandboxTests {
    static let org = "0195f3a0-0000-7000-8000-000000000001"
    static let project = "0195f3a0-0000-7000-8000-000000000002"
    static let base = "/api/v1/org/\(org)/project/\(project)/oauth_client"
    static let confidential = #"{"name":"worker","grant_types":["client_credentials"]}"#

    static func start(_ configure: (inout SandboxOptions) -> Void = { _ in }) throws -> Sandbox {
        var options = SandboxOptions(type: .rightbrain)
        configure(&options)
        return try Sandbox(options)
    }

    @Test("the base URL ends in /api/v1")
    func baseURL() throws {
        let sandbox = try Self.start()
        defer { sandbox.stop() }
        #expect(sandbox.server.baseURL?.absoluteString == "http://127.0.0.1:\(sandbox.port)/api/v1")
    }

    @Test("create returns every §3 field and the secret once; GET and list show client_secret null")
    func createAndRead() throws {
        let sandbox = try Self.start()
        defer { sandbox.stop() }
        let created = try sandbox.call(
            "POST", Self.base,
            #"{"name":"web","description":"d","redirect_uris":["https://a.example/cb"],"grant_types":["authorization_code","refresh_token"],"pkce_required":true,"pkce_challenge_method":"S256"}"#
        )
        #expect(created.status == 200)
        let object = Sandbox.object(created)
        #expect(
            object.keys == [
                "id", "name", "client_id", "project_id", "created", "modified", "description", "redirect_uris", "grant_types",
                "token_endpoint_auth_method", "pkce_required", "pkce_challenge_method", "client_secret",
            ])
        #expect(object["token_endpoint_auth_method"] == .string("client_secret_basic"))
        #expect(object["project_id"] == .string(Self.project))
        let secret = try #require(object["client_secret"]?.stringValue)
        #expect(secret.count == 40)
        let id = try #require(object["id"]?.stringValue)
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(Array(id)[14] == "7")
        #expect(object["client_id"] != object["id"])

        let got = Sandbox.object(try sandbox.call("GET", Self.base + "/" + id))
        #expect(got["client_secret"] == .null)
        #expect(got.removing("client_secret") == object.removing("client_secret"))
        let listed = Sandbox.object(try sandbox.call("GET", Self.base))
        #expect(listed["results"]?.arrayValue?.first?["client_secret"] == .null)

        let verify = try sandbox.call("POST", "/__sandbox/verify_secret", #"{"id":"\#(id)","client_secret":"\#(secret)"}"#)
        #expect(Sandbox.object(verify)["valid"] == .bool(true))
        let wrong = try sandbox.call("POST", "/api/v1/__sandbox/verify_secret", #"{"id":"\#(id)","client_secret":"nope"}"#)
        #expect(Sandbox.object(wrong)["valid"] == .bool(false))
    }

    @Test("a public client (token_endpoint_auth_method none) gets no secret; unset lists read back as null")
    func publicClient() throws {
        let sandbox = try Self.start()
        defer { sandbox.stop() }
        let object = Sandbox.object(
            try sandbox.call("POST", Self.base, #"{"name":"spa","token_endpoint_auth_method":"none","Description":"ignored"}"#))
        #expect(object["client_secret"] == .null)
        #expect(object["grant_types"] == .null)
        #expect(object["redirect_uris"] == .null)
        #expect(object["description"] == .null)
        #expect(object["pkce_required"] == .bool(false))
    }

    @Test("validation errors are one 422 with Pydantic-style detail items")
    func validation() throws {
        let sandbox = try Self.start()
        defer { sandbox.stop() }
        let bad = try sandbox.call(
            "POST", Self.base,
            #"{"grant_types":["password"],"redirect_uris":["http://example.com/cb#x"],"pkce_required":"yes","token_endpoint_auth_method":"private_key_jwt"}"#
        )
        #expect(bad.status == 422)
        let items = Sandbox.object(bad)["detail"]?.arrayValue ?? []
        let locations = items.compactMap {
            $0["loc"]?.arrayValue?.compactMap { $0.stringValue ?? ($0 == .number("0") ? "0" : nil) }.joined(separator: ".")
        }
        #expect(
            Set(locations) == [
                "body.name", "body.grant_types.0", "body.redirect_uris.0", "body.pkce_required", "body.token_endpoint_auth_method",
            ])
        #expect(items.first { $0["type"] == .string("missing") }?["msg"] == .string("Field required"))

        let http = try sandbox.call("POST", Self.base, #"{"name":"x","redirect_uris":["http://example.com/cb"]}"#)
        #expect(http.status == 422)
        #expect(http.text.contains("https"))
        #expect(try sandbox.call("POST", Self.base, #"{"name":"x","redirect_uris":["http://localhost:3000/cb"]}"#).status == 200)

        let needsRedirect = try sandbox.call("POST", Self.base, #"{"name":"x","grant_types":["implicit"]}"#)
        #expect(needsRedirect.status == 422)
        #expect(Sandbox.object(needsRedirect)["detail"]?.stringValue?.contains("redirect_uris") == true)

        #expect(try sandbox.call("POST", Self.base, "not json").status == 422)
        #expect(try sandbox.call("POST", Self.base, "[]").status == 422)
    }

    @Test("update is a partial POST: lists replace, omitted fields stay, null clears, grant types can't change")
    func update() throws {
        let sandbox = try Self.start()
        defer { sandbox.stop() }
        let created = Sandbox.object(
            try sandbox.call(
                "POST", Self.base,
                #"{"name":"web","description":"d","grant_types":["authorization_code"],"redirect_uris":["https://a.example/1","https://a.example/2"]}"#
            ))
        let id = try #require(created["id"]?.stringValue)
        let path = Self.base + "/" + id

        let renamed = try sandbox.call("POST", path, #"{"name":"web2","redirect_uris":["https://a.example/3"]}"#)
        #expect(renamed.status == 200)
        let object = Sandbox.object(renamed)
        #expect(object["name"] == .string("web2"))
        #expect(object["description"] == .string("d"))
        #expect(object["redirect_uris"] == .array([.string("https://a.example/3")]))
        #expect(object["client_secret"] == .null)
        #expect(object["client_id"] == created["client_id"])
        #expect(object["created"] == created["created"])

        #expect(Sandbox.object(try sandbox.call("POST", path, #"{"description":null}"#))["description"] == .null)
        #expect(try sandbox.call("POST", path, #"{"grant_types":["authorization_code"]}"#).status == 200)
        let changed = try sandbox.call("POST", path, #"{"grant_types":["authorization_code","refresh_token"]}"#)
        #expect(changed.status == 422)
        #expect(Sandbox.object(changed)["detail"] == .string("Grant types cannot be changed after creation"))
        #expect(try sandbox.call("POST", path, #"{"redirect_uris":[]}"#).status == 422)
        #expect(try sandbox.call("POST", path, #"{"name":""}"#).status == 422)
        #expect(try sandbox.call("POST", path, #"{"client_id":"mine","client_secret":"mine"}"#).status == 200)
        #expect(Sandbox.object(try sandbox.call("GET", path))["client_id"] == created["client_id"])
    }

    @Test("delete answers 204, then 404 with a detail; unknown ids are 404 and malformed ids 422")
    func delete() throws {
        let sandbox = try Self.start()
        defer { sandbox.stop() }
        let id = try #require(Sandbox.object(try sandbox.call("POST", Self.base, Self.confidential))["id"]?.stringValue)
        #expect(try sandbox.call("DELETE", Self.base + "/" + id).status == 204)
        let again = try sandbox.call("DELETE", Self.base + "/" + id)
        #expect(again.status == 404)
        #expect(Sandbox.object(again)["detail"] == .string("OAuth client not found"))
        #expect(try sandbox.call("GET", Self.base + "/" + id).status == 404)
        let malformed = try sandbox.call("GET", Self.base + "/not-a-uuid")
        #expect(malformed.status == 422)
        #expect(malformed.text.contains("oauth_client_id"))
        #expect(try sandbox.call("PUT", Self.base + "/" + id, "{}").status == 405)
        #expect(try sandbox.call("GET", "/api/v1/nothing").status == 404)
    }

    @Test("regenerate_secret returns a new secret once and invalidates the old one")
    func regenerate() throws {
        let sandbox = try Self.start()
        defer { sandbox.stop() }
        let created = Sandbox.object(try sandbox.call("POST", Self.base, Self.confidential))
        let id = try #require(created["id"]?.stringValue)
        let old = try #require(created["client_secret"]?.stringValue)
        let regenerated = Sandbox.object(try sandbox.call("POST", Self.base + "/" + id + "/regenerate_secret"))
        #expect(regenerated.keys == ["client_secret"])
        let new = try #require(regenerated["client_secret"]?.stringValue)
        #expect(new != old)
        #expect(
            Sandbox.object(try sandbox.call("POST", "/__sandbox/verify_secret", #"{"id":"\#(id)","client_secret":"\#(old)"}"#))["valid"]
                == .bool(false))
        #expect(
            Sandbox.object(try sandbox.call("POST", "/__sandbox/verify_secret", #"{"id":"\#(id)","client_secret":"\#(new)"}"#))["valid"]
                == .bool(true))
    }

    @Test("cursor pagination: page_limit 1…100 (default 100), has_next, next_cursor, id order, 250 clients in 3 pages")
    func pagination() throws {
        let sandbox = try Self.start { $0.seed = 250 }
        defer { sandbox.stop() }
        var cursor: String?
        var names: [String] = []
        var pages = 0
        repeat {
            let query = cursor.map { "?cursor=" + $0 } ?? ""
            let page = Sandbox.object(try sandbox.call("GET", Self.base + query))
            pages += 1
            #expect(page["pagination"]?["page_limit"] == .number("100"))
            names += (page["results"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            cursor = page["pagination"]?["has_next"] == .bool(true) ? page["pagination"]?["next_cursor"]?.stringValue : nil
            if cursor == nil { #expect(page["pagination"]?["next_cursor"] == .null) }
        } while cursor != nil && pages < 10
        #expect(pages == 3)
        #expect(names.count == 250)
        #expect(names == names.sorted())
        #expect(names.first == "sandbox-00001")

        let small = Sandbox.object(try sandbox.call("GET", Self.base + "?page_limit=7"))
        #expect(small["results"]?.arrayValue?.count == 7)
        for bad in ["0", "101", "x"] {
            let response = try sandbox.call("GET", Self.base + "?page_limit=" + bad)
            #expect(response.status == 422)
            #expect(response.text.contains("page_limit"))
        }
        #expect(try sandbox.call("GET", Self.base + "?cursor=bogus").status == 422)
    }

    @Test("each project has its own clients; org and project must be UUIDs")
    func projectsAreSeparate() throws {
        let sandbox = try Self.start()
        defer { sandbox.stop() }
        let other = "/api/v1/org/\(Self.org)/project/0195f3a0-0000-7000-8000-0000000000ff/oauth_client"
        let id = try #require(Sandbox.object(try sandbox.call("POST", Self.base, Self.confidential))["id"]?.stringValue)
        #expect(Sandbox.object(try sandbox.call("GET", other))["results"] == .array([]))
        #expect(try sandbox.call("GET", other + "/" + id).status == 404)
        #expect(try sandbox.call("DELETE", other + "/" + id).status == 404)
        let bad = try sandbox.call("GET", "/api/v1/org/acme/project/web/oauth_client")
        #expect(bad.status == 422)
        #expect(bad.text.contains("org_id") && bad.text.contains("project_id"))
    }

    @Test("with a token, a missing or wrong bearer is 401 {detail}; control calls need none")
    func bearerToken() throws {
        let sandbox = try Self.start { $0.token = "rb-token" }
        defer { sandbox.stop() }
        let missing = try sandbox.call("GET", Self.base)
        #expect(missing.status == 401)
        #expect(Sandbox.object(missing)["detail"] == .string("Not authenticated"))
        #expect(missing.header("www-authenticate") == "Bearer")
        #expect(try sandbox.call("GET", Self.base, headers: ["Authorization": "Bearer other"]).status == 401)
        #expect(try sandbox.call("GET", Self.base, headers: ["Authorization": "Bearer rb-token"]).status == 200)
        #expect(try sandbox.call("GET", "/__sandbox/requests").status == 200)
    }

    @Test("a fault rule answers 429 with Retry-After and a FastAPI detail; the request log redacts secrets")
    func faultsAndLog() throws {
        let sandbox = try Self.start()
        defer { sandbox.stop() }
        let rules = #"{"rules":[{"method":"POST","path_prefix":"/api/v1/org/","status":429,"retry_after":"3","times":1}]}"#
        #expect(try sandbox.call("POST", "/api/v1/__sandbox/faults", rules).status == 200)
        let limited = try sandbox.call("POST", Self.base, Self.confidential)
        #expect(limited.status == 429)
        #expect(limited.header("retry-after") == "3")
        #expect(Sandbox.object(limited)["detail"] == .string("Rate limit exceeded"))
        #expect(try sandbox.call("POST", Self.base, #"{"name":"x","client_secret":"canary-secret-123"}"#).status == 200)
        let log = try sandbox.call("GET", "/__sandbox/requests")
        #expect(!log.text.contains("canary-secret-123"))
        #expect(Sandbox.object(log).arrayValue?.compactMap { $0["status"] } == [.number("429"), .number("200")])
    }

    @Test("--state keeps clients (secret hashes only) across restarts")
    func stateFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rb-state-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var first = try Self.start { $0.stateFile = path }
        let created = Sandbox.object(try first.call("POST", Self.base, Self.confidential))
        let secret = try #require(created["client_secret"]?.stringValue)
        first.stop()
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!saved.contains(secret))
        first = try Self.start { $0.stateFile = path }
        defer { first.stop() }
        let id = try #require(created["id"]?.stringValue)
        #expect(Sandbox.object(try first.call("GET", Self.base + "/" + id)).removing("client_secret") == created.removing("client_secret"))
    }
}
