/// The redacted machine plan (DESIGN §5): the one value that every renderer reads and `plan --out` saves.
///
/// It is built from a `Plan` by dropping everything a reader must not see: the live marker (its
/// fingerprints) and any secret. Every sensitive value is `{"sensitive": true}`; secrets appear only as
/// references (`{"from_env": "NAME"}`), which are not secrets. A renderer that never receives a secret
/// can't print one.
package struct PlanDocument: Sendable, Hashable {
    /// The `format_version` this build writes and reads.
    package static let formatVersion = "1"
    /// The tool name written to `tool.name`.
    package static let toolName = "oauthctl"

    /// One client's redacted action: a `PlannedAction` without its live marker.
    ///
    /// `after` holds each secret field being written as `{"sensitive": true}`; `changes` on a secret
    /// field hold `{"sensitive": true}` (or null) on both sides; `marker` carries no fingerprints.
    package struct Entry: Sendable, Hashable {
        package var address: ClientAddress
        package var providerType: String
        package var action: Action
        package var id: String
        package var replacedID: String?
        /// For explanations only (see `ActionReason`).
        package var reason: ActionReason
        package var changes: [FieldChange]
        package var before: [String: JSONValue]?
        package var after: [String: JSONValue]?
        package var secrets: [String: SecretReference]
        package var ignoreFields: Set<String>
        package var receivesGeneratedSecret: Bool
        package var marker: OwnershipMarker?
        package var liveDigest: String?

        /// The redacted form of `action`.
        package init(_ action: PlannedAction) {
            address = action.address
            providerType = action.providerType
            self.action = action.action
            id = action.id
            replacedID = action.replacedID
            reason = action.reason
            secrets = action.secrets
            changes = action.changes.map { change in
                guard change.sensitive || action.secrets[change.path] != nil else { return change }
                var redacted = change
                redacted.sensitive = true
                redacted.before = change.before.isNull ? .null : FieldChange.sensitiveValue
                redacted.after = change.after.isNull ? .null : FieldChange.sensitiveValue
                return redacted
            }
            before = action.before
            after = action.after.map { after in
                var redacted = after
                for field in action.secrets.keys { redacted[field] = FieldChange.sensitiveValue }
                return redacted
            }
            ignoreFields = action.ignoreFields
            receivesGeneratedSecret = action.receivesGeneratedSecret
            marker = action.marker.map { OwnershipMarker(managedBy: $0.managedBy, address: $0.address) }
            liveDigest = action.liveDigest
        }

        /// The `PlannedAction` that apply executes (no live marker: apply re-reads the client).
        package var plannedAction: PlannedAction {
            var action = PlannedAction(
                address: address, providerType: providerType, action: self.action, id: id, reason: reason,
                changes: changes, before: before,
                after: after.map { after in after.filter { secrets[$0.key] == nil } })
            action.replacedID = replacedID
            action.secrets = secrets
            action.ignoreFields = ignoreFields
            action.receivesGeneratedSecret = receivesGeneratedSecret
            action.marker = marker
            action.liveDigest = liveDigest
            return action
        }
    }

    /// A provider the plan was made for: its name, type and `managed_by` (never its URL or auth).
    package struct ProviderSummary: Sendable, Hashable {
        package var name: String
        package var type: String
        package var managedBy: String

        package init(name: String, type: String, managedBy: String) {
            self.name = name
            self.type = type
            self.managedBy = managedBy
        }
    }

    /// What a saved plan says about itself besides its actions.
    package struct Metadata: Sendable, Hashable {
        package var formatVersion: String
        package var toolName: String
        package var toolVersion: String
        package var providers: [ProviderSummary]

        package init(formatVersion: String, toolName: String, toolVersion: String, providers: [ProviderSummary]) {
            self.formatVersion = formatVersion
            self.toolName = toolName
            self.toolVersion = toolVersion
            self.providers = providers
        }
    }

    package var toolVersion: String
    /// In plan order: creates, updates, replaces, deletes, then no-ops; by address within each.
    package var entries: [Entry]
    /// Sorted by name.
    package var providers: [ProviderSummary]
    package var untouched: [Plan.Untouched]
    package var notes: [String]
    /// `Plan.warnings`: problems that need someone even when nothing changes.
    package var warnings: [String] = []

    /// Redacts `plan`; `providers` are the manifests' providers (only name, type and `managed_by` are kept).
    package init(plan: Plan, toolVersion: String, providers: [ProviderManifest]) {
        self.toolVersion = toolVersion
        entries = plan.actions.map(Entry.init)
        self.providers = providers.map { ProviderSummary(name: $0.name, type: $0.type, managedBy: $0.managedBy) }
            .sorted { $0.name < $1.name }
        untouched = plan.untouched
        notes = plan.notes
        warnings = plan.warnings
    }

    init(toolVersion: String, entries: [Entry], providers: [ProviderSummary], untouched: [Plan.Untouched], notes: [String]) {
        self.toolVersion = toolVersion
        self.entries = entries
        self.providers = providers
        self.untouched = untouched
        self.notes = notes
    }

    // The entries are read by index, each kind in place: a closure over the elements copied every entry
    // it passed (fourteen fields each), and a plan of unchanged clients passes thousands.

    /// How many actions of each kind.
    package func count(_ action: Action) -> Int {
        var count = 0
        for index in entries.indices where entries[index].action == action { count += 1 }
        return count
    }

    /// True when applying would change something.
    package var hasChanges: Bool { entries.indices.contains { entries[$0].action != .noOp } }

    /// The entries that change something, in plan order.
    package var changedEntries: [Entry] { entries.indices.filter { entries[$0].action != .noOp }.map { entries[$0] } }

    /// The metadata of this document.
    package var metadata: Metadata {
        Metadata(formatVersion: Self.formatVersion, toolName: Self.toolName, toolVersion: toolVersion, providers: providers)
    }

    /// The plan that apply executes: every action restored from the redacted entries.
    package var plan: Plan {
        Plan(actions: entries.map(\.plannedAction), untouched: untouched, notes: notes, warnings: warnings)
    }
}
