import OAuthCtlCore
import Testing

@testable import OAuthCtlProviders

/// The Rightbrain schema as data, and the bodies its adapter writes (rightbrain.md §3, §5).
@Suite("Rightbrain schema and wire bodies")
struct RightbrainSchemaTests {
    static let schema = RightbrainSchema.clientSchema
    static let canonicalizer = Canonicalizer(schema: schema)

    /// What rightbrain.md §3 says GET returns for a client created with only a name (lists and optionals null).
    static let minimalLive: [String: JSONValue] = [
        "id": "0196aa23-5d34-c39e-04fb-d086545050bf", "name": "x", "client_id": "c", "project_id": "p",
        "created": "2025-01-01T00:00:00Z", "modified": "2025-01-01T00:00:00Z", "description": nil, "redirect_uris": nil,
        "grant_types": nil, "token_endpoint_auth_method": "client_secret_basic", "pkce_required": false,
        "pkce_challenge_method": nil, "client_secret": nil,
    ]

    @Test("a manifest with only a name equals what Rightbrain returns for it, field by field")
    func minimalRoundTrip() {
        let desired = Self.canonicalizer.canonicalClient(["name": "x"])
        let live = Self.canonicalizer.canonicalClient(Self.minimalLive)
        #expect(desired == live)
        #expect(Differ(schema: Self.schema).diff(desired: desired, live: live).isEmpty)
    }

    @Test("identity: server-generated id, matched by name; no ownership marker; grant_types immutable; secret read-only")
    func identity() {
        #expect(Self.schema.idField == "id")
        #expect(Self.schema.serverGeneratesID)
        #expect(Self.schema.matchField == "name")
        #expect(!Self.schema.ownership.isAvailable)
        #expect(Self.schema.field("grant_types")?.immutable == true)
        #expect(Self.schema.field("redirect_uris")?.kind == .stringList(ordered: true))
        #expect(Self.schema.field("client_secret").map { $0.readOnly && $0.sensitive } == true)
        for name in ["id", "client_id", "created", "modified", "project_id"] {
            #expect(Self.schema.field(name)?.readOnly == true, "\(name)")
        }
        #expect(!Self.schema.usesSecret(["token_endpoint_auth_method": "none"]))
        #expect(Self.schema.usesSecret(["token_endpoint_auth_method": "client_secret_basic"]))
    }

    @Test("a grant-type change forces replacement; a reordered set does not")
    func grantTypes() {
        var live = Self.minimalLive
        live["grant_types"] = ["refresh_token", "authorization_code"]
        live["redirect_uris"] = ["https://a/cb"]
        let differ = Differ(schema: Self.schema)
        let same = differ.diff(
            desired: Self.canonicalizer.canonicalClient([
                "name": "x", "grant_types": ["authorization_code", "refresh_token"], "redirect_uris": ["https://a/cb"],
            ]), live: Self.canonicalizer.canonicalClient(live))
        #expect(same.isEmpty)
        let changed = differ.diff(
            desired: Self.canonicalizer.canonicalClient([
                "name": "x", "grant_types": ["authorization_code"], "redirect_uris": ["https://a/cb"],
            ]), live: Self.canonicalizer.canonicalClient(live))
        #expect(changed.map(\.path) == ["grant_types"])
        #expect(changed.first?.forcesReplacement == true)
    }

    @Test("create sends set fields only; update sends every updatable field (null clears) but never grant_types or read-only fields")
    func wireBodies() {
        let desired = Self.canonicalizer.canonicalize(["name": "x", "grant_types": ["client_credentials"]])
        var body = desired
        body["id"] = "i"
        body["client_secret"] = "never"
        let create = RightbrainWire.createBody(body, schema: Self.schema)
        #expect(Set(create.keys) == ["name", "grant_types", "redirect_uris", "token_endpoint_auth_method", "pkce_required"])
        let update = RightbrainWire.updateBody(body, schema: Self.schema)
        #expect(
            Set(update.keys) == [
                "name", "description", "redirect_uris", "token_endpoint_auth_method", "pkce_required", "pkce_challenge_method",
            ])
        #expect(update["description"] == .null)
        #expect(update["pkce_challenge_method"] == .null)
    }

    @Test("every inferred endpoint is relative to the project and uses the internal id")
    func endpoints() {
        #expect(RightbrainEndpoints.update.method == .post)
        #expect(RightbrainEndpoints.update.path(id: "a/b") == "/oauth_client/a%2Fb")
        #expect(RightbrainEndpoints.delete.accepting == [404])
        #expect(RightbrainEndpoints.pageLimit == 100)
    }
}
