/// The redacted machine plan (DESIGN §5): the one value that every renderer reads and `plan --out` saves.
///
/// It is built from a `Plan` by dropping everything a reader must not see: the live marker (its
/// fingerprints) and any secret. Every sensitive value is `{"sensitive": true}`; secrets appear only as
/// references (`{"from_env": "NAME"}`), which are not secrets. A renderer that never receives a secret
/// can't print one.
public struct PlanDocument: Sendable, Hashable {
    /// The `format_version` this build writes and reads.
    public static let formatVersion = "1"
    /// The tool name written to `tool.name`.
    public static let toolName = "oauthctl"

    /// One client's redacted action: a `PlannedAction` without its live marker.
    ///
    /// `after` holds each secret field being written as `{"sensitive": true}`; `changes` on a secret
    /// field hold `{"sensitive": true}` (or null) on both sides; `marker` carries no fingerprints.
    public struct Entry: Sendable, Hashable {
        public var address: ClientAddress
        public var providerType: String
        public var action: Action
        public var id: String
        public var replacedID: String?
        /// For explanations only (see `ActionReason`).
        public var reason: ActionReason
        public var changes: [FieldChange]
        public var before: [String: JSONValue]?
        public var after: [String: JSONValue]?
        public var secrets: [String: SecretReference]
        public var ignoreFields: Set<String>
        public var receivesGeneratedSecret: Bool
        public var marker: OwnershipMarker?
        public var liveDigest: String?

        /// The redacted form of `action`.
        public init(_ action: PlannedAction) {
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
        public var plannedAction: PlannedAction {
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
    public struct ProviderSummary: Sendable, Hashable {
        public var name: String
        public var type: String
        public var managedBy: String

        public init(name: String, type: String, managedBy: String) {
            self.name = name
            self.type = type
            self.managedBy = managedBy
        }
    }

    /// What a saved plan says about itself besides its actions.
    public struct Metadata: Sendable, Hashable {
        public var formatVersion: String
        public var toolName: String
        public var toolVersion: String
        public var providers: [ProviderSummary]

        public init(formatVersion: String, toolName: String, toolVersion: String, providers: [ProviderSummary]) {
            self.formatVersion = formatVersion
            self.toolName = toolName
            self.toolVersion = toolVersion
            self.providers = providers
        }
    }

    public var toolVersion: String
    /// In plan order: creates, updates, replaces, deletes, then no-ops; by address within each.
    public var entries: [Entry]
    /// Sorted by name.
    public var providers: [ProviderSummary]
    public var untouched: [Plan.Untouched]
    public var notes: [String]
    /// `Plan.warnings`: problems that need someone even when nothing changes.
    public var warnings: [String] = []

    /// Redacts `plan`; `providers` are the manifests' providers (only name, type and `managed_by` are kept).
    public init(plan: Plan, toolVersion: String, providers: [ProviderManifest]) {
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

    /// How many actions of each kind.
    public func count(_ action: Action) -> Int { entries.lazy.filter { $0.action == action }.count }

    /// True when applying would change something.
    public var hasChanges: Bool { entries.contains { $0.action != .noOp } }

    /// The entries that change something, in plan order.
    public var changedEntries: [Entry] { entries.filter { $0.action != .noOp } }

    /// The metadata of this document.
    public var metadata: Metadata {
        Metadata(formatVersion: Self.formatVersion, toolName: Self.toolName, toolVersion: toolVersion, providers: providers)
    }

    /// The plan that apply executes: every action restored from the redacted entries.
    public var plan: Plan {
        Plan(actions: entries.map(\.plannedAction), untouched: untouched, notes: notes, warnings: warnings)
    }
}
