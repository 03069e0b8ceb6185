/// A `kind: OAuth2Client` document after resolve: the desired client in the provider's own field names.
package struct ClientManifest: Sendable {
    /// `metadata.state`: `present` (default) or `absent` (a tombstone: delete it if it exists).
    package enum State: String, Sendable, Hashable {
        case present, absent
    }

    package var address: ClientAddress
    /// The provider type of `address.provider`.
    package var providerType: String
    /// Plain (non-secret) fields as written, interpolated and type-checked; not yet canonical.
    package var spec: [String: JSONValue]
    /// Sensitive fields, as references only.
    package var secrets: [String: SecretReference]
    /// `metadata.ignore_fields`: fields handed to someone else (never diffed, never written).
    package var ignoreFields: Set<String>
    /// `metadata.accept_drift`: fields whose drift is known and accepted (field → reason). Only `drift`
    /// reads it, to keep nightly alerts meaningful; plan and apply still restore the manifest's value.
    package var acceptedDrift: [String: String] = [:]
    package var state: State
    /// Where the document starts.
    package var location: SourceLocation
    /// Where the value of `metadata.name` was written (the client's address; duplicates are reported there).
    package var nameLocation: SourceLocation?
    /// Where each field of `spec` was written (key position), for diagnostics and plans.
    package var fieldLocations: [String: SourceLocation]

    package init(
        address: ClientAddress, providerType: String, spec: [String: JSONValue], secrets: [String: SecretReference],
        ignoreFields: Set<String>, state: State, location: SourceLocation, fieldLocations: [String: SourceLocation]
    ) {
        self.address = address
        self.providerType = providerType
        self.spec = spec
        self.secrets = secrets
        self.ignoreFields = ignoreFields
        self.state = state
        self.location = location
        self.fieldLocations = fieldLocations
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
