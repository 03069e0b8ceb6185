import OAuthCtlCore

/// Reads what a plan must compare, and no more: the cost follows the repository, not the server.
///
/// - The first page of the listing comes first (started early, while the manifests are decoded): when it
///   is the whole server, that is all. The pages after it are fetched at once when they are sure to be
///   read (`PlanSession.list`: the first page holds many of this repository's clients), else only once
///   they are needed.
/// - On a larger server, few managed clients with ids the manifests pin (Hydra, Ory Network, Boruta,
///   Glewlwyd) are read by id, `parallelism` at a time. If one that should exist is missing, it may have
///   been renamed (found by its marker), so the provider is listed after all.
/// - Otherwise the rest is listed a page at a time through a `LiveFilter`: clients no manifest can claim
///   are kept only as ids, so memory does not grow with the server. `drift` and `--prune` always list.
///
/// Each page's managed clients are planned as the page arrives (`EarlyPlans`), by the planner that will
/// plan the states read, so planning overlaps the wait for the next page.
struct LiveReader: Sendable {
    /// `drift` and `--prune` must see every client on the server.
    var listsEverything: Bool
    /// The planner the states are for, and its secret statuses.
    var planner: Planner
    var secretStatus: Planner.SecretStatusProvider
    /// Up to this many managed clients are read by id; more are cheaper to list (500 a page on Hydra).
    static let byIDLimit = 100
    static let parallelism = 8

    func read(
        _ provider: ProviderManifest, _ adapter: any ProviderAdapter, clients: [ClientManifest],
        started: Task<Swift.Result<PlanSession.Listing, any Error>, Never>?
    ) async throws -> Planner.ProviderState {
        guard !listsEverything else {
            let schema = try await adapter.liveSchema()
            let kept = kept(provider, schema, clients)
            try await adapter.forEachPage { page in kept.add(page) }
            return kept.state()
        }
        let listing: PlanSession.Listing
        if let started {
            listing = try await started.value.get()
        } else {
            listing = try await PlanSession.list(adapter, managedBy: provider.managedBy)
        }
        let schema = listing.schema
        let kept = kept(provider, schema, clients)
        kept.add(listing.first.clients)
        guard let rest = listing.rest else { return kept.state() }
        // More than a page on the server: read the managed clients by id when they are few (unless the
        // rest is already on its way).
        if listing.ahead == nil, schema.matchField == nil, !clients.isEmpty, clients.count <= Self.byIDLimit,
            let live = try await readByID(adapter, schema: schema, clients: clients)
        {
            return Planner.ProviderState(provider: provider, schema: schema, live: live, listed: false)
        }
        // Many managed clients, or one that should exist is missing (renamed?): the rest of the listing,
        // filtered page by page as it arrives.
        try await rest { page in kept.add(page) }
        return kept.state()
    }

    private func kept(_ provider: ProviderManifest, _ schema: ClientSchema, _ clients: [ClientManifest]) -> Kept {
        Kept(
            provider: provider, schema: schema, filter: LiveFilter(provider: provider, schema: schema, clients: clients),
            early: EarlyPlans(planner, provider: provider, schema: schema, clients: clients, secretStatus: secretStatus))
    }

    /// The managed clients by id; nil when one that should exist is missing (then the caller lists).
    private func readByID(_ adapter: any ProviderAdapter, schema: ClientSchema, clients: [ClientManifest]) async throws
        -> [[String: JSONValue]]?
    {
        let ids = clients.map { (id: $0.clientID(schema: schema), present: $0.state == .present) }
        var found: [[String: JSONValue]] = []
        var missingPresent = false
        try await withThrowingTaskGroup(of: ([String: JSONValue]?, Bool).self) { group in
            var next = 0
            func launch() {
                guard next < ids.count else { return }
                let (id, present) = ids[next]
                next += 1
                group.addTask { (try await adapter.getClient(id: id), present) }
            }
            for _ in 0..<min(Self.parallelism, ids.count) { launch() }
            while let (client, present) = try await group.next() {
                if let client { found.append(client) } else if present { missingPresent = true }
                launch()
            }
        }
        return missingPresent ? nil : found
    }
}

/// What a `LiveFilter` kept of a listing, page by page (pages arrive one after another), with the
/// early plans of the managed clients among them.
private final class Kept: @unchecked Sendable {
    let provider: ProviderManifest
    let schema: ClientSchema
    let filter: LiveFilter
    var early: EarlyPlans
    var live: [[String: JSONValue]] = []
    var summarised: [Plan.Untouched] = []
    /// The kept clients, indexed page by page (ready with the last page, not after it).
    var index: LiveIndex.Builder

    init(provider: ProviderManifest, schema: ClientSchema, filter: LiveFilter, early: EarlyPlans) {
        self.provider = provider
        self.schema = schema
        self.filter = filter
        self.early = early
        index = LiveIndex.Builder(schema: schema, managedBy: provider.managedBy)
    }

    func state() -> Planner.ProviderState {
        Planner.ProviderState(
            provider: provider, schema: schema, live: live, summarised: summarised, early: early, index: index.index(of: live))
    }

    func add(_ page: [LiveClient]) {
        var keep: [LiveClient] = []
        for client in page {
            switch filter.verdict(client) {
            case .keep: keep.append(client)
            case .summary(let untouched): summarised.append(untouched)
            }
        }
        let kept = early.add(keep)
        index.add(kept)
        live += kept
    }
}
