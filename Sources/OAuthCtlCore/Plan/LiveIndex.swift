/// One provider's live clients, indexed the ways matching needs: by id, by the address in their
/// ownership marker, and (where ids ignore case) by folded id.
struct LiveIndex: Sendable {
    var byID: [String: [String: JSONValue]] = [:]
    /// The id of the live client whose marker (this repository's) names each address.
    var byAddress: [String: String] = [:]
    /// Case-insensitive ids (Glewlwyd): folded id → the live spelling.
    var idByKey: [String: String] = [:]

    init(_ live: [[String: JSONValue]], schema: ClientSchema, managedBy: String) {
        for client in live {
            if let id = client[schema.idField]?.stringValue { byID[id] = client }
        }
        for (id, client) in byID {
            if let address = schema.ownership.markedAddress(in: client, managedBy: managedBy) { byAddress[address] = id }
        }
        if schema.caseInsensitiveIDs {
            for id in byID.keys.sorted() { idByKey[schema.idKey(id)] = idByKey[schema.idKey(id)] ?? id }
        }
    }
}
