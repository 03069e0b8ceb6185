/// This repository's mark on a client it manages: who manages it, under which address, and salted
/// fingerprints of the secrets it set (so a changed secret plans as an update without storing the secret).
package struct OwnershipMarker: Sendable, Hashable {
    /// The Provider's `spec.managed_by`.
    package var managedBy: String
    /// The client's address when it was last written (detects a changed immutable id).
    package var address: String?
    /// Secret field name → encoded `SecretFingerprint`.
    package var fingerprints: [String: String]
    /// Secret fields the server generated at create time whose safe arrival in the secrets sink was not
    /// yet confirmed (apply clears this with a second write once the secret is on disk). A client that
    /// keeps it lost its secret: every plan names it until the secret is rotated or set.
    package var pendingSecrets: Set<String>

    package init(managedBy: String, address: String?, fingerprints: [String: String] = [:], pendingSecrets: Set<String> = []) {
        self.managedBy = managedBy
        self.address = address
        self.fingerprints = fingerprints
        self.pendingSecrets = pendingSecrets
    }

    /// The marker as a JSON object.
    package var json: JSONValue {
        var object: [String: JSONValue] = ["managed_by": .string(managedBy)]
        if let address { object["address"] = .string(address) }
        if !fingerprints.isEmpty { object["fingerprints"] = .object(fingerprints.mapValues(JSONValue.string)) }
        if !pendingSecrets.isEmpty { object["secret_pending"] = .array(pendingSecrets.sorted().map(JSONValue.string)) }
        return .object(object)
    }

    /// The marker's public part, as shown in plans (no fingerprints).
    package var displayJSON: JSONValue {
        var copy = self
        copy.fingerprints = [:]
        copy.pendingSecrets = []
        return copy.json
    }

    /// Reads a marker from JSON (an object, or a string holding one); nil when absent or malformed.
    package init?(json: JSONValue?) {
        var value = json
        if let text = json?.stringValue { value = try? JSONParser.parse(text) }
        guard let object = value?.objectValue, let managedBy = object["managed_by"]?.stringValue else { return nil }
        self.managedBy = managedBy
        self.address = object["address"]?.stringValue
        self.fingerprints = object["fingerprints"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        self.pendingSecrets = Set(object["secret_pending"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}

extension ClientSchema.OwnershipPlacement {
    /// The marker stored on a live client, if any.
    package func marker(in client: some LiveFields) -> OwnershipMarker? {
        switch self {
        case .jsonKey(let field, let key): OwnershipMarker(json: client[field]?[key])
        case .field(let name): OwnershipMarker(json: client[name])
        case .unavailable: nil
        }
    }

    /// The address in the marker of `client` when that marker is `managedBy`'s: what `marker(in:)` gives,
    /// without reading the rest of the marker (its fingerprints), for indexing every live client.
    package func markedAddress(in client: [String: JSONValue], managedBy: String) -> String? {
        guard case .jsonKey(let field, let key) = self, case .object(let marker)? = client[field]?[key] else {
            guard let marker = self.marker(in: client), marker.managedBy == managedBy else { return nil }
            return marker.address
        }
        guard marker["managed_by"]?.stringValue == managedBy else { return nil }
        return marker["address"]?.stringValue
    }

    /// `client` with `marker` written into its place (merged with the user's own JSON when a key).
    package func write(_ marker: OwnershipMarker, into client: inout [String: JSONValue]) {
        switch self {
        case .jsonKey(let field, let key):
            var object = client[field]?.objectValue ?? [:]
            object[key] = marker.json
            client[field] = .object(object)
        case .field(let name):
            client[name] = .string(JSONEncoding.compact(marker.json))
        case .unavailable:
            break
        }
    }

    /// The plan path that shows an ownership change, e.g. `metadata.oauthctl`.
    package var path: String? {
        switch self {
        case .jsonKey(let field, let key): "\(field).\(key)"
        case .field(let name): name
        case .unavailable: nil
        }
    }

    /// True when a marker can be stored and read back.
    package var isAvailable: Bool { if case .unavailable = self { false } else { true } }

    /// The client field that holds the marker, whole or as one key of its JSON object.
    var markerField: String? {
        switch self {
        case .jsonKey(let field, _): field
        case .field(let name): name
        case .unavailable: nil
        }
    }

    /// The field that is the marker itself (not a field of the client), if the marker has one of its own.
    var ownField: String? { if case .field(let name) = self { name } else { nil } }
}
