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
    /// Record the live state each action was planned against: its live client's digest
    /// (`PlannedAction.liveDigest`) and, for a no-op, its fields (`before`/`after`). Only a plan that is
    /// written as JSON or saved, or compared with a saved one, needs them; a plan that is only shown or
    /// carried out skips their cost (on 10,000 unchanged clients, ~50 MB and a tenth of the plan's time).
    package var recordsLiveState = true

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
