import Testing

@testable import OAuthCtlCore
@testable import OAuthCtlProviders

/// A listing indexed page by page as it arrives (`LiveIndex.Builder`) is indexed exactly as the whole
/// listing at once: later listings win, an id listed twice counts once, marker addresses follow them.
@Suite("Live index")
struct LiveIndexTests {
    /// A listing of `count` clients: ids from a small pool (so some are listed twice, in either case
    /// where the provider folds them), markers of this repository or another with addresses from a small
    /// pool, some clients unmarked or without an id.
    static func listing(_ count: Int, schema: ClientSchema, _ random: inout SplitMix64) -> [[String: JSONValue]] {
        (0..<count).map { _ in
            var client: [String: JSONValue] = [:]
            if Int.random(in: 0..<20, using: &random) > 0 {
                let id = "c\(Int.random(in: 0..<(count * 2), using: &random))"
                client[schema.idField] = .string(Bool.random(using: &random) ? id : id.uppercased())
            }
            let owner = ["ours", "theirs", nil][Int.random(in: 0..<3, using: &random)]
            if let owner {
                let marker = OwnershipMarker(managedBy: owner, address: "p/a\(Int.random(in: 0..<(count / 2 + 1), using: &random))")
                schema.ownership.write(marker, into: &client)
            }
            return client
        }
    }

    @Test("page by page, the index is the whole listing's, for every page size", arguments: ["hydra", "glewlwyd"])
    func pageByPage(provider: String) {
        let schema = provider == "hydra" ? HydraSchema.hydra.clientSchema : GlewlwydSchema.clientSchema
        var random = SplitMix64(seed: 7)
        var listedTwice = 0
        for count in [0, 1, 2, 5, 40, 200] {
            for _ in 0..<20 {
                let live = Self.listing(count, schema: schema, &random)
                let whole = LiveIndex(live, schema: schema, managedBy: "ours")
                let ids = live.compactMap { $0[schema.idField]?.stringValue }
                if Set(ids).count < ids.count { listedTwice += 1 }
                for size in [1, 3, 64, max(count, 1)] {
                    var builder = LiveIndex.Builder(schema: schema, managedBy: "ours")
                    for start in stride(from: 0, to: live.count, by: size) {
                        builder.add(Array(live[start..<min(start + size, live.count)]))
                    }
                    #expect(builder.index(of: live) == whole, "\(count) clients in pages of \(size)")
                }
            }
        }
        #expect(listedTwice > 0)
    }
}
