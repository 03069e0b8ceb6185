/// A provider type's client, as data: its fields, identity and where ownership can be marked.
package struct ClientSchema: Sendable {
    /// Where this repository's ownership marker lives on a client, if anywhere that reads back.
    package enum OwnershipPlacement: Sendable, Hashable {
        /// A reserved key inside a JSON object field (Hydra: `metadata.oauthctl`).
        case jsonKey(field: String, key: String)
        /// A string field of its own (Glewlwyd: a declared client property).
        case field(String)
        /// No place reads back: `--prune` deletes nothing (tombstones still work).
        case unavailable(reason: String)
    }

    /// The provider type, e.g. `hydra`.
    package var providerType: String
    /// The field that identifies a client on the server (e.g. `client_id`).
    package var idField: String
    /// True when the server generates the id if none is given.
    package var serverGeneratesID: Bool
    /// Set when a manifest can't choose the id (the server always generates it): the field whose exact
    /// value matches a manifest client to a live one when no ownership marker does (e.g. `name`).
    package var matchField: String?
    /// For a provider whose ids the manifest sets but that has no ownership marker: the field that finds
    /// the live client a manifest client was before its id changed (exactly one live client that no
    /// manifest claims has the same value), so the change plans as a `replace` (e.g. Boruta's `name`).
    package var idChangeMatchField: String?
    package var fields: [FieldSchema] { didSet { derived = Derived(fields, ownership) } }
    /// (The live layout depends on the fields alone; it is kept, so clients listed in it stay in it.)
    package var ownership: OwnershipPlacement { didSet { derived = Derived(fields, ownership, liveLayout: derived.liveLayout) } }
    /// The field that holds the client secret, if the provider has one.
    package var secretField: String?
    /// Lint rules that apply to this provider's clients.
    package var lintRules: [any LintRule]
    /// When `field` has one of `values`, the client uses no secret, so none is sent or generated
    /// (e.g. Hydra's `token_endpoint_auth_method: none`).
    package var secretUnused: (field: String, values: [String])?
    /// True when the server compares client ids case-insensitively (Glewlwyd): a manifest's `App1`
    /// matches a live `app1`, and the live spelling is kept (the server can't rename).
    package var caseInsensitiveIDs: Bool

    package init(
        providerType: String, idField: String, serverGeneratesID: Bool, fields: [FieldSchema],
        ownership: OwnershipPlacement, secretField: String?, lintRules: [any LintRule] = [],
        secretUnused: (field: String, values: [String])? = nil, matchField: String? = nil,
        idChangeMatchField: String? = nil, caseInsensitiveIDs: Bool = false
    ) {
        self.caseInsensitiveIDs = caseInsensitiveIDs
        self.idChangeMatchField = idChangeMatchField
        self.secretUnused = secretUnused
        self.matchField = matchField
        self.providerType = providerType
        self.idField = idField
        self.serverGeneratesID = serverGeneratesID
        self.fields = fields
        self.ownership = ownership
        self.secretField = secretField
        self.lintRules = lintRules
        self.derived = Derived(fields, ownership)
    }

    /// What is worked out from `fields` once (and again whenever they change) instead of once per client.
    /// A class, so that a copy of the schema (one per canonicalizer, differ and planner) retains it once
    /// instead of each of its tables: copies are made on every core at once, and each retain is contended.
    private final class Derived: Sendable {
        /// The position in `canonicalRules` (and in a `CanonicalClient`) of the field that holds the
        /// ownership marker, as a key of its object or as the whole field; nil when no comparable one does.
        let markerIndex: Int?
        /// The comparable fields, in order, with their canonical defaults.
        let canonicalRules: [Canonicalizer.Rule]
        /// Each rule's canonical default (a client with no fields).
        let canonicalDefaults: [JSONValue]
        /// The keys of a live digest's material (canonical fields and the marker) in JSON's sorted order.
        let digestKeyOrder: [String]
        /// Write-only fields that are neither sensitive nor read-only, in schema order.
        let plainWriteOnlyFields: [String]
        let namedFields: NamedFieldsTemplate
        /// The fields whose user spelling is kept (see `UserForm`).
        let spellingFields: [FieldSchema]
        /// Where a listed client's fields go (`LiveClient`): the comparable fields first, at their rule's
        /// position, then every other field.
        let liveLayout: JSONRecordLayout
        /// Each field by its position in `liveLayout` (which holds every field), so a field is found by
        /// its name's bytes.
        let fieldsByPosition: [FieldSchema?]
        /// The names of the fields a manifest must set (read for every client, without copying a field).
        let requiredFieldNames: [String]

        init(_ fields: [FieldSchema], _ ownership: OwnershipPlacement, liveLayout: JSONRecordLayout? = nil) {
            let index = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let rules = fields.filter(\.isComparable).map(Canonicalizer.Rule.init)
            canonicalRules = rules
            canonicalDefaults = rules.map(\.canonicalDefault)
            plainWriteOnlyFields = fields.filter { $0.writeOnly && !$0.sensitive && !$0.readOnly }.map(\.name)
            digestKeyOrder = (fields.filter(\.isComparable).map(\.name) + [LiveDigest.markerKey]).sorted()
            let names = rules.map(\.name)
            markerIndex = ownership.markerField.flatMap { names.firstIndex(of: $0) }
            namedFields = NamedFieldsTemplate(names: names, leftOut: ownership.ownField)
            spellingFields = fields.filter(UserForm.keepsSpelling)
            let layout = liveLayout ?? JSONRecordLayout(keys: names + fields.filter { !$0.isComparable }.map(\.name))
            self.liveLayout = layout
            fieldsByPosition = layout.keys.map { index[$0] }
            requiredFieldNames = fields.filter(\.required).map(\.name)
        }
    }

    private var derived: Derived
    var canonicalRules: [Canonicalizer.Rule] { derived.canonicalRules }
    var canonicalDefaults: [JSONValue] { derived.canonicalDefaults }
    /// The position in a `CanonicalClient` of the field that holds the ownership marker, if comparable.
    var markerIndex: Int? { derived.markerIndex }
    var digestKeyOrder: [String] { derived.digestKeyOrder }
    var namedFields: NamedFieldsTemplate { derived.namedFields }
    var spellingFields: [FieldSchema] { derived.spellingFields }
    /// The layout a listing decodes this provider's clients into (`LiveClient`): the comparable fields
    /// first, each at its position in a `CanonicalClient`, then the others.
    package var liveLayout: JSONRecordLayout { derived.liveLayout }
    /// The names of the fields a manifest must set, in schema order.
    var requiredFieldNames: [String] { derived.requiredFieldNames }
    var plainWriteOnlyFields: [String] { derived.plainWriteOnlyFields }

    /// The field named `name`, if the schema has it.
    package func field(_ name: String) -> FieldSchema? {
        derived.liveLayout.position(of: name).flatMap { derived.fieldsByPosition[$0] }
    }

    /// True when a client with these (canonical) fields authenticates with a secret.
    package func usesSecret(_ client: [String: JSONValue]) -> Bool {
        guard secretField != nil else { return false }
        guard let rule = secretUnused, let value = client[rule.field].flatMap(Self.scalarText) else { return true }
        return !rule.values.contains(value)
    }

    /// A string, or a boolean's or integer's JSON text (`false`), for `secretUnused`.
    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        default: nil
        }
    }

    /// The key that identifies a client id for matching (folded when ids are case-insensitive).
    package func idKey(_ id: String) -> String { caseInsensitiveIDs ? id.lowercased() : id }

    /// Names a manifest may set (everything but read-only fields).
    package var writableFieldNames: [String] { fields.filter { !$0.readOnly }.map(\.name) }
}
