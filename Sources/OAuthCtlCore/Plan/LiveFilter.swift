/// Decides, for each live client as a listing streams in, whether the planner needs it whole or only
/// as a line in "left alone" (pure). Memory then follows the repository, not the server: of 100,000
/// clients that no manifest names, only their ids are kept.
///
/// Kept whole: a client a manifest may claim (its id, its `matchField` value, or its
/// `idChangeMatchField` value is a manifest's) and every client carrying this repository's marker
/// (a renamed client, or an orphan that `--prune` deletes). The rest is summarised as unmanaged or
/// managed elsewhere, exactly as the planner would classify it.
package struct LiveFilter: Sendable {
    package let provider: String
    package let schema: ClientSchema
    package let managedBy: String
    private let ids: Set<String>
    private let matchValues: Set<String>
    private let idChangeValues: Set<JSONValue>

    package init(provider: ProviderManifest, schema: ClientSchema, clients: [ClientManifest]) {
        self.provider = provider.name
        self.schema = schema
        managedBy = provider.managedBy
        ids = Set(clients.map { schema.idKey($0.clientID(schema: schema)) })
        matchValues = Set(clients.compactMap { $0.matchValue(schema: schema) })
        idChangeValues = Set(clients.compactMap { client in schema.idChangeMatchField.flatMap { client.spec[$0] } })
    }

    /// What the planner needs of one live client.
    package enum Verdict: Sendable {
        case keep
        case summary(Plan.Untouched)
    }

    package func verdict(_ client: some LiveFields) -> Verdict {
        let id = client[schema.idField]?.stringValue ?? ""
        if ids.contains(schema.idKey(id)) { return .keep }
        if let field = schema.matchField, let value = client[field]?.stringValue, matchValues.contains(value) { return .keep }
        if let field = schema.idChangeMatchField, let value = client[field], idChangeValues.contains(value) { return .keep }
        guard let marker = schema.ownership.marker(in: client) else {
            return .summary(.init(provider: provider, id: id, kind: .unmanaged))
        }
        if marker.managedBy == managedBy { return .keep }
        return .summary(.init(provider: provider, id: id, kind: .managedElsewhere, owner: marker.managedBy))
    }
}
