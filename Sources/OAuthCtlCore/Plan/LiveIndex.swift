/// One provider's live clients, indexed the ways matching needs: by id, by the address in their
/// ownership marker, and (where ids ignore case) by folded id.
struct LiveIndex: Sendable {
    var byID: [String: [String: JSONValue]] = [:]
    /// The id of the live client whose marker (this repository's) names each address.
    var byAddress: [String: String] = [:]
    /// Case-insensitive ids (Glewlwyd): folded id → the live spelling.
    var idByKey: [String: String] = [:]

    init(_ live: [[String: JSONValue]], schema: ClientSchema, managedBy: String) {
        // Last listing first: an id listed twice is the later one, and of two clients marked with one
        // address, the one listed later (in listing order, so the same listing always gives the same index).
        byID.reserveCapacity(live.count)
        byAddress.reserveCapacity(live.count)
        for client in live.reversed() {
            guard let id = client[schema.idField]?.stringValue, byID[id] == nil else { continue }
            byID[id] = client
            if let address = schema.ownership.markedAddress(in: client, managedBy: managedBy), byAddress[address] == nil {
                byAddress[address] = id
            }
        }
        if schema.caseInsensitiveIDs {
            for id in byID.keys.sorted() { idByKey[schema.idKey(id)] = idByKey[schema.idKey(id)] ?? id }
        }
    }
}
