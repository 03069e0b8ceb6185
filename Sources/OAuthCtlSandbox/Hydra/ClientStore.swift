/// The sandbox's client table: clients by id plus the ids in byte order for keyset pagination.
///
/// Not thread-safe on its own; `HydraAPI` guards it with a lock.
struct ClientStore: Sendable {
    private(set) var clients: [String: HydraClient] = [:]
    /// Every id, sorted by UTF-8 bytes (`ORDER BY id ASC`).
    private(set) var sortedIDs: [String] = []

    var count: Int { clients.count }

    subscript(id: String) -> HydraClient? { clients[id] }

    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// The position of the first id greater than `id` (or equal, when `inclusive`).
    private func position(after id: String, inclusive: Bool = false) -> Int {
        var low = 0
        var high = sortedIDs.count
        while low < high {
            let mid = (low + high) / 2
            let before = inclusive ? Self.precedes(sortedIDs[mid], id) : !Self.precedes(id, sortedIDs[mid])
            if before { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Inserts a new client; false when the id exists (409).
    mutating func insert(_ client: HydraClient) -> Bool {
        guard clients[client.id] == nil else { return false }
        clients[client.id] = client
        sortedIDs.insert(client.id, at: position(after: client.id, inclusive: true))
        return true
    }

    /// Replaces an existing client; false when there is none (404).
    mutating func update(_ client: HydraClient) -> Bool {
        guard clients[client.id] != nil else { return false }
        clients[client.id] = client
        return true
    }

    mutating func delete(_ id: String) -> Bool {
        guard clients.removeValue(forKey: id) != nil else { return false }
        let i = position(after: id, inclusive: true)
        if i < sortedIDs.count && sortedIDs[i] == id { sortedIDs.remove(at: i) }
        return true
    }

    /// Up to `limit` clients after `lastID` that pass `filter`, and whether more remain.
    func page(after lastID: String?, limit: Int, filter: (HydraClient) -> Bool) -> ([HydraClient], Bool) {
        var result: [HydraClient] = []
        var i = lastID.map { position(after: $0) } ?? 0
        while i < sortedIDs.count {
            if let client = clients[sortedIDs[i]], filter(client) {
                if result.count == limit { return (result, true) }
                result.append(client)
            }
            i += 1
        }
        return (result, false)
    }
}
