import OAuthCtlCore
import OAuthCtlProviders
import Testing

/// Layer 6 for renderers: secrets referenced from variables holding a canary never appear in any format.
@Suite("Renderers never print a secret")
struct RenderNoSecretTests {
    static let canary = "OAUTHCTL-SENTINEL-7f3a9c1e-canary"

    static let manifests = """
        apiVersion: oauthctl/v1
        kind: Provider
        metadata: {name: prod}
        spec:
          type: hydra
          url: http://127.0.0.1:4445
          auth:
            bearer_token: {from_env: HYDRA_TOKEN}
        ---
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata: {name: created}
        spec:
          client_name: Created
          client_secret: {from_env: CANARY_CREATED}
        ---
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata: {name: rotated}
        spec:
          client_name: Rotated
          client_secret: {from_env: CANARY_ROTATED}
        """

    /// Renders the plan of `manifests` against one live client whose secret changed.
    static func renderings() throws -> [String: String] {
        let variables = ["CANARY_CREATED": canary, "CANARY_ROTATED": canary, "HYDRA_TOKEN": canary]
        let resolver = ManifestResolver(descriptors: ProviderRegistry.descriptors, variables: variables)
        let (set, diagnostics) = resolver.resolve([SourceFile(path: "m.yaml", bytes: Array(manifests.utf8))])
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let provider = try #require(set.providers.first)
        let live: [String: JSONValue] = [
            "client_id": "rotated", "client_name": "Rotated",
            "metadata": ["oauthctl": ["managed_by": "oauthctl", "address": "prod/rotated", "fingerprints": ["client_secret": "fp"]]],
        ]
        let state = Planner.ProviderState(provider: provider, schema: HydraSchema.hydra.clientSchema, live: [live])
        let (plan, planDiagnostics) = Planner(options: PlanOptions()).plan(set, states: [state]) { _, _, _, _ in .changed }
        #expect(planDiagnostics.isEmpty)
        let document = PlanDocument(plan: plan, toolVersion: "test", providers: set.providers)
        return [
            "text": TextRenderer().render(document), "json": JSONRenderer().render(document),
            "markdown": MarkdownRenderer().render(document),
        ]
    }

    @Test("no canary in text, JSON or Markdown")
    func noCanary() throws {
        for (format, text) in try Self.renderings() {
            #expect(!text.contains(Self.canary), "\(format) leaked the canary")
        }
    }

    @Test("the JSON shows secrets as {\"sensitive\":true} where they are written")
    func sensitiveMarkers() throws {
        let json = try JSONParser.parse(try #require(try Self.renderings()["json"]))
        let actions = try #require(json["actions"]?.arrayValue)
        #expect(actions.map { $0["action"] } == ["create", "update"])
        for action in actions {
            #expect(action["after"]?["client_secret"] == ["sensitive": true])
            let change = action["changes"]?.arrayValue?.first { $0["path"] == "client_secret" }
            #expect(change?["after"] == ["sensitive": true])
            #expect(action["secrets"]?["client_secret"]?["from_env"]?.stringValue?.hasPrefix("CANARY_") == true)
        }
        let compact = JSONEncoding.compact(json)
        #expect(compact.contains(#""client_secret":{"sensitive":true}"#))
    }

    @Test("a secret value wrongly placed in a plan is redacted before any renderer sees it")
    func redactsDefensively() {
        var action = PlannedAction(
            address: ClientAddress(provider: "prod", name: "x"), providerType: "hydra", action: .update, id: "x", reason: .fieldsDiffer,
            changes: [FieldChange(path: "client_secret", before: .string(Self.canary), after: .string(Self.canary))],
            before: ["client_id": "x"], after: ["client_id": "x", "client_secret": .string(Self.canary)])
        action.secrets = ["client_secret": .env("X")]
        let document = PlanDocument(plan: Plan(actions: [action]), toolVersion: "test", providers: [])
        for text in [TextRenderer().render(document), JSONRenderer().render(document), MarkdownRenderer().render(document)] {
            #expect(!text.contains(Self.canary))
        }
        #expect(document.entries.first?.changes.first?.after == FieldChange.sensitiveValue)
        #expect(document.entries.first?.changes.first?.sensitive == true)
    }
}
