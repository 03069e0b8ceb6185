/// Turns desired clients and live clients into a `Plan` (pure; every effect is the caller's).
package struct Planner: Sendable {
    /// One provider's manifest, schema and live clients (raw, as read).
    package struct ProviderState: Sendable {
        package var provider: ProviderManifest
        package var schema: ClientSchema
        /// The live clients the plan needs whole: all of them, or those a `LiveFilter` kept.
        package var live: [[String: JSONValue]] { didSet { index = nil } }
        /// `live` indexed while it was listed (`LiveIndex.Builder`); nil: the planner indexes it.
        package var index: LiveIndex?
        /// Live clients a `LiveFilter` summarised while listing (left alone, never planned).
        package var summarised: [Plan.Untouched]
        /// False when only the managed clients were read (by id): nothing else on the server is known.
        package var listed: Bool
        /// Clients already planned while the listing arrived (by this planner; see `EarlyPlans`).
        package var early: EarlyPlans
        package init(
            provider: ProviderManifest, schema: ClientSchema, live: [[String: JSONValue]], summarised: [Plan.Untouched] = [],
            listed: Bool = true, early: EarlyPlans = .none, index: LiveIndex? = nil
        ) {
            self.provider = provider
            self.schema = schema
            self.live = live
            self.summarised = summarised
            self.listed = listed
            self.early = early
            self.index = index
        }
    }

    /// Decides a secret's status from the live marker (if any); supplied by the caller, who can read secrets.
    package typealias SecretStatusProvider = @Sendable (ClientAddress, String, SecretReference, OwnershipMarker?) -> SecretStatus

    /// Compares a manifest's secret with the live value, for sensitive fields the server returns on read
    /// (e.g. Boruta's `secret`); nil means such secrets are compared like write-only ones.
    package typealias LiveSecretComparer = @Sendable (SecretReference, String) -> SecretStatus

    package var options: PlanOptions
    package var liveSecretComparer: LiveSecretComparer?

    package init(options: PlanOptions, liveSecretComparer: LiveSecretComparer? = nil) {
        self.options = options
        self.liveSecretComparer = liveSecretComparer
    }

    /// Plans every provider in `states` against the clients of `manifests` that use it.
    package func plan(
        _ manifests: ManifestSet, states: [ProviderState], secretStatus: @escaping SecretStatusProvider
    ) -> (Plan, [Diagnostic]) {
        var actions: [PlannedAction] = []
        var untouched: [Plan.Untouched] = []
        var notes: [String] = []
        var warnings: [String] = []
        var diagnostics: [Diagnostic] = []
        for state in states {
            var planner = ProviderPlanner(state: state, options: options, secretStatus: secretStatus)
            planner.liveSecretComparer = liveSecretComparer
            let clients = manifests.clients.filter { $0.address.provider == state.provider.name }
            planner.plan(clients)
            if actions.isEmpty { actions = planner.actions } else { actions += planner.actions }
            if untouched.isEmpty { untouched = planner.untouched } else { untouched += planner.untouched }
            notes += planner.notes
            warnings += planner.warnings
            diagnostics += planner.diagnostics
        }
        if !options.targets.isEmpty {
            actions = actions.filter { options.targets.contains($0.address) }
        }
        let deleted = actions.filter { $0.action == .delete || $0.action == .replace }.map(\.address.description)
        if let max = options.maxDeletes, deleted.count > max {
            let shown =
                deleted.prefix(Self.maxNamedDeletes).joined(separator: ", ")
                + (deleted.count > Self.maxNamedDeletes ? " and \(deleted.count - Self.maxNamedDeletes) more" : "")
            diagnostics.append(
                .error(
                    "the plan deletes \(deleted.count) client(s), more than --max-deletes \(max): \(shown); nothing will be applied (the plan is shown above)",
                    at: nil, code: Self.tooManyDeletes))
        }
        if !options.targets.isEmpty {
            warnings = warnings.filter { warning in options.targets.contains { warning.hasPrefix("\($0): ") } }
        }
        return (Plan(actions: actions, untouched: untouched, notes: notes, warnings: warnings), diagnostics)
    }

    /// The code of the `--max-deletes` refusal: the plan is complete, and shown, but not applied.
    package static let tooManyDeletes = "too-many-deletes"
    /// How many deleted clients the refusal names before "and N more".
    static let maxNamedDeletes = 20
}
