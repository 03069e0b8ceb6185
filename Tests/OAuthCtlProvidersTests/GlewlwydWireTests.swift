import OAuthCtlCore
import Testing

@testable import OAuthCtlProviders

/// Glewlwyd's write bodies (pure): no nulls, and a full PUT that keeps what a replace would wipe.
@Suite("Glewlwyd wire")
struct GlewlwydWireTests {
    let schema = GlewlwydSchema.clientSchema

    @Test("nulls, empty jwks and read-only fields are left out of a write")
    func body() {
        let out = GlewlwydWire.body(
            ["client_id": "a", "jwks_uri": .null, "jwks": .null, "source": "database", "redirect_uri": []], schema: schema)
        #expect(out == ["client_id": "a", "redirect_uri": []])
    }

    @Test("a PUT keeps the live client_secret of a confidential client when the plan doesn't change it")
    func keepsSecret() {
        let live: [String: JSONValue] = [
            "client_id": "a", "client_secret": "live-secret", "confidential": true, "custom_prop": "x", "oauthctl": "{}",
            "source": "database",
        ]
        let out = GlewlwydWire.updateBody(["client_id": "a", "confidential": true, "name": "n"], live: live, schema: schema)
        #expect(out["client_secret"] == "live-secret")
        #expect(out["custom_prop"] == "x", "properties this schema doesn't know survive the full replace")
        #expect(out["oauthctl"] == nil, "the marker comes from the plan, never from live")
        #expect(out["source"] == nil)
    }

    @Test("a changed secret wins over the live one; a public client gets none")
    func secretRules() {
        let live: [String: JSONValue] = ["client_id": "a", "client_secret": "old", "confidential": true]
        #expect(
            GlewlwydWire.updateBody(["client_id": "a", "confidential": true, "client_secret": "new"], live: live, schema: schema)[
                "client_secret"] == "new")
        #expect(GlewlwydWire.updateBody(["client_id": "a", "confidential": false], live: live, schema: schema)["client_secret"] == nil)
    }

    @Test("ids fold for matching; a public client uses no secret")
    func schemaFacts() {
        #expect(schema.idKey("App1") == schema.idKey("aPP1"))
        #expect(!schema.usesSecret(["confidential": false]))
        #expect(schema.usesSecret(["confidential": true]))
        #expect(GlewlwydWire.randomSecret().count == 32)
    }
}
