import OAuthCtlConcurrency

/// Step 2 of `ProviderPlanner`, done ahead, page by page while a listing is still arriving, so the
/// planning overlaps the wait for the next page instead of following the last one.
///
/// Only the clients whose match can't depend on the rest of the server are planned ahead: a present
/// client with a pinned id (no `matchField`) that a page holds under exactly that id matches
/// `.existing(id)` whatever else is listed, and `ClientPlanner` then reads nothing but that live client.
/// The planner takes an early outcome only when its own step 1 decided that same match with nothing to
/// say, and the id was listed once (a second sighting drops it: the planner would use the later one).
/// So a plan is the same with or without early plans; they only move the work.
package struct EarlyPlans: Sendable {
    private let planner: ClientPlanner?
    /// The schema's id field and the field that holds the marker (read for every live client).
    private let idField: String
    private let markerField: String?
    /// Present manifest clients by their pinned id (empty when ids are not pinned).
    private let clientsByID: [String: ClientManifest]
    private var outcomes: [ClientAddress: (id: String, outcome: ClientOutcome)] = [:]
    private var listedIDs: Set<String> = []
    private var listedTwice: Set<String> = []

    /// No early plans: the planner plans every client itself.
    package static let none = EarlyPlans()

    private init() {
        planner = nil
        clientsByID = [:]
        idField = ""
        markerField = nil
    }

    /// Early plans for `clients` of `provider`, made as `planner` (with `secretStatus`) would make them;
    /// the states they go into must be planned by that same planner.
    package init(
        _ planner: Planner, provider: ProviderManifest, schema: ClientSchema, clients: [ClientManifest],
        secretStatus: @escaping Planner.SecretStatusProvider
    ) {
        var byID: [String: ClientManifest] = [:]
        if schema.matchField == nil {
            var repeated: Set<String> = []
            for client in clients where client.state == .present {
                let id = client.clientID(schema: schema)
                if byID.updateValue(client, forKey: id) != nil { repeated.insert(id) }
            }
            for id in repeated { byID[id] = nil }
        }
        self.planner = ClientPlanner(
            schema: schema, managedBy: provider.managedBy, options: planner.options, secretStatus: secretStatus,
            liveSecretComparer: planner.liveSecretComparer)
        clientsByID = byID
        idField = schema.idField
        markerField = schema.ownership.markerField
    }

    /// Plans the manifest clients that `page` (live clients, in listing order) holds by id, and returns
    /// the page as JSON objects, each client planned here cut down to what step 1 still reads of it (`slim`), so
    /// the memory of a plan does not hold the live clients that are already planned.
    ///
    /// The page is planned in parallel, client by client, cut down included; only what depends on the order
    /// of the listing runs after, in order: an id listed twice (in this page or an earlier one) is planned
    /// by nobody here, and its live clients are kept whole.
    @discardableResult
    package mutating func add(_ page: [LiveClient]) -> [[String: JSONValue]] {
        guard let planner, !clientsByID.isEmpty else { return page.map(\.object) }
        let clientsByID = clientsByID, idField = idField, markerField = markerField
        let ranges = ParallelMap.ranges(count: page.count, size: ProviderPlanner.clientsPerTask)
        let planned = ParallelMap.map(count: ranges.count) { index in
            page[ranges[index]].map { live -> Planned in
                guard let id = live[idField]?.stringValue, let client = clientsByID[id] else { return Planned(live: live) }
                var outcome = ClientOutcome()
                planner.plan(client, .existing(id: id), live: { $0 == id ? live : nil }, into: &outcome)
                let slim = Self.slim(live, idField: idField, markerField: markerField)
                return Planned(live: live, id: id, client: client.address, outcome: outcome, slim: slim)
            }
        }.joined()
        // In order: an id listed before (in this page or an earlier one) is listed twice.
        for item in planned {
            guard let id = item.id, let address = item.client, !listedIDs.insert(id).inserted else { continue }
            listedTwice.insert(id)
            outcomes[address] = nil
        }
        return planned.map { item in
            guard let id = item.id, let address = item.client, let outcome = item.outcome, let slim = item.slim,
                !listedTwice.contains(id)
            else { return item.live.object }
            outcomes[address] = (id, outcome)
            return slim
        }
    }

    /// One live client of a page after the parallel part of `add`: for a manifest client's id, that id,
    /// the client's outcome and the live client cut down.
    private struct Planned: Sendable {
        var live: LiveClient
        var id: String? = nil
        var client: ClientAddress? = nil
        var outcome: ClientOutcome? = nil
        var slim: [String: JSONValue]? = nil
    }

    /// What step 1 reads of a live client whose plan is made: its id (it matches `.existing`, by
    /// construction) and its ownership marker (`LiveIndex.byAddress`). Nothing plans it again: a second
    /// listing of its id comes whole and is planned by the planner.
    static func slim(_ live: LiveClient, idField: String, markerField: String?) -> [String: JSONValue] {
        var kept: [String: JSONValue] = [idField: live[idField] ?? .null]
        if let markerField, let marker = live[markerField] { kept[markerField] = marker }
        return kept
    }

    /// The early outcome for `client`, if step 1 matched it as an early plan assumed (`existing` under the
    /// id planned, with nothing said yet).
    func outcome(for client: ClientManifest, _ match: ProviderPlanner.Match, after step1: ClientOutcome) -> ClientOutcome? {
        guard case .existing(let id) = match, step1.isEmpty, let early = outcomes[client.address], early.id == id,
            !listedTwice.contains(id)
        else { return nil }
        return early.outcome
    }

    /// True when `client` was planned ahead (and its live client cut down): the planner must take
    /// that outcome, as `outcome(for:_:after:)` gives it.
    func holds(_ client: ClientManifest) -> Bool { outcomes[client.address] != nil }

    /// How many clients were planned ahead (for tests).
    package var count: Int { outcomes.count }
}

extension ClientOutcome {
    /// Nothing planned or said.
    var isEmpty: Bool { actions.isEmpty && notes.isEmpty && warnings.isEmpty && diagnostics.isEmpty }
}
