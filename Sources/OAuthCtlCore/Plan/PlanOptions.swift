/// The user's choices that shape a plan (`--prune`, `--allow-replace`, `--target`, ...).
public struct PlanOptions: Sendable, Hashable {
    public var prune = false
    public var allowReplace = false
    /// Only these addresses (empty = all).
    public var targets: Set<ClientAddress> = []
    /// Refuse a plan that deletes more than this many clients.
    public var maxDeletes: Int?
    /// Write secrets whose live value is unknown (no fingerprint to compare).
    public var setSecrets = false
    /// Record a digest of each live client (`PlannedAction.liveDigest`). Only a plan that is written as
    /// JSON or saved, or compared with a saved one, needs them; a text plan skips the cost.
    public var liveDigests = true

    public init() {}
}

/// What is known about a manifest's secret compared with the server, decided outside the pure core.
public enum SecretStatus: Sendable, Hashable {
    /// The fingerprint on the server matches the referenced value.
    case unchanged
    /// The fingerprint differs: the secret changes.
    case changed
    /// No fingerprint to compare (e.g. a client created elsewhere): the plan can't tell.
    case unknown
}
