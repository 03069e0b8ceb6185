import OAuthCtlCore

/// Carries out one planned action: builds the body and makes the adapter calls it needs.
struct ActionRunner {
    let action: PlannedAction
    let adapter: any ProviderAdapter
    let secrets: [String: SecretValue]
    let sink: SecretsSink?
    let salt: @Sendable () -> [UInt8]

    func run() async throws {
        switch action.action {
        case .create:
            try await create()
        case .update:
            try await adapter.updateClient(id: action.id, body(keeping: action.liveMarker))
        case .replace:
            if let old = action.replacedID { try await adapter.deleteClient(id: old) }
            try await create()
        case .delete:
            try await adapter.deleteClient(id: action.id)
        case .noOp:
            break
        }
    }

    private func create() async throws {
        let result = try await adapter.createClient(body(keeping: nil))
        // A secret the client never uses (e.g. Hydra's for private_key_jwt) is discarded, not kept.
        if action.receivesGeneratedSecret, let secret = result.generatedSecret, let field = adapter.schema.secretField {
            guard let sink else { throw SecretError("the server generated a secret and there is no --secrets-out sink") }
            let id = result.oauthClientID ?? (result.id.isEmpty ? action.id : result.id)
            try sink.record(address: action.address, id: id, field: field, secret: secret)
        }
    }

    /// The full body; fingerprints of the secrets written now, and the live ones kept for the rest.
    private func body(keeping liveMarker: OwnershipMarker?) -> [String: JSONValue] {
        var fingerprints = liveMarker?.fingerprints ?? [:]
        for (field, value) in secrets {
            fingerprints[field] = SecretFingerprint.make(secret: value.revealed, salt: salt()).encoded
        }
        return WriteBody.make(action, schema: adapter.schema, secrets: secrets, fingerprints: fingerprints)
    }
}
