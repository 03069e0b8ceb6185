/// Step 1 of `ProviderPlanner`: which live client each manifest client is, in manifest order (a live
/// client claimed by one manifest client can't be claimed by a later one).
extension ProviderPlanner {
    /// What step 1 decided for one manifest client.
    enum Match: Sendable {
        /// Matching reported an error (in the client's outcome): nothing to plan.
        case failed
        case tombstone(id: String)
        case existing(id: String)
        /// A different live client (`oldID`) is replaced by this one.
        case replace(id: String, oldID: String)
        case create(id: String)
    }

    /// Step 1 for one client: the live client it maps to, claimed (notes and errors go to this planner).
    func match(
        _ client: ClientManifest, live: LiveIndex, manifestIDs: PinnedIDs, claimed: inout Set<String>,
        outcome: inout ClientOutcome
    ) -> Match {
        let liveByID = live.byID, liveByAddress = live.byAddress
        guard var id = resolveID(client, live: live, claimed: claimed, outcome: &outcome) else { return .failed }
        var isLive = liveByID[id] != nil
        if !isLive, let liveID = live.idByKey[schema.idKey(id)] {
            outcome.notes.append(
                "\(client.address): \(schema.idField) '\(id)' is the live client '\(liveID)' (the server compares ids without case and keeps the spelling it was created with)"
            )
            id = liveID
            isLive = liveByID[id] != nil
        }
        if client.state == .absent {
            claimed.insert(id)
            return .tombstone(id: id)
        }
        if isLive {
            claimed.insert(id)
            return .existing(id: id)
        }
        // The live client whose marker names this one was it before its id changed; unless another manifest
        // pins that id: then it is that manifest's client (planned there), and this one is created, never
        // replaced over it (which would delete the other manifest's client).
        if let oldID = liveByAddress[client.address.description], liveByID[oldID] != nil, !claimed.contains(oldID),
            !manifestIDs.ids.contains(schema.idKey(oldID))
        {
            claimed.insert(oldID)
            return .replace(id: id, oldID: oldID)
        } else if let oldID = previousID(of: client, liveByID: liveByID, manifestIDs: manifestIDs, claimed: claimed, outcome: &outcome),
            liveByID[oldID] != nil
        {
            claimed.insert(oldID)
            return .replace(id: id, oldID: oldID)
        }
        return .create(id: id)
    }

    /// The live id a manifest client maps to: its own id, or for server-generated ids the live client
    /// marked with its address, else the one whose `matchField` equals its value (nil after an error).
    /// An empty id means "not on the server yet".
    private func resolveID(_ client: ClientManifest, live: LiveIndex, claimed: Set<String>, outcome: inout ClientOutcome) -> String? {
        guard let field = schema.matchField, let value = client.matchValue(schema: schema) else { return client.clientID(schema: schema) }
        if let id = live.byAddress[client.address.description] { return id }
        let matches = live.byID.filter { !claimed.contains($0.key) && $0.value[field]?.stringValue == value }.keys.sorted()
        if matches.count > 1 {
            outcome.diagnostics.append(
                .error(
                    "\(client.address): \(matches.count) live clients have \(field) '\(value)' (ids \(matches.joined(separator: ", "))); rename one, or delete the extra one, so the match is unambiguous",
                    at: client.fieldLocations[field] ?? client.location, code: "ambiguous-match"))
            return nil
        }
        if let id = matches.first {
            outcome.notes.append("\(client.address): matched live client '\(id)' by \(field) '\(value)'")
            return id
        }
        return ""
    }

    /// Without an ownership marker, the live client this manifest client was before its id changed: the
    /// one unclaimed live client, whose id no manifest uses, with the same `idChangeMatchField` value.
    private func previousID(
        of client: ClientManifest, liveByID: [String: [String: JSONValue]], manifestIDs: PinnedIDs, claimed: Set<String>,
        outcome: inout ClientOutcome
    ) -> String? {
        guard !schema.ownership.isAvailable, let field = schema.idChangeMatchField,
            let value = client.spec[field], value != .null
        else { return nil }
        let matches = liveByID.filter { id, live in
            !claimed.contains(id) && !manifestIDs.ids.contains(schema.idKey(id)) && live[field] == value
        }.keys.sorted()
        guard matches.count == 1, let id = matches.first else { return nil }
        outcome.notes.append(
            "\(client.address): no live client has \(schema.idField) '\(client.clientID(schema: schema))'; live client '\(id)' has the same \(field), so the \(schema.idField) change plans as a replace (\(schema.providerType) has no ownership marker; give the new client another \(field) to create it alongside instead)"
        )
        return id
    }
}

/// The ids a provider's manifests pin (as the server compares them), worked out the first time a match
/// asks for them (only a possible replace does; a plan of unchanged clients never does).
final class PinnedIDs {
    private let make: () -> Set<String>
    private(set) lazy var ids = make()

    init(_ make: @escaping () -> Set<String>) { self.make = make }
}
