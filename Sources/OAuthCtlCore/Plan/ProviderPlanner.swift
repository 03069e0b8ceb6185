import OAuthCtlConcurrency
import YAML

/// Plans the clients of one provider: matches desired to live by id (then by marker address),
/// diffs them, and classifies every live client that no manifest claims.
///
/// Three steps, so the costly part runs on every core and the result is still that of one loop:
/// 1. in manifest order, each client is matched to a live client (a claim depends on earlier claims);
/// 2. each matched client is planned on its own, in parallel: canonical forms, diff, secret statuses
///    (PBKDF2 fingerprint checks, ~10 ms each), live digest;
/// 3. each client's actions, notes and diagnostics are appended in manifest order.
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

    init(state: Planner.ProviderState, options: PlanOptions, secretStatus: @escaping Planner.SecretStatusProvider) {
        self.state = state
        self.options = options
        self.secretStatus = secretStatus
    }

    var schema: ClientSchema { state.schema }
    var managedBy: String { state.provider.managedBy }

    /// What step 1 decided for one manifest client.
    private enum Match: Sendable {
        /// Nothing to plan (an error was reported while matching).
        case none
        case tombstone(id: String)
        case existing(id: String)
        /// A different live client (`oldID`) is replaced by this one.
        case replace(id: String, oldID: String)
        case create(id: String)
    }

    /// One manifest client's work: its match, and a planner that collects only its own output.
    private struct Work: Sendable {
        var client: ClientManifest
        var match: Match
        var output: ProviderPlanner
    }

    /// This planner with nothing collected yet (shares the state; copies are cheap).
    private var empty: ProviderPlanner {
        var copy = self
        copy.actions = []
        copy.untouched = []
        copy.notes = []
        copy.warnings = []
        copy.diagnostics = []
        return copy
    }

    /// Clients planned per piece of parallel work (small, so slow secret checks spread over the cores).
    private static let clientsPerTask = 64

    mutating func plan(_ clients: [ClientManifest]) {
        var liveByID: [String: [String: JSONValue]] = [:]
        for client in state.live {
            if let id = client[schema.idField]?.stringValue { liveByID[id] = client }
        }
        var liveByAddress: [String: String] = [:]
        for (id, client) in liveByID {
            if let marker = schema.ownership.marker(in: client), marker.managedBy == managedBy, let address = marker.address {
                liveByAddress[address] = id
            }
        }
        // Step 1, in order: matches and claims.
        var claimed: Set<String> = []
        let manifestIDs = Set(clients.map { $0.clientID(schema: schema) })
        // Case-insensitive ids (Glewlwyd): folded id → the live spelling.
        var liveIDByKey: [String: String] = [:]
        if schema.caseInsensitiveIDs {
            for id in liveByID.keys.sorted() { liveIDByKey[schema.idKey(id)] = liveIDByKey[schema.idKey(id)] ?? id }
        }
        var work: [Work] = []
        work.reserveCapacity(clients.count)
        for client in clients {
            var output = empty
            let match = output.match(
                client, liveByID: liveByID, liveByAddress: liveByAddress, liveIDByKey: liveIDByKey, manifestIDs: manifestIDs,
                claimed: &claimed)
            work.append(Work(client: client, match: match, output: output))
        }
        // Step 2, in parallel: each client planned against the live client it matched.
        let ranges = ParallelMap.ranges(count: work.count, size: Self.clientsPerTask)
        let planned = ParallelMap.map(count: ranges.count) { [work, liveByID] index in
            work[ranges[index]].map { item in
                var output = item.output
                output.plan(item.client, item.match, liveByID: liveByID)
                return output
            }
        }
        work = []
        // Step 3, in order.
        for output in planned.joined() {
            actions += output.actions
            notes += output.notes
            warnings += output.warnings
            diagnostics += output.diagnostics
        }
        classifyUnclaimed(liveByID.filter { !claimed.contains($0.key) }, canonicalizer: Canonicalizer(schema: schema))
    }

    /// Step 1 for one client: the live client it maps to, claimed (notes and errors go to this planner).
    private mutating func match(
        _ client: ClientManifest, liveByID: [String: [String: JSONValue]], liveByAddress: [String: String],
        liveIDByKey: [String: String], manifestIDs: Set<String>, claimed: inout Set<String>
    ) -> Match {
        guard var id = resolveID(client, liveByID: liveByID, liveByAddress: liveByAddress, claimed: claimed) else { return .none }
        if liveByID[id] == nil, let liveID = liveIDByKey[schema.idKey(id)] {
            notes.append(
                "\(client.address): \(schema.idField) '\(id)' is the live client '\(liveID)' (the server compares ids without case and keeps the spelling it was created with)"
            )
            id = liveID
        }
        if client.state == .absent {
            claimed.insert(id)
            return .tombstone(id: id)
        }
        if liveByID[id] != nil {
            claimed.insert(id)
            return .existing(id: id)
        } else if let oldID = liveByAddress[client.address.description], liveByID[oldID] != nil, !claimed.contains(oldID) {
            claimed.insert(oldID)
            return .replace(id: id, oldID: oldID)
        } else if let oldID = previousID(of: client, liveByID: liveByID, manifestIDs: manifestIDs, claimed: claimed), liveByID[oldID] != nil
        {
            claimed.insert(oldID)
            return .replace(id: id, oldID: oldID)
        }
        return .create(id: id)
    }

    /// Step 2 for one client (reads only its own match and the live clients).
    private mutating func plan(_ client: ClientManifest, _ match: Match, liveByID: [String: [String: JSONValue]]) {
        let canonicalizer = Canonicalizer(schema: schema)
        let id: String
        switch match {
        case .none: return
        case .tombstone(let tombstoneID):
            planTombstone(client, id: tombstoneID, live: liveByID[tombstoneID], canonicalizer: canonicalizer)
            return
        case .existing(let matched), .replace(let matched, _), .create(let matched): id = matched
        }
        var spec = client.spec
        if let field = schema.matchField {
            // The match value is what the live client must carry, so a manifest that leaves the
            // field out writes the value it is matched by (the manifest name).
            if spec[field] == nil, let value = client.matchValue(schema: schema) { spec[field] = .string(value) }
        } else {
            spec[schema.idField] = .string(id)
        }
        let desired = withWriteOnlyValues(canonicalizer.canonicalize(spec), from: client)
        let planned = actions.count
        var live: [String: JSONValue]?
        switch match {
        case .existing:
            live = liveByID[id]
            planExisting(client, id: id, desired: desired, live: liveByID[id] ?? [:], canonicalizer: canonicalizer)
        case .replace(_, let oldID):
            live = liveByID[oldID]
            planReplace(client, id: id, oldID: oldID, desired: desired, live: liveByID[oldID] ?? [:], canonicalizer: canonicalizer)
        default:
            planCreate(client, id: id, desired: desired)
        }
        if actions.count == planned + 1 { UserForm(schema: schema).apply(to: &actions[planned], spec: spec, live: live) }
    }

    /// The live id a manifest client maps to: its own id, or for server-generated ids the live client
    /// marked with its address, else the one whose `matchField` equals its value (nil after an error).
    /// An empty id means "not on the server yet".
    private mutating func resolveID(
        _ client: ClientManifest, liveByID: [String: [String: JSONValue]], liveByAddress: [String: String], claimed: Set<String>
    ) -> String? {
        guard let field = schema.matchField, let value = client.matchValue(schema: schema) else { return client.clientID(schema: schema) }
        if let id = liveByAddress[client.address.description] { return id }
        let matches = liveByID.filter { !claimed.contains($0.key) && $0.value[field]?.stringValue == value }.keys.sorted()
        if matches.count > 1 {
            diagnostics.append(
                .error(
                    "\(client.address): \(matches.count) live clients have \(field) '\(value)' (ids \(matches.joined(separator: ", "))); rename one, or delete the extra one, so the match is unambiguous",
                    at: client.fieldLocations[field] ?? client.location, code: "ambiguous-match"))
            return nil
        }
        if let id = matches.first {
            notes.append("\(client.address): matched live client '\(id)' by \(field) '\(value)'")
            return id
        }
        return ""
    }

    /// Write-only fields (accepted, never returned) can't be canonicalized against live: they ride along
    /// in `after` as written, so every create and update sends them, and the differ never compares them.
    private func withWriteOnlyValues(_ desired: [String: JSONValue], from client: ClientManifest) -> [String: JSONValue] {
        var out = desired
        for name in schema.plainWriteOnlyFields {
            if let value = client.spec[name] { out[name] = value }
        }
        return out
    }

    /// The write-only fields a manifest sets, in schema order.
    private func writeOnlyFieldsSet(by client: ClientManifest) -> [String] {
        schema.plainWriteOnlyFields.filter { client.spec[$0] != nil }
    }

    /// Without an ownership marker, the live client this manifest client was before its id changed: the
    /// one unclaimed live client, whose id no manifest uses, with the same `idChangeMatchField` value.
    private mutating func previousID(
        of client: ClientManifest, liveByID: [String: [String: JSONValue]], manifestIDs: Set<String>, claimed: Set<String>
    ) -> String? {
        guard !schema.ownership.isAvailable, let field = schema.idChangeMatchField,
            let value = client.spec[field], value != .null
        else { return nil }
        let matches = liveByID.filter { !claimed.contains($0.key) && !manifestIDs.contains($0.key) && $0.value[field] == value }.keys
            .sorted()
        guard matches.count == 1, let id = matches.first else { return nil }
        notes.append(
            "\(client.address): no live client has \(schema.idField) '\(client.clientID(schema: schema))'; live client '\(id)' has the same \(field), so the \(schema.idField) change plans as a replace (\(schema.providerType) has no ownership marker; give the new client another \(field) to create it alongside instead)"
        )
        return id
    }

    private func newMarker(_ client: ClientManifest) -> OwnershipMarker? {
        schema.ownership.isAvailable ? OwnershipMarker(managedBy: managedBy, address: client.address.description) : nil
    }

    private mutating func planCreate(_ client: ClientManifest, id: String, desired: [String: JSONValue]) {
        var action = PlannedAction(
            address: client.address, providerType: schema.providerType, action: .create, id: id, reason: .notOnServer, after: desired)
        action.secrets = client.secrets
        action.marker = newMarker(client)
        action.changes =
            schema.fields.filter(\.isComparable).compactMap { field in
                let value = desired[field.name] ?? .null
                return value == canonicalizerDefault(field) ? nil : FieldChange(path: field.name, before: .null, after: value)
            } + writeOnlyFieldsSet(by: client).map { FieldChange(path: $0, before: .null, after: desired[$0] ?? .null) }
            + client.secrets.keys.sorted().map { FieldChange(path: $0, before: .null, after: FieldChange.sensitiveValue, sensitive: true) }
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
            diagnostics.append(
                .error(
                    "\(client.address): client '\(id)' is managed by '\(liveMarker.managedBy)', not '\(managedBy)'; two repositories can't manage one client (remove it from one of them)",
                    at: client.location, code: "owned-elsewhere"))
            return
        }
        var changes = Differ(schema: schema).diff(desired: desired, live: before, ignoring: client.ignoreFields)
        if let forcing = changes.first(where: \.forcesReplacement) {
            planReplace(
                client, id: schema.matchField == nil ? id : "", oldID: id, desired: desired, live: live, canonicalizer: canonicalizer,
                cause: forcing.path)
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
                notes.append(
                    "\(client.address): has no ownership marker on the server yet; it gains one with its next change (until then --prune never deletes it)"
                )
            } else {
                changes.append(FieldChange(path: path, before: liveMarker?.displayJSON ?? .null, after: marker.displayJSON))
                reason = liveMarker == nil ? .adopt : reason
            }
        }
        let writeOnly = writeOnlyFieldsSet(by: client).filter { !client.ignoreFields.contains($0) }
        if !writeOnly.isEmpty, options.setSecrets {
            changes += writeOnly.map { FieldChange(path: $0, before: .null, after: desired[$0] ?? .null) }
        } else if !writeOnly.isEmpty, changes.isEmpty {
            notes.append(
                "\(client.address): \(writeOnly.joined(separator: ", ")) can't be read back (write-only on \(schema.providerType)), so a change to it alone plans no update; it is sent with every update, and --set-secrets forces one"
            )
        }
        if !unknownSecrets.isEmpty {
            notes.append(
                "\(client.address): the live value of \(unknownSecrets.joined(separator: ", ")) is unknown (no fingerprint on the server); pass --set-secrets to write it"
            )
        }
        for field in (liveMarker?.pendingSecrets ?? []).sorted() where !changes.contains(where: { $0.path == field }) {
            warnings.append(
                "\(client.address): the \(field) that the server generated when it created this client may be lost: the run that created it ended before confirming it was stored in its --secrets-out file. If that file doesn't hold it, \(SecretRecovery.steps(client.address))"
            )
        }
        var action = PlannedAction(
            address: client.address, providerType: schema.providerType, action: changes.isEmpty ? .noOp : .update, id: id,
            reason: changes.isEmpty ? .matches : reason, changes: changes, before: before, after: desired)
        action.secrets = client.secrets.filter { name, _ in changes.contains { $0.path == name } }
        action.secretReferences = client.secrets
        action.ignoreFields = client.ignoreFields
        action.marker = marker
        action.liveMarker = liveMarker
        if options.liveDigests { action.liveDigest = LiveDigest.of(live, canonical: before, schema: schema) }
        actions.append(action)
    }

    private mutating func planReplace(
        _ client: ClientManifest, id: String, oldID: String, desired: [String: JSONValue], live: [String: JSONValue],
        canonicalizer: Canonicalizer, cause: String? = nil
    ) {
        guard options.allowReplace else {
            let field = cause ?? schema.idField
            let change = cause == nil ? "changing '\(field)' from '\(oldID)' to '\(id)'" : "changing '\(field)' (immutable on this server)"
            diagnostics.append(
                .error(
                    "\(client.address): \(change) forces replacement (delete, then create: existing grants and tokens are revoked); run with --allow-replace to accept",
                    at: client.fieldLocations[field] ?? client.location, code: "replace-needs-allow-replace"))
            return
        }
        let before = canonicalizer.canonicalize(live)
        var changes = Differ(schema: schema).diff(desired: desired, live: before, ignoring: client.ignoreFields)
        changes += client.secrets.keys.sorted().map {
            FieldChange(path: $0, before: FieldChange.sensitiveValue, after: FieldChange.sensitiveValue, sensitive: true)
        }
        var action = PlannedAction(
            address: client.address, providerType: schema.providerType, action: .replace, id: id, reason: .immutableFieldChanged,
            changes: changes, before: before, after: desired)
        action.replacedID = oldID
        if options.liveDigests { action.liveDigest = LiveDigest.of(live, schema: schema) }
        action.secrets = client.secrets
        action.marker = newMarker(client)
        if let secretField = schema.secretField, client.secrets[secretField] == nil, schema.usesSecret(desired) {
            action.receivesGeneratedSecret = true
        }
        actions.append(action)
    }

    private mutating func planTombstone(_ client: ClientManifest, id: String, live: [String: JSONValue]?, canonicalizer: Canonicalizer) {
        guard let live else {
            actions.append(
                PlannedAction(address: client.address, providerType: schema.providerType, action: .noOp, id: id, reason: .alreadyAbsent))
            return
        }
        if let owner = schema.ownership.marker(in: live)?.managedBy, owner != managedBy {
            diagnostics.append(
                .error(
                    "\(client.address): client '\(id)' is managed by '\(owner)', not '\(managedBy)'; a tombstone deletes only clients this repository may manage (remove the tombstone, or delete it from the repository that manages it)",
                    at: client.location, code: "owned-elsewhere"))
            return
        }
        var action = PlannedAction(
            address: client.address, providerType: schema.providerType, action: .delete, id: id, reason: .tombstone,
            before: canonicalizer.canonicalize(live))
        if options.liveDigests { action.liveDigest = LiveDigest.of(live, schema: schema) }
        actions.append(action)
    }
}
