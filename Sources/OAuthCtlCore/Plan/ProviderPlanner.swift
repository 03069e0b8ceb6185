/// Plans the clients of one provider: matches desired to live by id (then by marker address),
/// diffs them, and classifies every live client that no manifest claims.
struct ProviderPlanner {
    let state: Planner.ProviderState
    let options: PlanOptions
    let secretStatus: Planner.SecretStatusProvider
    var actions: [PlannedAction] = []
    var untouched: [Plan.Untouched] = []
    var notes: [String] = []
    var diagnostics: [Diagnostic] = []

    init(state: Planner.ProviderState, options: PlanOptions, secretStatus: @escaping Planner.SecretStatusProvider) {
        self.state = state
        self.options = options
        self.secretStatus = secretStatus
    }

    private var schema: ClientSchema { state.schema }
    private var managedBy: String { state.provider.managedBy }

    mutating func plan(_ clients: [ClientManifest]) {
        let canonicalizer = Canonicalizer(schema: schema)
        // Keyed by `schema.idKey` (folded when the server's ids are case-insensitive); values keep the live id.
        var liveByKey: [String: (id: String, client: [String: JSONValue])] = [:]
        for client in state.live {
            if let id = client[schema.idField]?.stringValue { liveByKey[schema.idKey(id)] = (id, client) }
        }
        var keyByAddress: [String: String] = [:]
        for (key, live) in liveByKey {
            if let marker = schema.ownership.marker(in: live.client), marker.managedBy == managedBy, let address = marker.address {
                keyByAddress[address] = key
            }
        }
        var claimed: Set<String> = []
        for client in clients {
            var id = client.clientID(schema: schema)
            let key = schema.idKey(id)
            if client.state == .absent {
                claimed.insert(key)
                planTombstone(client, id: liveByKey[key]?.id ?? id, live: liveByKey[key]?.client, canonicalizer: canonicalizer)
                continue
            }
            if let live = liveByKey[key], live.id != id {
                notes.append("\(client.address): '\(schema.idField)' '\(id)' matches the live client '\(live.id)' (the server compares ids without case and keeps the case it was created with)")
                id = live.id
            }
            var spec = client.spec
            spec[schema.idField] = .string(id)
            let desired = canonicalizer.canonicalize(spec)
            if let live = liveByKey[key] {
                claimed.insert(key)
                planExisting(client, id: id, desired: desired, live: live.client, canonicalizer: canonicalizer)
            } else if let oldKey = keyByAddress[client.address.description], let old = liveByKey[oldKey], !claimed.contains(oldKey) {
                claimed.insert(oldKey)
                planReplace(client, id: id, oldID: old.id, desired: desired, live: old.client, canonicalizer: canonicalizer)
            } else {
                planCreate(client, id: id, desired: desired)
            }
        }
        let unclaimed = liveByKey.filter { !claimed.contains($0.key) }.values.map { ($0.id, $0.client) }
        classifyUnclaimed(Dictionary(unclaimed, uniquingKeysWith: { first, _ in first }), canonicalizer: canonicalizer)
    }

    private func newMarker(_ client: ClientManifest) -> OwnershipMarker? {
        schema.ownership.isAvailable ? OwnershipMarker(managedBy: managedBy, address: client.address.description) : nil
    }

    private mutating func planCreate(_ client: ClientManifest, id: String, desired: [String: JSONValue]) {
        var action = PlannedAction(address: client.address, providerType: schema.providerType, action: .create, id: id, reason: .notOnServer, after: desired)
        action.secrets = client.secrets
        action.marker = newMarker(client)
        action.changes = schema.fields.filter(\.isComparable).compactMap { field in
            let value = desired[field.name] ?? .null
            return value == canonicalizerDefault(field) ? nil : FieldChange(path: field.name, before: .null, after: value)
        } + client.secrets.keys.sorted().map { FieldChange(path: $0, before: .null, after: FieldChange.sensitiveValue, sensitive: true) }
        if let secretField = schema.secretField, client.secrets[secretField] == nil, schema.usesSecret(desired) {
            action.receivesGeneratedSecret = true
        }
        actions.append(action)
    }

    private func canonicalizerDefault(_ field: FieldSchema) -> JSONValue {
        Canonicalizer(schema: schema).canonicalize(nil, field: field)
    }

