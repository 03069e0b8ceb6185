/// After the three steps of `ProviderPlanner`: the live clients no manifest claimed. Clients summarised while listing,
/// orphans (this repository's marker; deleted with `--prune`), clients managed elsewhere and unmanaged ones.
extension ProviderPlanner {
    mutating func classifyUnclaimed(_ unclaimed: [String: [String: JSONValue]], canonicalizer: Canonicalizer) {
        let provider = state.provider.name
        if options.prune, case .unavailable(let reason) = schema.ownership {
            notes.append(
                "--prune deletes nothing on provider '\(provider)' (\(schema.providerType)): \(reason); use metadata.state: absent to delete a client"
            )
        }
        // Taken as it is when nothing came before (one buffer for up to millions of clients, not a copy).
        if untouched.isEmpty { untouched = state.summarised } else { untouched += state.summarised }
        if !state.listed {
            notes.append(
                "\(provider): read the \(PlanWording.clients(state.live.count)) of the manifests by id; other clients on the server were not listed (plan --prune and drift list them)"
            )
        }
        for (id, live) in unclaimed.sorted(by: { $0.key < $1.key }) {
            guard let marker = schema.ownership.marker(in: live) else {
                untouched.append(.init(provider: provider, id: id, kind: .unmanaged))
                continue
            }
            guard marker.managedBy == managedBy else {
                untouched.append(.init(provider: provider, id: id, kind: .managedElsewhere, owner: marker.managedBy))
                continue
            }
            guard options.prune else {
                untouched.append(.init(provider: provider, id: id, kind: .orphaned))
                continue
            }
            let address = marker.address.flatMap(ClientAddress.init) ?? ClientAddress(provider: provider, name: id)
            var action = PlannedAction(
                address: address, providerType: schema.providerType, action: .delete, id: id, reason: .notInManifests,
                before: canonicalizer.canonicalize(live))
            if options.recordsLiveState { action.liveDigest = LiveDigest.of(live, schema: schema) }
            actions.append(action)
        }
    }
}
