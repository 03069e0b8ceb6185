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
    package var address: ClientAddress {
        get { fields.address }
        _modify { yield &fields.address }
    }
    package var providerType: String {
        get { fields.providerType }
        _modify { yield &fields.providerType }
    }
    package var action: Action {
        get { fields.action }
        _modify { yield &fields.action }
    }
    /// The client's id on the server (for replace: the new id).
    package var id: String {
        get { fields.id }
        _modify { yield &fields.id }
    }
    /// For replace: the live id that is deleted first.
    package var replacedID: String? {
        get { fields.replacedID }
        _modify { yield &fields.replacedID }
    }
    package var reason: ActionReason {
        get { fields.reason }
        _modify { yield &fields.reason }
    }
    package var changes: [FieldChange] {
        get { fields.changes }
        _modify { yield &fields.changes }
    }
    package var before: [String: JSONValue]? {
        get { fields.before }
        _modify { yield &fields.before }
    }
    package var after: [String: JSONValue]? {
        get { fields.after }
        _modify { yield &fields.after }
    }
    /// Secret fields to send, as references (resolved only at apply time).
    package var secrets: [String: SecretReference] {
        get { fields.secrets }
        _modify { yield &fields.secrets }
    }
    /// Every secret reference of the client, sent or not: apply re-fingerprints the unchanged ones whose
    /// stored fingerprint is in an older form (e.g. unkeyed, once `OAUTHCTL_FINGERPRINT_KEY` is set).
    /// In memory only, never rendered.
    package var secretReferences: [String: SecretReference] {
        get { fields.secretReferences }
        _modify { yield &fields.secretReferences }
    }
    /// Fields handed to someone else (written back with their live values).
    package var ignoreFields: Set<String> {
        get { fields.ignoreFields }
        _modify { yield &fields.ignoreFields }
    }
    /// True when the server will generate a secret at create time (apply needs `--secrets-out`).
    package var receivesGeneratedSecret: Bool {
        get { fields.receivesGeneratedSecret }
        _modify { yield &fields.receivesGeneratedSecret }
    }
    /// The ownership marker to write (nil when the provider has no place for one).
    package var marker: OwnershipMarker? {
        get { fields.marker }
        _modify { yield &fields.marker }
    }
    /// The marker found on the live client at plan time; kept in memory only, never rendered.
    package var liveMarker: OwnershipMarker? {
        get { fields.liveMarker }
        _modify { yield &fields.liveMarker }
    }
    /// A digest of the live client this action was planned against (stale-plan check).
    package var liveDigest: String? {
        get { fields.liveDigest }
        _modify { yield &fields.liveDigest }
    }

    /// The fields, shared between copies (`CopyOnWrite`): an action is copied several times on its way
    /// into a plan (outcome, plan, document).
    private struct Fields: Hashable, Sendable {
        var address: ClientAddress
        var providerType: String
        var action: Action
        var id: String
        var replacedID: String?
        var reason: ActionReason
        var changes: [FieldChange]
        var before: [String: JSONValue]?
        var after: [String: JSONValue]?
        var secrets: [String: SecretReference]
        var secretReferences: [String: SecretReference] = [:]
        var ignoreFields: Set<String>
        var receivesGeneratedSecret: Bool
        var marker: OwnershipMarker?
        var liveMarker: OwnershipMarker?
        var liveDigest: String?
    }

    private var box: CopyOnWrite<Fields>
    /// Every field's way in.
    private var fields: Fields {
        get { box.fields }
        _modify { yield &box.fields }
    }

    package static func == (a: PlannedAction, b: PlannedAction) -> Bool { a.box.sharesStorage(with: b.box) || a.fields == b.fields }

    package func hash(into hasher: inout Hasher) { hasher.combine(fields) }

    package init(
        address: ClientAddress, providerType: String, action: Action, id: String, reason: ActionReason,
        changes: [FieldChange] = [], before: [String: JSONValue]? = nil, after: [String: JSONValue]? = nil
    ) {
        box = CopyOnWrite(
            Fields(
                address: address, providerType: providerType, action: action, id: id, replacedID: nil, reason: reason,
                changes: changes, before: before, after: after, secrets: [:], ignoreFields: [], receivesGeneratedSecret: false,
                marker: nil, liveMarker: nil, liveDigest: nil))
    }
}
