import OAuthCtlCore

/// `oauthctl rotate`: gives existing clients a new secret (or ends an overlap), through the provider
/// adapters' rotation support; the engine never names a provider.
///
/// The new secret goes only to the sink (recorded `pending` first, durable before the run goes on), and
/// where the provider keeps an ownership marker the secret's fingerprint follows in a second write that
/// keeps every other field as it is live (so a later plan with the secret referenced compares right).
package struct SecretRotator: Sendable {
    package var adapters: [String: any ProviderAdapter]
    package var sink: SecretsSink?
    package var fingerprinter: Fingerprinter
    package var salt: @Sendable () -> [UInt8]

    package init(
        adapters: [String: any ProviderAdapter], sink: SecretsSink?, fingerprinter: Fingerprinter,
        salt: @escaping @Sendable () -> [UInt8] = Executor.randomSalt
    ) {
        self.adapters = adapters
        self.sink = sink
        self.fingerprinter = fingerprinter
        self.salt = salt
    }

    /// One client's outcome: a line for the report (never a secret).
    package struct Outcome: Sendable {
        package var address: ClientAddress
        package var succeeded: Bool
        package var message: String
    }

    /// What rotating `action`'s client will do, for the confirmation (nil when it can't: `problem` says why).
    package static func preview(_ action: PlannedAction, adapter: any ProviderAdapter, finish: Bool) -> (text: String?, problem: String?) {
        let field = adapter.schema.secretField ?? "secret"
        let rotation = adapter.secretRotation
        if case .unsupported(let reason) = rotation { return (nil, "\(action.address): \(reason)") }
        if finish {
            guard rotation.overlaps else {
                return ("\(action.address): nothing to finish: \(action.providerType) keeps no old secret after a rotation", nil)
            }
            return ("\(action.address): end the overlap: every \(field) but the newest stops working", nil)
        }
        switch rotation {
        case .overlap:
            return (
                "\(action.address): a new \(field) from the server; the old one keeps working until 'oauthctl rotate \(action.address) --finish'",
                nil
            )
        case .regenerate:
            return (
                "\(action.address): a new \(field) from the server; no overlap on \(action.providerType): the old \(field) stops working at once",
                nil
            )
        case .update:
            return (
                "\(action.address): oauthctl sets a new random \(field); no overlap on \(action.providerType): the old \(field) stops working at once",
                nil
            )
        case .unsupported(let reason):
            return (nil, "\(action.address): \(reason)")
        }
    }

    package func rotate(_ action: PlannedAction) async -> Outcome {
        await outcome(action) { adapter, field in try await newSecret(action, adapter: adapter, field: field) }
    }

    package func finish(_ action: PlannedAction) async -> Outcome {
        await outcome(action) { adapter, _ in
            guard adapter.secretRotation.overlaps else { return "nothing to finish (no overlap on \(action.providerType))" }
            try await adapter.finishSecretRotation(id: action.id)
            return "overlap ended: only the newest secret works"
        }
    }

    private func outcome(_ action: PlannedAction, _ body: (any ProviderAdapter, String) async throws -> String) async -> Outcome {
        guard let adapter = adapters[action.address.provider], let field = adapter.schema.secretField else {
            return Outcome(address: action.address, succeeded: false, message: "\(action.providerType) clients have no secret field")
        }
        do {
            return Outcome(address: action.address, succeeded: true, message: try await body(adapter, field))
        } catch {
            return Outcome(address: action.address, succeeded: false, message: "\(error)")
        }
    }

    private func newSecret(_ action: PlannedAction, adapter: any ProviderAdapter, field: String) async throws -> String {
        guard let sink else { throw RotationError("there is no --secrets-out file to keep the new secret") }
        let live = action.before ?? [:]
        switch adapter.secretRotation {
        case .unsupported(let reason):
            throw RotationError(reason)
        case .overlap, .regenerate:
            try sink.markPending(action.address)
            let rotated: RotatedSecret
            do {
                // The raw client as the server returns it (e.g. Rightbrain's OAuth client_id, which plans don't keep).
                let raw = try await adapter.getClient(id: action.id) ?? live
                rotated = try await adapter.rotateSecret(id: action.id, live: raw)
            } catch let error as UncertainOutcome where error.outcomeIsUnknown {
                try sink.markLost(action.address, id: action.id)
                throw RotationError(
                    "the server may have made a new secret, but its answer never arrived (\(error)); run 'oauthctl rotate \(action.address)' again"
                )
            } catch {
                try sink.clearProblem(action.address)
                throw error
            }
            try sink.record(address: action.address, id: rotated.oauthClientID ?? action.id, field: field, secret: rotated.secret)
            do {
                try await followFingerprint(action, adapter: adapter, field: field, secret: rotated.secret, sending: false)
            } catch {
                throw RotationError(
                    "the new secret is stored in '\(sink.path)', but writing its fingerprint to the client's marker failed (\(error)); until the next apply, plans may call \(field) changed"
                )
            }
        case .update:
            guard let secret = adapter.generateSecret() else { throw RotationError("the adapter made no secret") }
            try sink.markPending(action.address)
            do {
                try await followFingerprint(action, adapter: adapter, field: field, secret: secret, sending: true)
            } catch let error as UncertainOutcome where error.outcomeIsUnknown {
                // The secret is known here: keep it, it may be the one in force.
                try sink.record(address: action.address, id: action.id, field: field, secret: secret)
                throw RotationError(
                    "the update's outcome is unknown (\(error)); the new secret is in '\(sink.path)' in case it took effect: run 'oauthctl plan' and rotate again if the old one still works"
                )
            } catch {
                try sink.clearProblem(action.address)
                throw error
            }
            try sink.record(address: action.address, id: action.id, field: field, secret: secret)
        }
        var message = "new \(field) stored in '\(sink.path)'" + (sink.isEncrypted ? " (encrypted)" : "")
        if adapter.secretRotation.overlaps { message += "; the old one works until 'oauthctl rotate \(action.address) --finish'" }
        if let reference = action.secretReferences[field] {
            message += "; the manifest takes \(field) from \(reference): put the new secret there, or the next apply sets the old one back"
        }
        return message
    }

    /// The live client with the new secret's fingerprint in its marker (and, when `sending`, the secret).
    private func followFingerprint(_ action: PlannedAction, adapter: any ProviderAdapter, field: String, secret: SecretValue, sending: Bool)
        async throws
    {
        guard sending || (action.marker != nil && adapter.schema.ownership.isAvailable) else { return }
        var live = action
        live.after = action.before
        live.ignoreFields = []
        var fingerprints = action.liveMarker?.fingerprints ?? [:]
        fingerprints[field] = fingerprinter.make(secret.revealed, salt: salt())
        let body = WriteBody.make(live, schema: adapter.schema, secrets: sending ? [field: secret] : [:], fingerprints: fingerprints)
        try await adapter.updateClient(id: action.id, body)
    }
}

/// Why a rotation failed inside the engine (never holds a secret).
struct RotationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
