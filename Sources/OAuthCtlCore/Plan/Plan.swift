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

    package init(
        actions: consuming [PlannedAction], untouched: consuming [Untouched] = [], notes: [String] = [], warnings: [String] = []
    ) {
        // Both usually come in order (manifests in order, no changes; a listing in id order).
        Self.sortIfNeeded(&actions, by: Self.precedes)
        Self.sortIfNeeded(&untouched, by: Self.precedes)
        self.actions = actions
        self.untouched = untouched
        self.notes = notes
        self.warnings = warnings
    }

    /// Sorts `items` in place by `precedes`, only when one pass finds them out of that order (up to millions
    /// of clients left alone are then neither copied nor sorted).
    private static func sortIfNeeded<Item>(_ items: inout [Item], by precedes: (Item, Item) -> Bool) {
        guard !items.indices.dropFirst().allSatisfy({ !precedes(items[$0], items[$0 - 1]) }) else { return }
        items.sort(by: precedes)
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
