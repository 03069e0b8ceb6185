import Dispatch

/// The canonical form and `LiveDigest` of every live client, computed in parallel.
///
/// Pure: each client's result depends only on that client, so the outcome is the same on any number of
/// threads. This is most of a no-op plan's CPU time for large servers (10,000 clients).
enum LiveForms {
    struct Entry: Sendable {
        var canonical: [String: JSONValue]
        var digest: String
    }

    static func compute(_ live: [String: [String: JSONValue]], schema: ClientSchema) -> [String: Entry] {
        let items = Array(live)
        guard !items.isEmpty else { return [:] }
        let canonicalizer = Canonicalizer(schema: schema)
        var results = [Entry?](repeating: nil, count: items.count)
        let chunks = min(items.count, 16)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var index = chunk * items.count / chunks
                let end = (chunk + 1) * items.count / chunks
                while index < end {
                    let client = items[index].value
                    let canonical = canonicalizer.canonicalize(client)
                    output[index] = Entry(canonical: canonical, digest: LiveDigest.of(client, canonical: canonical, schema: schema))
                    index += 1
                }
            }
        }
        var out: [String: Entry] = [:]
        out.reserveCapacity(items.count)
        for (index, item) in items.enumerated() { out[item.key] = results[index] }
        return out
    }
}
