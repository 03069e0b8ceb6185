/// Step 2 of `ProviderPlanner` for one manifest client, matched to its live client (or to none): the
/// canonical forms, the diff, the secrets' statuses and the action. Pure; independent of every other
/// client, so clients are planned in parallel, each into its own `ClientOutcome`.
struct ClientPlanner: Sendable {
    let schema: ClientSchema
    let managedBy: String
    let options: PlanOptions
    let secretStatus: Planner.SecretStatusProvider
    let liveSecretComparer: Planner.LiveSecretComparer?
    /// Made once, not per client: each would copy the schema, on every core at once.
    private let canonicalizer: Canonicalizer
    private let differ: Differ
    private let userForm: UserForm

    init(
        schema: ClientSchema, managedBy: String, options: PlanOptions, secretStatus: @escaping Planner.SecretStatusProvider,
        liveSecretComparer: Planner.LiveSecretComparer?
    ) {
        self.schema = schema
        self.managedBy = managedBy
        self.options = options
        self.secretStatus = secretStatus
        self.liveSecretComparer = liveSecretComparer
        canonicalizer = Canonicalizer(schema: schema)
        differ = Differ(schema: schema)
        userForm = UserForm(schema: schema)
    }

    /// Plans `client` as `match` decided, into `outcome` (reads only its own match and the live clients,
    /// by id: `liveByID`).
    func plan<Live: LiveFields>(
        _ client: ClientManifest, _ match: ProviderPlanner.Match, live liveByID: (String) -> Live?, into outcome: inout ClientOutcome
    ) {
        let id: String
        switch match {
        case .failed: return
        case .tombstone(let tombstoneID):
            planTombstone(client, id: tombstoneID, live: liveByID(tombstoneID)?.object, canonicalizer: canonicalizer, into: &outcome)
            return
        case .existing(let matched), .replace(let matched, _), .create(let matched): id = matched
        }
        // A manifest that leaves the match field out is matched by (and writes) its manifest name; else the
        // id is the one resolved (the manifest's, or the spelling the server keeps).
        var identity: (field: String, value: String)?
        if let field = schema.matchField {
            if client.spec[field] == nil, let value = client.matchValue(schema: schema) { identity = (field, value) }
        } else {
            identity = (schema.idField, id)
        }
        let desired = canonicalizer.canonicalClient(client.spec, setting: identity)
        let planned = outcome.actions.count
        var live: Live?
        switch match {
        case .existing:
            live = liveByID(id)
            if let live {
                planExisting(client, id: id, desired: desired, live: live, canonicalizer: canonicalizer, into: &outcome)
            } else {
                planExisting(client, id: id, desired: desired, live: [String: JSONValue](), canonicalizer: canonicalizer, into: &outcome)
            }
        case .replace(_, let oldID):
            live = liveByID(oldID)
            planReplace(
                client, id: id, oldID: oldID, desired: desired, live: live?.object ?? [:], canonicalizer: canonicalizer,
                into: &outcome)
        default:
            planCreate(client, id: id, desired: desired, canonicalizer: canonicalizer, into: &outcome)
        }
        if outcome.actions.count == planned + 1 {
            userForm.apply(to: &outcome.actions[planned], spec: client.spec, live: live)
        }
    }

    /// Write-only fields (accepted, never returned) can't be canonicalized against live: they ride along
    /// in `after` as written, so every create and update sends them, and the differ never compares them.
    private func withWriteOnlyValues(_ desired: CanonicalClient, from client: ClientManifest, canonicalizer: Canonicalizer)
        -> [String: JSONValue]
    {
        var out = canonicalizer.fields(desired)
        for name in schema.plainWriteOnlyFields {
            if let value = client.spec[name] { out[name] = value }
        }
        return out
    }

    /// The write-only fields a manifest sets, in schema order.
    private func writeOnlyFieldsSet(by client: ClientManifest) -> [String] {
        schema.plainWriteOnlyFields.filter { client.spec[$0] != nil }
    }

    private func newMarker(_ client: ClientManifest) -> OwnershipMarker? {
        schema.ownership.isAvailable ? OwnershipMarker(managedBy: managedBy, address: client.address.description) : nil
    }

