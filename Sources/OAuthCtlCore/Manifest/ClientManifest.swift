/// A `kind: OAuth2Client` document after resolve: the desired client in the provider's own field names.
package struct ClientManifest: Sendable {
    /// `metadata.state`: `present` (default) or `absent` (a tombstone: delete it if it exists).
    package enum State: String, Sendable, Hashable {
        case present, absent
    }

    package var address: ClientAddress {
        get { storage.address }
        _modify {
            unshare()
            yield &storage.address
        }
    }
    /// The provider type of `address.provider`.
    package var providerType: String {
        get { storage.providerType }
        _modify {
            unshare()
            yield &storage.providerType
        }
    }
    /// Plain (non-secret) fields as written, interpolated and type-checked; not yet canonical.
    package var spec: [String: JSONValue] {
        get { storage.spec }
        _modify {
            unshare()
            yield &storage.spec
        }
    }
    /// Sensitive fields, as references only.
    package var secrets: [String: SecretReference] {
        get { storage.secrets }
        _modify {
            unshare()
            yield &storage.secrets
        }
    }
    /// `metadata.ignore_fields`: fields handed to someone else (never diffed, never written).
    package var ignoreFields: Set<String> {
        get { storage.ignoreFields }
        _modify {
            unshare()
            yield &storage.ignoreFields
        }
    }
    /// `metadata.accept_drift`: fields whose drift is known and accepted (field → reason). Only `drift`
    /// reads it, to keep nightly alerts meaningful; plan and apply still restore the manifest's value.
    package var acceptedDrift: [String: String] {
        get { storage.acceptedDrift }
        _modify {
            unshare()
            yield &storage.acceptedDrift
        }
    }
    package var state: State {
        get { storage.state }
        _modify {
            unshare()
            yield &storage.state
        }
    }
    /// Where the document starts.
    package var location: SourceLocation {
        get { storage.location }
        _modify {
            unshare()
            yield &storage.location
        }
    }
    /// Where the value of `metadata.name` was written (the client's address; duplicates are reported there).
    package var nameLocation: SourceLocation? {
        get { storage.nameLocation }
        _modify {
            unshare()
            yield &storage.nameLocation
        }
    }
    /// Where each field of `spec` was written (key position), for diagnostics and plans.
    package var fieldLocations: [String: SourceLocation] {
        get { storage.fieldLocations }
        _modify {
            unshare()
            yield &storage.fieldLocations
        }
    }

    /// The fields, shared between copies until one is changed: a manifest is copied often (per provider,
    /// per filter, into indexes) and each copy of ten fields would otherwise retain every one of them.
    private var storage: Storage

    private final class Storage: @unchecked Sendable {
        var address: ClientAddress
        var providerType: String
        var spec: [String: JSONValue]
        var secrets: [String: SecretReference]
        var ignoreFields: Set<String>
        var acceptedDrift: [String: String] = [:]
        var state: State
        var location: SourceLocation
        var nameLocation: SourceLocation?
        var fieldLocations: [String: SourceLocation]

        init(
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

        func copy() -> Storage {
            let copy = Storage(
                address: address, providerType: providerType, spec: spec, secrets: secrets, ignoreFields: ignoreFields, state: state,
                location: location, fieldLocations: fieldLocations)
            copy.acceptedDrift = acceptedDrift
            copy.nameLocation = nameLocation
            return copy
        }
    }

    /// Gives this value storage of its own before a change.
    private mutating func unshare() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    package init(
        address: ClientAddress, providerType: String, spec: [String: JSONValue], secrets: [String: SecretReference],
        ignoreFields: Set<String>, state: State, location: SourceLocation, fieldLocations: [String: SourceLocation]
    ) {
        storage = Storage(
            address: address, providerType: providerType, spec: spec, secrets: secrets, ignoreFields: ignoreFields, state: state,
            location: location, fieldLocations: fieldLocations)
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
