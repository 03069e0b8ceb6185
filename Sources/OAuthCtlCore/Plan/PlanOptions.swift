/// The user's choices that shape a plan (`--prune`, `--allow-replace`, `--target`, ...).
package struct PlanOptions: Sendable, Hashable {
    package var prune = false
    package var allowReplace = false
    /// Only these addresses (empty = all).
    package var targets: Set<ClientAddress> = []
    /// Refuse a plan that deletes more than this many clients.
    package var maxDeletes: Int?
    /// Write secrets whose live value is unknown (no fingerprint to compare).
    package var setSecrets = false
    /// Record a digest of each live client (`PlannedAction.liveDigest`). Only a plan that is written as
    /// JSON or saved, or compared with a saved one, needs them; a text plan skips the cost.
    package var liveDigests = true

    package init() {}
}

/// What is known about a manifest's secret compared with the server, decided outside the pure core.
package enum SecretStatus: Sendable, Hashable {
    /// The fingerprint on the server matches the referenced value.
    case unchanged
    /// The fingerprint differs: the secret changes.
    case changed
    /// No fingerprint to compare (e.g. a client created elsewhere): the plan can't tell.
    case unknown
}
