import OAuthCtlCore
import OAuthCtlProviders
import Testing

/// Layer 1 properties of canonicalization and planning over every field of the Hydra schema.
@Suite("Plan properties")
struct PlanPropertyTests {
    static let schema = HydraSchema.hydra.clientSchema
    static let canonicalizer = Canonicalizer(schema: schema)

    /// What Hydra's GET returns for a client created with nothing but an id (hydra.md §1 "Exact shapes").
    static let emptyLive: [String: JSONValue] = {
        var client: [String: JSONValue] = [
            "client_id": "x", "client_name": "", "redirect_uris": [], "grant_types": [], "response_types": [],
            "scope": "offline_access offline openid", "audience": [], "owner": "", "policy_uri": "", "allowed_cors_origins": [],
            "tos_uri": "", "client_uri": "", "logo_uri": "", "contacts": [], "client_secret_expires_at": 0, "subject_type": "public",
            "jwks": [:], "token_endpoint_auth_method": "client_secret_basic", "userinfo_signed_response_alg": "none",
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z", "metadata": [:], "skip_consent": false,
            "skip_logout_consent": nil,
        ]
        for field in schema.fields where field.kind == .duration { client[field.name] = nil }
        return client
    }()

    @Test("an empty manifest equals what Hydra returns for it, field by field")
    func emptyClientRoundTrip() {
        let desired = Self.canonicalizer.canonicalize(["client_id": "x"])
        let live = Self.canonicalizer.canonicalize(Self.emptyLive)
        for field in Self.schema.fields where field.isComparable {
            #expect(
                desired[field.name] == live[field.name],
                "\(field.name): \(String(describing: desired[field.name])) vs \(String(describing: live[field.name]))")
        }
    }

    @Test("canonicalization is idempotent, defaults included")
    func idempotent() {
        for client in [
            ["client_id": "x"], Self.emptyLive,
            [
                "scope": "b a  a", "allowed_cors_origins": ["HTTPS://A.example.com/"],
                "authorization_code_grant_access_token_lifespan": "90m",
            ],
        ] as [[String: JSONValue]] {
            let once = Self.canonicalizer.canonicalize(client)
            #expect(Self.canonicalizer.canonicalize(once) == once)
        }
    }

    @Test("read-only and sensitive fields never produce a change")
    func readOnlyNeverChanges() {
        var live = Self.emptyLive
        live["created_at"] = "2030-01-01T00:00:00Z"
        live["client_secret_expires_at"] = 99
        live["registration_access_token"] = "t"
        let changes = Differ(schema: Self.schema).diff(
            desired: Self.canonicalizer.canonicalClient(["client_id": "x", "client_secret": "s"]),
            live: Self.canonicalizer.canonicalClient(live))
        #expect(changes.isEmpty)
    }

    @Test("a field missing from the manifest resets to the schema default")
    func missingResets() {
        var live = Self.emptyLive
        live["contacts"] = ["a@example.com"]
        live["scope"] = "openid"
        let changes = Differ(schema: Self.schema).diff(
            desired: Self.canonicalizer.canonicalClient(["client_id": "x"]), live: Self.canonicalizer.canonicalClient(live))
        #expect(changes.map(\.path) == ["contacts", "scope"])
        #expect(changes.last?.after == "offline offline_access openid")
    }

    @Test("a plan's order is deterministic: creates, updates, replaces, deletes, no-ops; by address")
    func ordering() {
        func action(_ kind: Action, _ name: String) -> PlannedAction {
            PlannedAction(
                address: ClientAddress(provider: "p", name: name), providerType: "hydra", action: kind, id: name, reason: .matches)
        }
        let actions = [
            action(.noOp, "a"), action(.delete, "b"), action(.create, "z"), action(.update, "c"), action(.create, "d"),
            action(.replace, "e"),
        ]
        let expected = ["d", "z", "c", "e", "b", "a"]
        #expect(Plan(actions: actions).actions.map(\.address.name) == expected)
        #expect(Plan(actions: actions.reversed()).actions.map(\.address.name) == expected)
    }
}
