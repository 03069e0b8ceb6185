import OAuthCtlCore

/// Re-reads every client a saved plan will touch and compares it with what the plan was made against.
///
/// A client that changed, appeared or disappeared since the plan makes the plan stale: apply refuses
/// (exit 3) and changes nothing. Fresh live markers are handed back for the writes.
public struct StaleCheck: Sendable {
    public var adapters: [String: any ProviderAdapter]

    public init(adapters: [String: any ProviderAdapter]) {
        self.adapters = adapters
    }

    /// One client that changed since the plan, and how.
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        public var address: ClientAddress
        public var message: String
        public var description: String { "\(address): \(message)" }
    }

    /// The stale findings (empty when the plan is current) and the plan with fresh live markers.
    public func check(_ plan: Plan) async throws -> ([Finding], Plan) {
        var findings: [Finding] = []
        var actions = plan.actions
        var listings: [String: [[String: JSONValue]]] = [:]
        for index in actions.indices where actions[index].action != .noOp {
            let action = actions[index]
            guard let adapter = adapters[action.address.provider] else {
                throw SecretError("\(action.address): the plan names provider '\(action.address.provider)', which the manifests don't declare")
            }
            if action.action == .create || action.action == .replace, !action.id.isEmpty,
                try await adapter.getClient(id: action.id) != nil
            {
                findings.append(Finding(address: action.address, message: "client '\(action.id)' was created on the server since the plan"))
            }
            if action.action == .create, action.id.isEmpty, let field = adapter.schema.matchField,
                let value = action.after?[field]?.stringValue
            {
                // Server-generated ids: a client with the same match value appearing since the plan would
                // be duplicated by the create.
                if listings[action.address.provider] == nil { listings[action.address.provider] = try await adapter.listClients() }
                if listings[action.address.provider]?.contains(where: { $0[field]?.stringValue == value }) == true {
                    findings.append(Finding(address: action.address, message: "a client with \(field) '\(value)' was created on the server since the plan"))
                }
            }
            guard action.action != .create, let expected = action.liveDigest else { continue }
            let liveID = action.replacedID ?? action.id
            guard let live = try await adapter.getClient(id: liveID) else {
                findings.append(Finding(address: action.address, message: "client '\(liveID)' was deleted on the server since the plan"))
                continue
            }
            actions[index].liveMarker = adapter.schema.ownership.marker(in: live)
            guard LiveDigest.of(live, schema: adapter.schema) != expected else { continue }
            let current = Canonicalizer(schema: adapter.schema).canonicalize(live)
            let fields = Differ(schema: adapter.schema).diff(desired: current, live: action.before ?? [:]).map(\.path)
            let what = fields.isEmpty ? "its ownership marker" : fields.map { "'\($0)'" }.joined(separator: ", ")
            findings.append(Finding(address: action.address, message: "client '\(liveID)' changed on the server since the plan (\(what))"))
        }
        var fresh = plan
        fresh.actions = actions
        return (findings, fresh)
    }
}
