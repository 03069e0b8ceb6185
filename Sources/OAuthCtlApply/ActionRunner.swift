import OAuthCtlCore

/// Carries out one planned action: builds the body and makes the adapter calls it needs.
///
/// A create that receives a server-generated secret is recorded `pending` in the sink before it is
/// sent, and the secret is on disk before the run goes on. Where the provider keeps an ownership marker,
/// the create marks the secret pending on the server too, and a second write clears that mark (adding
/// the secret's fingerprint) once the secret is stored: a client whose run died in between is named by
/// every later plan. A create whose outcome is unknown is read back, never sent again blindly.
struct ActionRunner {
    let action: PlannedAction
    let adapter: any ProviderAdapter
    let secrets: [String: SecretValue]
    let sink: SecretsSink?
    let salt: @Sendable () -> [UInt8]
    var fingerprinter = Fingerprinter(key: nil)
    /// Unchanged secrets (not sent) whose live fingerprint is in an older form: fingerprinted again.
    var refresh: [String: SecretValue] = [:]

    func run() async throws -> ApplyReport.Outcome {
        switch action.action {
        case .create:
            return try await create()
        case .update:
            try await adapter.updateClient(id: action.id, body(keeping: action.liveMarker))
        case .replace:
            if let old = action.replacedID { try await adapter.deleteClient(id: old) }
            return try await create()
        case .delete:
            try await adapter.deleteClient(id: action.id)
        case .noOp:
            break
        }
        return .succeeded
    }

    /// The secret field the server fills in at create time, when this action keeps it.
    private var generatedField: String? {
        action.receivesGeneratedSecret ? adapter.schema.secretField : nil
    }

    private func create() async throws -> ApplyReport.Outcome {
        var body = body(keeping: nil)
        if let field = generatedField {
            guard let sink else { throw ApplyError.noSink }
            try sink.markPending(action.address)
            if var marker = action.marker {
                marker.pendingSecrets = [field]
                adapter.schema.ownership.write(markerWithFingerprints(marker, [:]), into: &body)
            }
        }
        let result: CreateResult
        do {
            result = try await adapter.createClient(body)
        } catch let error as UncertainOutcome where error.outcomeIsUnknown {
            // The server may have created the client: look before doing anything else.
            guard let live = try await readBack(after: "\(error)") else {
                // Not there: the create never happened, so sending it once more is safe.
                return try await created(adapter.createClient(body))
            }
            let id = live[adapter.schema.idField]?.stringValue ?? action.id
            guard generatedField != nil, let sink else { return .succeeded }
            try sink.markLost(action.address, id: id)
            return .secretLost(
                "created as '\(id)' (found by reading it back), but the server's answer, the only copy of its generated secret, never arrived (\(error)); "
                    + SecretRecovery.steps(action.address))
        }
        return try await created(result)
    }

    /// Stores the generated secret, then confirms it on the server (fingerprint in, pending mark out).
    private func created(_ result: CreateResult) async throws -> ApplyReport.Outcome {
        guard let field = generatedField, let sink else { return .succeeded }
        let id = result.id.isEmpty ? action.id : result.id
        var generated: [String: String] = [:]
        if let secret = result.generatedSecret {
            try sink.record(address: action.address, id: result.oauthClientID ?? id, field: field, secret: secret)
            generated[field] = fingerprinter.make(secret.revealed, salt: salt())
        } else {
            // The server chose not to generate one after all (e.g. Glewlwyd's client with a password).
            try sink.clearProblem(action.address)
        }
        guard let marker = action.marker else { return .succeeded }
        var confirmed = body(keeping: nil)
        adapter.schema.ownership.write(markerWithFingerprints(marker, generated), into: &confirmed)
        do {
            try await adapter.updateClient(id: id, confirmed)
        } catch {
            throw ApplyError.unconfirmed(sink: sink.path, underlying: "\(error)")
        }
        return .succeeded
    }

    /// The live client this create would have made, if it exists: by its pinned id, else by the field
    /// the provider matches on (e.g. Rightbrain's name).
    private func readBack(after writeError: String) async throws -> [String: JSONValue]? {
        do {
            if !action.id.isEmpty { return try await adapter.getClient(id: action.id) }
            guard let field = adapter.schema.matchField, let value = action.after?[field] else { return nil }
            return try await adapter.listClients().first { $0[field] == value }
        } catch {
            throw ApplyError.unknownOutcome(write: writeError, readBack: "\(error)")
        }
    }

    private func markerWithFingerprints(_ marker: OwnershipMarker, _ generated: [String: String]) -> OwnershipMarker {
        var copy = marker
        copy.fingerprints = (action.liveMarker?.fingerprints ?? [:]).merging(fingerprints()) { $1 }.merging(generated) { $1 }
        return copy
    }

    /// Fingerprints of the secrets written now, and of unchanged ones whose live fingerprint is outdated.
    private func fingerprints() -> [String: String] {
        refresh.merging(secrets) { $1 }.mapValues { fingerprinter.make($0.revealed, salt: salt()) }
    }

    /// The full body; fingerprints of the secrets written now, and the live ones kept for the rest.
    private func body(keeping liveMarker: OwnershipMarker?) -> [String: JSONValue] {
        let kept = liveMarker?.fingerprints ?? [:]
        return WriteBody.make(action, schema: adapter.schema, secrets: secrets, fingerprints: kept.merging(fingerprints()) { $1 })
    }
}

/// Why an action failed inside the engine (the adapters' own errors are passed on as they are).
enum ApplyError: Error, CustomStringConvertible {
    case noSink
    /// The secret is safe in the sink, but the server still marks it pending.
    case unconfirmed(sink: String, underlying: String)
    /// The write may have happened and reading it back failed too.
    case unknownOutcome(write: String, readBack: String)

    var description: String {
        switch self {
        case .noSink:
            "the server generates a secret and there is no --secrets-out file to keep it"
        case .unconfirmed(let sink, let underlying):
            "created; its generated secret is stored in '\(sink)', but marking it delivered on the server failed (\(underlying)); plans will say it may be lost until the next apply"
        case .unknownOutcome(let write, let readBack):
            "the outcome is unknown: the write failed (\(write)) and reading the client back failed too (\(readBack)); run 'oauthctl plan' to see whether it exists"
        }
    }
}
