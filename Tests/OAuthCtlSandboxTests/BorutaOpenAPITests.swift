import Foundation
import Testing

@testable import OAuthCtlSandbox

/// Client endpoint responses checked against `Resources/boruta-admin-openapi.json` (a copy of
/// `shared/specs/boruta-admin-openapi.json`). Where boruta.md §9 says the spec is wrong, boruta.md wins:
/// `public_client_id`, `name` and the `identity_provider` of an unlinked client are `null` on reads;
/// `NotFound`'s code is `NOT_FOUND`; 422 bodies carry `code` and `message` besides `errors`.
@Suite("Boruta OpenAPI conformance of the client endpoints")
struct BorutaOpenAPITests {
    static let specPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Resources/boruta-admin-openapi.json"
    ).path

    static func validator() throws -> SchemaValidator {
        var validator = try SchemaValidator(specPath: specPath)
        validator.knownNullable = ["Client.public_client_id", "Client.name", "Client.id"]
        return validator
    }

    /// The `data` of a 2xx body, validated against `Client`.
    static func problems(_ response: TestClient.Response, _ validator: SchemaValidator) -> [String] {
        guard let data = response.json?["data"] else { return ["no data"] }
        return validator.validate(data, schemaNamed: "Client")
    }

    static let rich =
        #""name":"R","secret":"s","confidential":true,"redirect_uris":["https://a/cb"],"pkce":true,"access_token_ttl":3600,"authorized_scopes":[{"name":"openid"}],"supported_grant_types":["authorization_code","refresh_token"],"userinfo_signed_response_alg":"RS256","jwt_public_key":"-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----\n","trusted_hosts":["a.example"],"logo_uri":"https://a/l.png""#

    @Test("create, show, list, PUT, PATCH, regenerate_key_pair and regenerate_did return {data: Client}")
    func clientResponses() throws {
        let validator = try Self.validator()
        let s = try BorutaSandbox()
        defer { s.stop() }
        let id = "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"
        var responses: [(String, TestClient.Response)] = []
        responses.append(("POST minimal", try s.create("3f4a5b6c-7d8e-4f90-8b1c-2d3e4f5a6b7c")))
        responses.append(("POST rich", try s.create(id, Self.rich)))
        responses.append(("GET", try s.call("GET", "/api/clients/\(id)")))
        responses.append(("PUT", try s.call("PUT", "/api/clients/\(id)", #"{"client":{"name":"P","authorized_scopes":[]}}"#)))
        responses.append(("PATCH", try s.call("PATCH", "/api/clients/\(id)", #"{"client":{"pkce":false}}"#)))
        responses.append(("regenerate_key_pair", try s.call("POST", "/api/clients/\(id)/regenerate_key_pair")))
        responses.append(("regenerate_did", try s.call("POST", "/api/clients/\(id)/regenerate_did")))
        for (name, response) in responses {
            #expect((200...201).contains(response.status), "\(name)")
            #expect(Self.problems(response, validator).isEmpty, "\(name): \(Self.problems(response, validator))")
        }
        let list = try s.call("GET", "/api/clients")
        let items = try #require(list.json?["data"]?.arrayValue)
        #expect(items.count == 5)
        for item in items {
            #expect(validator.validate(item, schemaNamed: "Client").isEmpty, "\(validator.validate(item, schemaNamed: "Client"))")
        }
        // The spec declares every key the view renders except the two added after it (§9).
        let specKeys = Set(validator.schemas["Client"]?["properties"]?.objectValue?.map(\.0) ?? [])
        #expect(Set(BorutaClient.viewKeys).subtracting(specKeys) == ["trusted_authorities", "trusted_hosts"])
        #expect(specKeys.subtracting(BorutaClient.viewKeys).isEmpty)
    }

    @Test("error bodies conform to Unauthorized, Forbidden, NotFound and ValidationError")
    func errors() throws {
        let validator = try Self.validator()
        let s = try BorutaSandbox()
        defer { s.stop() }
        let cases: [(String, TestClient.Response, Int)] = [
            ("Unauthorized", try s.call("GET", "/api/clients", token: "bogus"), 401),
            ("Forbidden", try s.call("DELETE", "/api/clients/\(BorutaAPI.adminUIClientID)"), 403),
            ("NotFound", try s.call("GET", "/api/clients/4a5b6c7d-8e9f-4a01-8c2d-3e4f5a6b7c8d"), 404),
            ("ValidationError", try s.call("POST", "/api/clients", #"{"client":{}}"#), 422),
        ]
        for (schema, response, status) in cases {
            #expect(response.status == status, "\(schema)")
            #expect(validator.validate(response.json ?? .null, schemaNamed: schema).isEmpty, "\(schema)")
        }
    }
}
