import OAuthCtlConcurrency
import YAML

/// Plans the clients of one provider: matches desired to live by id (then by marker address),
/// diffs them, and classifies every live client that no manifest claims.
///
/// Three steps, so the costly part runs on every core and the result is still that of one loop:
/// 1. in manifest order, each client is matched to a live client (a claim depends on earlier claims;
///    see `ProviderPlanner+Matching.swift`);
/// 2. each matched client is planned on its own by a `ClientPlanner`, in parallel: canonical forms,
///    diff, secret statuses (PBKDF2 fingerprint checks, ~10 ms each), live digest (unless it was
///    planned already while the listing arrived: `EarlyPlans`);
/// 3. each client's `ClientOutcome` is appended in manifest order.
struct ProviderPlanner: Sendable {
    let state: Planner.ProviderState
    let options: PlanOptions
    let secretStatus: Planner.SecretStatusProvider
    var liveSecretComparer: Planner.LiveSecretComparer?
    var actions: [PlannedAction] = []
    var untouched: [Plan.Untouched] = []
    var notes: [String] = []
    var warnings: [String] = []
    var diagnostics: [Diagnostic] = []

    /// `state.schema` and the provider's `managed_by`, held apart so reading them copies nothing.
    let schema: ClientSchema
    let managedBy: String

    init(state: Planner.ProviderState, options: PlanOptions, secretStatus: @escaping Planner.SecretStatusProvider) {
        self.state = state
        self.options = options
        self.secretStatus = secretStatus
        schema = state.schema
        managedBy = state.provider.managedBy
    }

    /// One manifest client (by its position) between step 1 and step 3: what it matched, and what was
    /// said of it so far.
    private struct Matched: Sendable {
        var index: Int
        var match: Match
        var outcome: ClientOutcome
    }

    /// Clients planned per piece of parallel work (small, so slow secret checks spread over the cores).
    static let clientsPerTask = 64

    mutating func plan(_ clients: [ClientManifest]) {
        let live = state.index ?? LiveIndex(state.live, schema: schema, managedBy: managedBy)
        // Step 1, in order: matches and claims.
        var claimed: Set<String> = []
        // The ids the manifests pin (as the server compares them): only a replace asks, so they are worked
        // out the first time one does.
        let schema = schema
        let manifestIDs = PinnedIDs { Set(clients.map { schema.idKey($0.clientID(schema: schema)) }) }
        var matched: [Matched] = []
        matched.reserveCapacity(clients.count)
        for (index, client) in clients.enumerated() {
            var outcome = ClientOutcome()
            let match = match(client, live: live, manifestIDs: manifestIDs, claimed: &claimed, outcome: &outcome)
            matched.append(Matched(index: index, match: match, outcome: outcome))
        }
        // Step 2, in parallel: each client planned against the live client it matched.
        let planner = ClientPlanner(
            schema: schema, managedBy: managedBy, options: options, secretStatus: secretStatus,
            liveSecretComparer: liveSecretComparer)
        let ranges = ParallelMap.ranges(count: matched.count, size: Self.clientsPerTask)
        let early = state.early
        let outcomes = ParallelMap.map(count: ranges.count) { [matched] index in
            matched[ranges[index]].map { item in
                let client = clients[item.index]
                if let planned = early.outcome(for: client, item.match, after: item.outcome) { return planned }
                assert(!early.holds(client), "\(client.address) was planned ahead, so step 1 must match it as then")
                var outcome = item.outcome
                planner.plan(client, item.match, live: { live.byID[$0] }, into: &outcome)
                return outcome
            }
        }
        matched = []
        // Step 3, in order.
        actions.reserveCapacity(actions.count + clients.count)
        for outcome in outcomes.joined() {
            actions += outcome.actions
            notes += outcome.notes
            warnings += outcome.warnings
            diagnostics += outcome.diagnostics
        }
        classifyUnclaimed(live.byID.filter { !claimed.contains($0.key) }, canonicalizer: Canonicalizer(schema: schema))
    }
}
