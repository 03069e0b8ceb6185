/// One client's planned action, with everything apply needs and nothing secret.
///
/// | action  | before                 | after                   |
/// |---------|------------------------|-------------------------|
/// | create  | nil                    | desired (canonical)     |
/// | update  | live (canonical)       | desired (canonical)     |
/// | replace | live, to be deleted    | desired, to be created  |
/// | delete  | live                   | nil                     |
/// | no-op   | live (nil if absent)   | desired (nil if absent) |
public struct PlannedAction: Sendable, Hashable {
    public var address: ClientAddress
    public var providerType: String
    public var action: Action
    /// The client's id on the server (for replace: the new id).
    public var id: String
    /// For replace: the live id that is deleted first.
    public var replacedID: String?
    public var reason: ActionReason
    public var changes: [FieldChange]
    public var before: [String: JSONValue]?
    public var after: [String: JSONValue]?
    /// Secret fields to send, as references (resolved only at apply time).
    public var secrets: [String: SecretReference]
    /// Every secret reference of the client, sent or not: apply re-fingerprints the unchanged ones whose
    /// stored fingerprint is in an older form (e.g. unkeyed, once `OAUTHCTL_FINGERPRINT_KEY` is set).
    /// In memory only, never rendered.
    public var secretReferences: [String: SecretReference] = [:]
    /// Fields handed to someone else (written back with their live values).
    public var ignoreFields: Set<String>
    /// True when the server will generate a secret at create time (apply needs `--secrets-out`).
    public var receivesGeneratedSecret: Bool
    /// The ownership marker to write (nil when the provider has no place for one).
    public var marker: OwnershipMarker?
    /// The marker found on the live client at plan time; kept in memory only, never rendered.
    public var liveMarker: OwnershipMarker?
    /// A digest of the live client this action was planned against (stale-plan check).
    public var liveDigest: String?

    public init(
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
