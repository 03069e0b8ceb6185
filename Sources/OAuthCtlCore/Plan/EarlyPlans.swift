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
    @discardableResult
    package mutating func add(_ page: [LiveClient]) -> [[String: JSONValue]] {
        guard let planner, !clientsByID.isEmpty else { return page.map(\.object) }
        var pairs: [(client: ClientManifest, id: String, live: LiveClient)] = []
        for live in page {
            guard let id = live[idField]?.stringValue, let client = clientsByID[id] else { continue }
            if !listedIDs.insert(id).inserted {
                listedTwice.insert(id)
                outcomes[client.address] = nil
                pairs.removeAll { $0.id == id }
                continue
            }
            pairs.append((client, id, live))
        }
        let ranges = ParallelMap.ranges(count: pairs.count, size: ProviderPlanner.clientsPerTask)
        let planned = ParallelMap.map(count: ranges.count) { [pairs] index in
            pairs[ranges[index]].map { pair in
                var outcome = ClientOutcome()
                planner.plan(pair.client, .existing(id: pair.id), live: { $0 == pair.id ? pair.live : nil }, into: &outcome)
                return (pair.client.address, pair.id, outcome)
            }
        }
        var plannedIDs: Set<String> = []
        for (address, id, outcome) in planned.joined() where !listedTwice.contains(id) {
            outcomes[address] = (id, outcome)
            plannedIDs.insert(id)
        }
        return page.map { live in
            guard let id = live[idField]?.stringValue, plannedIDs.contains(id) else { return live.object }
            return Self.slim(live, idField: idField, markerField: markerField)
        }
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
