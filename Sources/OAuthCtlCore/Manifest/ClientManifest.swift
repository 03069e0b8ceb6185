/// A `kind: OAuth2Client` document after resolve: the desired client in the provider's own field names.
package struct ClientManifest: Sendable {
    /// `metadata.state`: `present` (default) or `absent` (a tombstone: delete it if it exists).
    package enum State: String, Sendable, Hashable {
        case present, absent
    }

    package var address: ClientAddress {
        get { fields.address }
        _modify { yield &fields.address }
    }
    /// The provider type of `address.provider`.
    package var providerType: String {
        get { fields.providerType }
        _modify { yield &fields.providerType }
    }
    /// Plain (non-secret) fields as written, interpolated and type-checked; not yet canonical.
    package var spec: [String: JSONValue] {
        get { fields.spec }
        _modify { yield &fields.spec }
    }
    /// Sensitive fields, as references only.
    package var secrets: [String: SecretReference] {
        get { fields.secrets }
        _modify { yield &fields.secrets }
    }
    /// `metadata.ignore_fields`: fields handed to someone else (never diffed, never written).
    package var ignoreFields: Set<String> {
        get { fields.ignoreFields }
        _modify { yield &fields.ignoreFields }
    }
    /// `metadata.accept_drift`: fields whose drift is known and accepted (field → reason). Only `drift`
    /// reads it, to keep nightly alerts meaningful; plan and apply still restore the manifest's value.
    package var acceptedDrift: [String: String] {
        get { fields.acceptedDrift }
        _modify { yield &fields.acceptedDrift }
    }
    package var state: State {
        get { fields.state }
        _modify { yield &fields.state }
    }
    /// Where the document starts.
    package var location: SourceLocation {
        get { fields.location }
        _modify { yield &fields.location }
    }
    /// Where the value of `metadata.name` was written (the client's address; duplicates are reported there).
    package var nameLocation: SourceLocation? {
        get { fields.nameLocation }
        _modify { yield &fields.nameLocation }
    }
    /// Where each field of `spec` was written (key position), for diagnostics and plans.
    package var fieldLocations: FieldLocations {
        get { fields.fieldLocations }
        _modify { yield &fields.fieldLocations }
    }

    /// The fields, shared between copies (`CopyOnWrite`): a manifest is copied often (per provider, per
    /// filter, into indexes).
    private struct Fields: Sendable {
        var address: ClientAddress
        var providerType: String
        var spec: [String: JSONValue]
        var secrets: [String: SecretReference]
        var ignoreFields: Set<String>
        var acceptedDrift: [String: String] = [:]
        var state: State
        var location: SourceLocation
        var nameLocation: SourceLocation? = nil
        var fieldLocations: FieldLocations
    }

    private var box: CopyOnWrite<Fields>
    /// Every field's way in.
    private var fields: Fields {
        get { box.fields }
        _modify { yield &box.fields }
    }

    package init(
        address: ClientAddress, providerType: String, spec: [String: JSONValue], secrets: [String: SecretReference],
        ignoreFields: Set<String>, state: State, location: SourceLocation, fieldLocations: FieldLocations
    ) {
        box = CopyOnWrite(
            Fields(
                address: address, providerType: providerType, spec: spec, secrets: secrets, ignoreFields: ignoreFields, state: state,
                location: location, fieldLocations: fieldLocations))
    }

    /// The client's id on the server: the schema's id field when given, else the manifest name.
    /// (For providers whose ids the server always generates, this is only the manifest's own key.)
    package func clientID(schema: ClientSchema) -> String {
        spec[schema.idField]?.stringValue ?? address.name
    }

    /// The value a provider with server-generated ids matches on (`matchField`, default the manifest name).
    package func matchValue(schema: ClientSchema) -> String? {
        guard let field = schema.matchField else { return nil }
        return spec[field]?.stringValue ?? address.name
    }
}