    private mutating func planExisting(
        _ client: ClientManifest, id: String, desired: [String: JSONValue], live: [String: JSONValue], canonicalizer: Canonicalizer
    ) {
        let before = canonicalizer.canonicalize(live)
        let liveMarker = schema.ownership.marker(in: live)
        if let liveMarker, liveMarker.managedBy != managedBy {
            diagnostics.append(.error("\(client.address): client '\(id)' is managed by '\(liveMarker.managedBy)', not '\(managedBy)'; two repositories can't manage one client (remove it from one of them)", at: client.location, code: "owned-elsewhere"))
            return
        }
        var changes = Differ(schema: schema).diff(desired: desired, live: before, ignoring: client.ignoreFields)
        var reason = ActionReason.fieldsDiffer
        let marker = newMarker(client)
        if let marker, let path = schema.ownership.path, liveMarker?.managedBy != marker.managedBy || liveMarker?.address != marker.address {
            changes.append(FieldChange(path: path, before: liveMarker?.displayJSON ?? .null, after: marker.displayJSON))
            reason = liveMarker == nil ? .adopt : reason
        }
        var unknownSecrets: [String] = []
        for (field, reference) in client.secrets.sorted(by: { $0.key < $1.key }) {
            switch secretStatus(client.address, field, reference, liveMarker) {
            case .unchanged: continue
            case .changed: break
            case .unknown where options.setSecrets: break
            case .unknown:
                unknownSecrets.append(field)
                continue
            }
            changes.append(FieldChange(path: field, before: FieldChange.sensitiveValue, after: FieldChange.sensitiveValue, sensitive: true))
        }
        if !unknownSecrets.isEmpty {
            notes.append("\(client.address): the live value of \(unknownSecrets.joined(separator: ", ")) is unknown (no fingerprint on the server); pass --set-secrets to write it")
        }
        var action = PlannedAction(address: client.address, providerType: schema.providerType, action: changes.isEmpty ? .noOp : .update, id: id, reason: changes.isEmpty ? .matches : reason, changes: changes, before: before, after: desired)
        action.secrets = client.secrets.filter { name, _ in changes.contains { $0.path == name } }
        action.ignoreFields = client.ignoreFields
        action.marker = marker
        action.liveMarker = liveMarker
        actions.append(action)
    }

    private mutating func planReplace(
        _ client: ClientManifest, id: String, oldID: String, desired: [String: JSONValue], live: [String: JSONValue], canonicalizer: Canonicalizer
    ) {
        guard options.allowReplace else {
            diagnostics.append(.error("\(client.address): changing '\(schema.idField)' from '\(oldID)' to '\(id)' forces replacement (delete, then create: existing grants and tokens are revoked); run with --allow-replace to accept", at: client.fieldLocations[schema.idField] ?? client.location, code: "replace-needs-allow-replace"))
            return
        }
        let before = canonicalizer.canonicalize(live)
        var changes = Differ(schema: schema).diff(desired: desired, live: before, ignoring: client.ignoreFields)
        changes += client.secrets.keys.sorted().map { FieldChange(path: $0, before: FieldChange.sensitiveValue, after: FieldChange.sensitiveValue, sensitive: true) }
        var action = PlannedAction(address: client.address, providerType: schema.providerType, action: .replace, id: id, reason: .immutableFieldChanged, changes: changes, before: before, after: desired)
        action.replacedID = oldID
        action.secrets = client.secrets
        action.marker = newMarker(client)
        if let secretField = schema.secretField, client.secrets[secretField] == nil, schema.usesSecret(desired) {
            action.receivesGeneratedSecret = true
        }
        actions.append(action)
    }

    private mutating func planTombstone(_ client: ClientManifest, id: String, live: [String: JSONValue]?, canonicalizer: Canonicalizer) {
        guard let live else {
            actions.append(PlannedAction(address: client.address, providerType: schema.providerType, action: .noOp, id: id, reason: .alreadyAbsent))
            return
        }
        actions.append(PlannedAction(address: client.address, providerType: schema.providerType, action: .delete, id: id, reason: .tombstone, before: canonicalizer.canonicalize(live)))
    }

    private mutating func classifyUnclaimed(_ unclaimed: [String: [String: JSONValue]], canonicalizer: Canonicalizer) {
        let provider = state.provider.name
        if options.prune, case .unavailable(let reason) = schema.ownership {
            notes.append("--prune deletes nothing on provider '\(provider)' (\(schema.providerType)): \(reason); use metadata.state: absent to delete a client")
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
            actions.append(PlannedAction(address: address, providerType: schema.providerType, action: .delete, id: id, reason: .notInManifests, before: canonicalizer.canonicalize(live)))
        }
    }
}
