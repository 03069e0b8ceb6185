/// One provider's live clients, indexed the ways matching needs: by id, by the address in their
/// ownership marker, and (where ids ignore case) by folded id.
package struct LiveIndex: Sendable, Equatable {
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
        foldIDs(schema)
    }

    private init() {}

    private mutating func foldIDs(_ schema: ClientSchema) {
        guard schema.caseInsensitiveIDs else { return }
        for id in byID.keys.sorted() { idByKey[schema.idKey(id)] = idByKey[schema.idKey(id)] ?? id }
    }

    /// Builds the index page by page while a listing arrives, so that the index of a long listing is
    /// ready soon after its last page: the same index as `init(_:schema:managedBy:)` over the whole
    /// listing. In listing order, a later client simply replaces an earlier one; an id listed twice
    /// stops that (the earlier listing's marker address must then not count), and `index(of:)` indexes
    /// the whole listing at once instead.
    package struct Builder: Sendable {
        private var index = LiveIndex()
        private let schema: ClientSchema
        private let managedBy: String
        private var listedTwice = false

        package init(schema: ClientSchema, managedBy: String) {
            self.schema = schema
            self.managedBy = managedBy
        }

        /// Indexes the next clients of the listing.
        package mutating func add(_ clients: [[String: JSONValue]]) {
            guard !listedTwice else { return }
            for client in clients {
                guard let id = client[schema.idField]?.stringValue else { continue }
                if index.byID.updateValue(client, forKey: id) != nil {
                    listedTwice = true
                    index = LiveIndex()
                    return
                }
                if let address = schema.ownership.markedAddress(in: client, managedBy: managedBy) { index.byAddress[address] = id }
            }
        }

        /// The index of `live`: every client added so far, in the order added.
        package func index(of live: [[String: JSONValue]]) -> LiveIndex {
            guard !listedTwice else { return LiveIndex(live, schema: schema, managedBy: managedBy) }
            var index = index
            index.foldIDs(schema)
            return index
        }
    }
}
