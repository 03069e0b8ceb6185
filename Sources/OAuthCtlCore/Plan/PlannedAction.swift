/// One client's planned action, with everything apply needs and nothing secret.
///
/// | action  | before                 | after                   |
/// |---------|------------------------|-------------------------|
/// | create  | nil                    | desired (canonical)     |
/// | update  | live (canonical)       | desired (canonical)     |
/// | replace | live, to be deleted    | desired, to be created  |
/// | delete  | live                   | nil                     |
/// | no-op   | live (nil if absent)   | desired (nil if absent) |
package struct PlannedAction: Sendable, Hashable {
    package var address: ClientAddress
    package var providerType: String
    package var action: Action
    /// The client's id on the server (for replace: the new id).
    package var id: String
    /// For replace: the live id that is deleted first.
    package var replacedID: String?
    package var reason: ActionReason
    package var changes: [FieldChange]
    package var before: [String: JSONValue]?
    package var after: [String: JSONValue]?
    /// Secret fields to send, as references (resolved only at apply time).
    package var secrets: [String: SecretReference]
    /// Every secret reference of the client, sent or not: apply re-fingerprints the unchanged ones whose
    /// stored fingerprint is in an older form (e.g. unkeyed, once `OAUTHCTL_FINGERPRINT_KEY` is set).
    /// In memory only, never rendered.
    package var secretReferences: [String: SecretReference] = [:]
    /// Fields handed to someone else (written back with their live values).
    package var ignoreFields: Set<String>
    /// True when the server will generate a secret at create time (apply needs `--secrets-out`).
    package var receivesGeneratedSecret: Bool
    /// The ownership marker to write (nil when the provider has no place for one).
    package var marker: OwnershipMarker?
    /// The marker found on the live client at plan time; kept in memory only, never rendered.
    package var liveMarker: OwnershipMarker?
    /// A digest of the live client this action was planned against (stale-plan check).
    package var liveDigest: String?

    package init(
        address: ClientAddress, providerType: String, action: Action, id: String, reason: ActionReason,
        changes: [FieldChange] = [], before: [String: JSONValue]? = nil, after: [String: JSONValue]? = nil
    ) {
        self.address = address
        self.providerType = providerType
        self.action = action
        self.id = id
        self.reason = reason
        self.changes = changes
        self.before = before
        self.after = after
        self.secrets = [:]
        self.ignoreFields = []
        self.receivesGeneratedSecret = false
    }
}
