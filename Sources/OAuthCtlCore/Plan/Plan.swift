/// The ordered actions for a set of manifests against the live servers, and what was left alone.
package struct Plan: Sendable {
    /// A live client that the plan leaves alone, and why.
    package struct Untouched: Sendable, Hashable {
        /// Why a live client is not in the plan.
        package enum Kind: String, Sendable, Hashable {
            /// Carries this repository's marker but is not in the manifests (deleted with `--prune`).
            case orphaned
            /// Carries another repository's marker.
            case managedElsewhere = "managed_elsewhere"
            /// Carries no marker: created by hand or by another tool.
            case unmanaged
        }
        package var provider: String
        package var id: String
        package var kind: Kind
        /// For managed-elsewhere clients: the other `managed_by`.
        package var owner: String?
        package init(provider: String, id: String, kind: Kind, owner: String? = nil) {
            self.provider = provider
            self.id = id
            self.kind = kind
            self.owner = owner
        }
    }

    package var actions: [PlannedAction]
    package var untouched: [Untouched]
    /// Plain-language notes for the reader (e.g. "--prune deletes nothing on boruta: ...").
    package var notes: [String]
    /// Problems that need someone even when nothing changes (e.g. a generated secret that may be lost):
    /// a plan with warnings never reads "No changes".
    package var warnings: [String]

    package init(actions: [PlannedAction], untouched: consuming [Untouched] = [], notes: [String] = [], warnings: [String] = []) {
        // Usually already in order (manifests in order, no changes): that is checked in one pass, and the
        // actions are sorted only when it fails.
        let sorted = actions.indices.dropFirst().allSatisfy { !Self.precedes(actions[$0], actions[$0 - 1]) }
        self.actions = sorted ? actions : actions.sorted { Self.precedes($0, $1) }
        // A listing usually comes in id order: the untouched clients (up to millions) are sorted in place,
        // and only when they are not in order already.
        let inOrder = untouched.indices.dropFirst().allSatisfy { !Self.precedes(untouched[$0], untouched[$0 - 1]) }
        if !inOrder { untouched.sort { Self.precedes($0, $1) } }
        self.untouched = untouched
        self.notes = notes
        self.warnings = warnings
    }

    /// The order of a plan's actions: by kind (creates first), then by address.
    private static func precedes(_ a: borrowing PlannedAction, _ b: borrowing PlannedAction) -> Bool {
        (a.action.rank, a.address) < (b.action.rank, b.address)
    }

    /// The order of what a plan leaves alone: by provider, then by id.
    private static func precedes(_ a: borrowing Untouched, _ b: borrowing Untouched) -> Bool {
        (a.provider, a.id) < (b.provider, b.id)
    }

    /// How many actions of each kind.
    package func count(_ action: Action) -> Int { actions.filter { $0.action == action }.count }

    /// True when applying would change something.
    package var hasChanges: Bool { actions.contains { $0.action != .noOp } }
}