    private func planCreate(
        _ client: ClientManifest, id: String, desired typed: CanonicalClient, canonicalizer: Canonicalizer,
        into outcome: inout ClientOutcome
    ) {
        let desired = withWriteOnlyValues(typed, from: client, canonicalizer: canonicalizer)
        var action = PlannedAction(
            address: client.address, providerType: schema.providerType, action: .create, id: id, reason: .notOnServer, after: desired)
        action.secrets = client.secrets
        action.marker = newMarker(client)
        action.changes =
            zip(schema.canonicalRules, typed.values).compactMap { rule, value in
                value == rule.canonicalDefault ? nil : FieldChange(path: rule.name, before: .null, after: value)
            } + writeOnlyFieldsSet(by: client).map { FieldChange(path: $0, before: .null, after: desired[$0] ?? .null) }
            + client.secrets.keys.sorted().map { FieldChange(path: $0, before: .null, after: FieldChange.sensitiveValue, sensitive: true) }
        if let secretField = schema.secretField, client.secrets[secretField] == nil, schema.usesSecret(desired) {
            action.receivesGeneratedSecret = true
        }
        outcome.actions.append(action)
    }

    private func planExisting(
        _ client: ClientManifest, id: String, desired: CanonicalClient, live: some LiveFields, canonicalizer: Canonicalizer,
        into outcome: inout ClientOutcome
    ) {
        let before = canonicalizer.canonicalClient(live, like: desired)
        let liveMarker = schema.ownership.marker(in: live)
        if let liveMarker, liveMarker.managedBy != managedBy {
            outcome.diagnostics.append(
                .error(
                    "\(client.address): client '\(id)' is managed by '\(liveMarker.managedBy)', not '\(managedBy)'; two repositories can't manage one client (remove it from one of them)",
                    at: client.location, code: "owned-elsewhere"))
            return
        }
        var changes = differ.diff(desired: desired, live: before, ignoring: client.ignoreFields)
        if let forcing = changes.first(where: \.forcesReplacement) {
            planReplace(
                client, id: schema.matchField == nil ? id : "", oldID: id, desired: desired, live: live.object,
                canonicalizer: canonicalizer, cause: forcing.path, into: &outcome)
            return
        }
        var reason = ActionReason.fieldsDiffer
        let marker = newMarker(client)
        var unknownSecrets: [String] = []
        for (field, reference) in client.secrets.sorted(by: { $0.key < $1.key }) {
            let readable = schema.field(field).map { !$0.writeOnly } ?? false
            let status: SecretStatus
            if readable, let compare = liveSecretComparer, let liveValue = live[field]?.stringValue {
                status = compare(reference, liveValue)
            } else {
                status = secretStatus(client.address, field, reference, liveMarker)
            }
            switch status {
            case .unchanged: continue
            case .changed: break
            case .unknown where options.setSecrets: break
            case .unknown:
                unknownSecrets.append(field)
                continue
            }
            changes.append(FieldChange(path: field, before: FieldChange.sensitiveValue, after: FieldChange.sensitiveValue, sensitive: true))
        }
        // Adoption: an unmarked client gains the marker with its next real change; a marker alone is
        // not a change, so exported manifests plan as no-op. A marker with another address is updated.
        if let marker, let path = schema.ownership.path, liveMarker?.managedBy != marker.managedBy || liveMarker?.address != marker.address
        {
            if liveMarker == nil, changes.isEmpty {
                outcome.notes.append(
                    "\(client.address): has no ownership marker on the server yet; it gains one with its next change (until then --prune never deletes it)"
                )
            } else {
                changes.append(FieldChange(path: path, before: liveMarker?.displayJSON ?? .null, after: marker.displayJSON))
                reason = liveMarker == nil ? .adopt : reason
            }
        }
        let writeOnly = writeOnlyFieldsSet(by: client).filter { !client.ignoreFields.contains($0) }
        if !writeOnly.isEmpty, options.setSecrets {
            changes += writeOnly.map { FieldChange(path: $0, before: .null, after: client.spec[$0] ?? .null) }
        } else if !writeOnly.isEmpty, changes.isEmpty {
            outcome.notes.append(
                "\(client.address): \(writeOnly.joined(separator: ", ")) can't be read back (write-only on \(schema.providerType)), so a change to it alone plans no update; it is sent with every update, and --set-secrets forces one"
            )
        }
        if !unknownSecrets.isEmpty {
            outcome.notes.append(
                "\(client.address): the live value of \(unknownSecrets.joined(separator: ", ")) is unknown (no fingerprint on the server); pass --set-secrets to write it"
            )
        }
        for field in (liveMarker?.pendingSecrets ?? []).sorted() where !changes.contains(where: { $0.path == field }) {
            outcome.warnings.append(
                "\(client.address): the \(field) that the server generated when it created this client may be lost: the run that created it ended before confirming it was stored in its --secrets-out file. If that file doesn't hold it, \(SecretRecovery.steps(client.address))"
            )
        }
        var action = PlannedAction(
            address: client.address, providerType: schema.providerType, action: changes.isEmpty ? .noOp : .update, id: id,
            reason: changes.isEmpty ? .matches : reason, changes: changes)
        if !changes.isEmpty || options.recordsLiveState {
            action.before = canonicalizer.fields(before)
            action.after = withWriteOnlyValues(desired, from: client, canonicalizer: canonicalizer)
        }
        action.secrets = client.secrets.filter { name, _ in changes.contains { $0.path == name } }
        action.secretReferences = client.secrets
        action.ignoreFields = client.ignoreFields
        action.marker = marker
        action.liveMarker = liveMarker
        if options.recordsLiveState { action.liveDigest = LiveDigest.of(live, canonical: action.before ?? [:], schema: schema) }
        outcome.actions.append(action)
    }

