import OAuthCtlCore
import Testing

/// `PlanDocument`: redaction, the DESIGN §5 keys, and the saved-plan round trip that `apply --plan` relies on.
@Suite("PlanDocument")
struct RenderPlanDocumentTests {
    static let provider = ProviderManifest(
        name: "prod", type: "hydra", settings: ["url": "https://admin:hunter2@hydra.internal"],
        auth: ["bearer_token": .secret(.env("HYDRA_TOKEN"))], managedBy: "platform",
        location: SourceLocation(file: "p.yaml", line: 1, column: 1))

    /// A plan that uses every field of `PlannedAction`.
    static var plan: Plan {
        let address = ClientAddress(provider: "prod", name: "web")
        var replace = PlannedAction(
            address: address, providerType: "hydra", action: .replace, id: "web-v2", reason: .immutableFieldChanged,
            changes: [
                FieldChange(path: "client_id", before: "web", after: "web-v2", forcesReplacement: true),
                FieldChange(path: "client_secret", before: FieldChange.sensitiveValue, after: FieldChange.sensitiveValue, sensitive: true),
            ],
            before: ["client_id": "web", "metadata": ["team": "a"]], after: ["client_id": "web-v2", "metadata": ["team": "a"]])
        replace.replacedID = "web"
        replace.secrets = ["client_secret": .env("WEB_SECRET")]
        replace.ignoreFields = ["contacts", "metadata.team"]
        replace.marker = OwnershipMarker(managedBy: "platform", address: "prod/web", fingerprints: ["client_secret": "fp-NEW"])
        replace.liveMarker = OwnershipMarker(managedBy: "platform", address: "prod/web", fingerprints: ["client_secret": "fp-OLD"])
        replace.liveDigest = "sha256:abc"
        var create = PlannedAction(
            address: ClientAddress(provider: "prod", name: "batch"), providerType: "hydra", action: .create, id: "batch",
            reason: .notOnServer, changes: [FieldChange(path: "client_id", before: .null, after: "batch")], after: ["client_id": "batch"])
        create.receivesGeneratedSecret = true
        create.secrets = ["jwks_secret": .file("/etc/secret")]
        let delete = PlannedAction(
            address: ClientAddress(provider: "prod", name: "old"), providerType: "hydra", action: .delete, id: "old",
            reason: .notInManifests, before: ["client_id": "old"])
        return Plan(
            actions: [delete, replace, create],
            untouched: [
                .init(provider: "prod", id: "theirs", kind: .managedElsewhere, owner: "team-b"),
                .init(provider: "prod", id: "hand", kind: .unmanaged),
            ],
            notes: ["a note"])
    }

    @Test("the JSON has DESIGN §5's keys and the documented extensions")
    func keys() throws {
        let json = PlanDocument(plan: Self.plan, toolVersion: "1.2.3", providers: [Self.provider]).json
        #expect(json.objectValue?.keys.sorted() == ["actions", "format_version", "notes", "providers", "summary", "tool", "untouched"])
        #expect(json["format_version"] == "1")
        #expect(json["tool"] == ["name": "oauthctl", "version": "1.2.3"])
        #expect(json["summary"] == ["create": 1, "update": 0, "replace": 1, "delete": 1, "no_op": 0])
        #expect(json["providers"] == [["name": "prod", "type": "hydra", "managed_by": "platform"]])
        let actions = try #require(json["actions"]?.arrayValue)
        #expect(actions.map { $0["action"] } == ["create", "replace", "delete"])
        let replace = actions[1]
        #expect(
            replace.objectValue?.keys.sorted() == [
                "action", "address", "after", "before", "changes", "id", "ignore_fields", "live_digest", "marker", "provider",
                "reason", "receives_generated_secret", "replaced_id", "secrets", "type",
            ])
        #expect(replace["marker"] == ["managed_by": "platform", "address": "prod/web"])
        #expect(replace["secrets"] == ["client_secret": ["from_env": "WEB_SECRET"]])
        #expect(replace["after"]?["client_secret"] == ["sensitive": true])
        #expect(
            replace["changes"]?.arrayValue?.first == ["path": "client_id", "before": "web", "after": "web-v2", "forces_replacement": true])
        #expect(actions[0]["replaced_id"] == nil && actions[0]["live_digest"] == nil)
        #expect(
            json["untouched"] == [
                ["provider": "prod", "id": "hand", "kind": "unmanaged"],
                ["provider": "prod", "id": "theirs", "kind": "managed_elsewhere", "owner": "team-b"],
            ])
    }

    @Test("no provider URL, auth, or fingerprint reaches the document")
    func noCredentials() {
        let text = JSONRenderer().render(PlanDocument(plan: Self.plan, toolVersion: "1", providers: [Self.provider]))
        for secret in ["hunter2", "hydra.internal", "HYDRA_TOKEN", "fp-NEW", "fp-OLD", "fingerprints"] {
            #expect(!text.contains(secret), "\(secret) leaked")
        }
    }

    @Test("a saved plan restores every field apply needs")
    func roundTrip() throws {
        let original = Self.plan
        let document = PlanDocument(plan: original, toolVersion: "1.2.3", providers: [Self.provider])
        let parsed = try JSONParser.parse(JSONRenderer().render(document))
        let (plan, metadata) = try PlanDocument.decode(parsed)
        let expected = original.actions.map { action in
            var copy = action
            copy.liveMarker = nil
            copy.marker = action.marker.map { OwnershipMarker(managedBy: $0.managedBy, address: $0.address) }
            return copy
        }
        #expect(plan.actions == expected)
        #expect(plan.untouched == original.untouched)
        #expect(plan.notes == original.notes)
        #expect(
            metadata
                == PlanDocument.Metadata(
                    formatVersion: "1", toolName: "oauthctl", toolVersion: "1.2.3",
                    providers: [.init(name: "prod", type: "hydra", managedBy: "platform")]))
        #expect(try PlanDocument.document(from: parsed) == document)
    }

    @Test(
        "decode errors name the JSON path",
        arguments: [
            (
                #"{"format_version":"2"}"#,
                "saved plan: format_version: this plan has format_version '2'; this oauthctl reads format_version '1' (make the plan again with this version)"
            ),
            (#"{"format_version":"1","tool":{"name":"terraform","version":"1"}}"#, "saved plan: tool.name: not an oauthctl plan"),
            (
                #"{"format_version":"1","tool":{"name":"oauthctl","version":"1"},"providers":[],"untouched":[],"notes":[],"actions":[{"address":"a/b","action":"explode"}]}"#,
                "saved plan: actions[0].action: unknown action 'explode'"
            ),
            (
                #"{"format_version":"1","tool":{"name":"oauthctl","version":"1"},"providers":[],"untouched":[],"notes":[],"actions":[{"address":"nope"}]}"#,
                "saved plan: actions[0].address: 'nope' is not provider/name"
            ),
            (
                #"{"format_version":"1","tool":{"name":"oauthctl","version":"1"},"providers":{},"untouched":[],"notes":[],"actions":[]}"#,
                "saved plan: providers: expected a list, found a mapping"
            ),
        ])
    func decodeErrors(_ text: String, _ message: String) throws {
        let json = try JSONParser.parse(text)
        #expect(throws: PlanDocument.DecodeError.self) { try PlanDocument.decode(json) }
        do {
            _ = try PlanDocument.decode(json)
        } catch {
            #expect(error.description == message)
        }
    }
}
