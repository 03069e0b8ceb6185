import Foundation
import OAuthCtlHTTP
import Testing

private let canary = "OAUTHCTL-SENTINEL-7f3a9c1e"

@Test(
    "credential headers are redacted and the rest kept",
    arguments: [
        ("Authorization", true), ("cookie", true), ("Set-Cookie", true), ("X-API-Key", true), ("X-Session-Token", true),
        ("X-Client-Secret", true), ("Proxy-Authorization", true), ("Content-Type", false), ("Accept", false),
        ("x-ratelimit-remaining", false), ("User-Agent", false),
    ])
func headerRedaction(name: String, sensitive: Bool) {
    let redacted = Redaction.headers([name: canary, "X-Request-Id": "r-1"])
    #expect(redacted[name] == (sensitive ? "(redacted)" : canary))
    #expect(redacted["X-Request-Id"] == "r-1")
}

@Test("sensitive keys are hidden at any depth, in objects and arrays")
func nestedJSON() throws {
    let body = """
        {"client_id":"billing-web","client_secret":"\(canary)","metadata":{"oauthctl":{"secret_hash":"\(canary)"},
        "team":"billing"},"jwks":{"keys":[{"d":"\(canary)"}]},"contacts":[{"password":"\(canary)","name":"ops"}],
        "redirect_uris":["https://billing.example.com/cb"],"skip_consent":true,"lifespan":3600}
        """
    let text = Redaction.jsonBody(Data(body.utf8), sensitiveKeys: ["client_secret", "secret_hash", "jwks", "Password"])
    #expect(!text.contains(canary))
    #expect(!text.contains("\n"))
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(parsed["client_secret"] as? String == "(sensitive)")
    #expect(parsed["jwks"] as? String == "(sensitive)")
    #expect(parsed["client_id"] as? String == "billing-web")
    #expect(parsed["skip_consent"] as? Bool == true)
    #expect(text.contains(#""redirect_uris":["https://billing.example.com/cb"]"#))
    #expect(text.contains(#""contacts":[{"name":"ops","password":"(sensitive)"}]"#))
    #expect(text.contains(#""metadata":{"oauthctl":{"secret_hash":"(sensitive)"},"team":"billing"}"#))
}

@Test("a body that is not JSON is shown only by its size")
func nonJSONBody() {
    let body = Data("client_secret=\(canary)&grant_type=client_credentials".utf8)
    #expect(Redaction.jsonBody(body, sensitiveKeys: ["client_secret"]) == "(\(body.count) bytes)")
    #expect(Redaction.jsonBody(Data(), sensitiveKeys: []) == "(0 bytes)")
}

@Test("sensitive values are collected from a request body and scrubbed from text")
func scrubbing() {
    let body = Data(#"{"client_secret":"\#(canary)","nested":{"token":{"value":"abc123456"}},"name":"x"}"#.utf8)
    let values = Redaction.sensitiveValues(in: body, sensitiveKeys: ["client_secret", "token"])
    #expect(Set(values) == [canary, "abc123456"])
    let text = Redaction.scrub("secret \(canary) is too short; token abc123456", values: values)
    #expect(text == "secret (sensitive) is too short; token (sensitive)")
}

@Test("a JSON object carried as a string (Glewlwyd's marker property) is redacted inside, and stays a string")
func jsonInsideString() throws {
    let marker = #"{\"managed_by\":\"examples\",\"fingerprints\":{\"client_secret\":\"\#(canary)\"}}"#
    let body = #"{"client_id":"a","oauthctl":"\#(marker)","name":"{not json"}"#
    let text = Redaction.jsonBody(Data(body.utf8), sensitiveKeys: ["fingerprints"])
    #expect(!text.contains(canary))
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let inner = try #require(parsed["oauthctl"] as? String)
    #expect(inner == #"{"fingerprints":"(sensitive)","managed_by":"examples"}"#)
    #expect(parsed["name"] as? String == "{not json")
}