    private func planReplace(
        _ client: ClientManifest, id: String, oldID: String, desired typed: CanonicalClient, live: [String: JSONValue],
        canonicalizer: Canonicalizer, cause: String? = nil, into outcome: inout ClientOutcome
    ) {
        guard options.allowReplace else {
            let field = cause ?? schema.idField
            let change = cause == nil ? "changing '\(field)' from '\(oldID)' to '\(id)'" : "changing '\(field)' (immutable on this server)"
            outcome.diagnostics.append(
                .error(
                    "\(client.address): \(change) forces replacement (delete, then create: existing grants and tokens are revoked); run with --allow-replace to accept",
                    at: client.fieldLocations[field] ?? client.location, code: "replace-needs-allow-replace"))
            return
        }
        let before = canonicalizer.canonicalClient(live, like: typed)
        var changes = differ.diff(desired: typed, live: before, ignoring: client.ignoreFields)
        let desired = withWriteOnlyValues(typed, from: client, canonicalizer: canonicalizer)
        changes += client.secrets.keys.sorted().map {
            FieldChange(path: $0, before: FieldChange.sensitiveValue, after: FieldChange.sensitiveValue, sensitive: true)
        }
        var action = PlannedAction(
            address: client.address, providerType: schema.providerType, action: .replace, id: id, reason: .immutableFieldChanged,
            changes: changes, before: canonicalizer.fields(before), after: desired)
        action.replacedID = oldID
        if options.recordsLiveState { action.liveDigest = LiveDigest.of(live, schema: schema) }
        action.secrets = client.secrets
        action.marker = newMarker(client)
        if let secretField = schema.secretField, client.secrets[secretField] == nil, schema.usesSecret(desired) {
            action.receivesGeneratedSecret = true
        }
        outcome.actions.append(action)
    }

    private func planTombstone(
        _ client: ClientManifest, id: String, live: [String: JSONValue]?, canonicalizer: Canonicalizer, into outcome: inout ClientOutcome
    ) {
        guard let live else {
            outcome.actions.append(
                PlannedAction(address: client.address, providerType: schema.providerType, action: .noOp, id: id, reason: .alreadyAbsent))
            return
        }
        if let owner = schema.ownership.marker(in: live)?.managedBy, owner != managedBy {
            outcome.diagnostics.append(
                .error(
                    "\(client.address): client '\(id)' is managed by '\(owner)', not '\(managedBy)'; a tombstone deletes only clients this repository may manage (remove the tombstone, or delete it from the repository that manages it)",
                    at: client.location, code: "owned-elsewhere"))
            return
        }
        var action = PlannedAction(
            address: client.address, providerType: schema.providerType, action: .delete, id: id, reason: .tombstone,
            before: canonicalizer.canonicalize(live))
        if options.recordsLiveState { action.liveDigest = LiveDigest.of(live, schema: schema) }
        outcome.actions.append(action)
    }
}
