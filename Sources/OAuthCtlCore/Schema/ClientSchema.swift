/// A provider type's client, as data: its fields, identity and where ownership can be marked.
public struct ClientSchema: Sendable {
    /// Where this repository's ownership marker lives on a client, if anywhere that reads back.
    public enum OwnershipPlacement: Sendable, Hashable {
        /// A reserved key inside a JSON object field (Hydra: `metadata.oauthctl`).
        case jsonKey(field: String, key: String)
        /// A string field of its own (Glewlwyd: a declared client property).
        case field(String)
        /// No place reads back: `--prune` deletes nothing (tombstones still work).
        case unavailable(reason: String)
    }

    /// The provider type, e.g. `hydra`.
    public var providerType: String
    /// The field that identifies a client on the server (e.g. `client_id`).
    public var idField: String
    /// True when the server generates the id if none is given.
    public var serverGeneratesID: Bool
    /// Set when a manifest can't choose the id (the server always generates it): the field whose exact
    /// value matches a manifest client to a live one when no ownership marker does (e.g. `name`).
    public var matchField: String?
    public var fields: [FieldSchema]
    public var ownership: OwnershipPlacement
    /// The field that holds the client secret, if the provider has one.
    public var secretField: String?
    /// Lint rules that apply to this provider's clients.
    public var lintRules: [any LintRule]
    /// When `field` has one of `values`, the client uses no secret, so none is sent or generated
    /// (e.g. Hydra's `token_endpoint_auth_method: none`).
    public var secretUnused: (field: String, values: [String])?

    public init(
        providerType: String, idField: String, serverGeneratesID: Bool, fields: [FieldSchema],
        ownership: OwnershipPlacement, secretField: String?, lintRules: [any LintRule] = [],
        secretUnused: (field: String, values: [String])? = nil, matchField: String? = nil
    ) {
        self.secretUnused = secretUnused
        self.matchField = matchField
        self.providerType = providerType
        self.idField = idField
        self.serverGeneratesID = serverGeneratesID
        self.fields = fields
        self.ownership = ownership
        self.secretField = secretField
        self.lintRules = lintRules
        self.index = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private let index: [String: FieldSchema]

    /// The field named `name`, if the schema has it.
    public func field(_ name: String) -> FieldSchema? { index[name] }

    /// True when a client with these (canonical) fields authenticates with a secret.
    public func usesSecret(_ client: [String: JSONValue]) -> Bool {
        guard secretField != nil else { return false }
        guard let rule = secretUnused, let value = client[rule.field]?.stringValue else { return true }
        return !rule.values.contains(value)
    }

    /// Names a manifest may set (everything but read-only fields).
    public var writableFieldNames: [String] { fields.filter { !$0.readOnly }.map(\.name) }
}
