import OAuthCtlCore
import OAuthCtlProviders
import Testing

/// Canonicalizing a canonical value changes nothing, for every comparable field of every provider: an
/// applied client must plan as no change, and the planner relies on it to compare a live value that
/// already equals the desired canonical value without canonicalizing it (`canonicalClient(_:like:)`).
@Suite("Canonical forms are idempotent")
struct CanonicalIdempotenceTests {
    /// Values of every shape a manifest or a server may hold, spelled canonically and not.
    static let samples: [JSONValue] = [
        nil, "", " ", "x", "UPPER", "HTTPS://Example.COM:443/", "https://a.example/cb#frag", "b a  a", "openid\toffline", "90m",
        "1h30m", "1.5h", "0s", "300ms", "not a duration", "-5m", true, false, 0, 7, .double(1.0), .double(2.5), .double(1e3), [],
        ["b", "a", "a"],
        ["https://B.example/", "https://a.example/"], [1, "x"], [:], ["keys": []],
        ["keys": [["kid": "b", "n": .double(1.0)], ["kid": "a"]]],
        ["id": "x", "name": "y"], ["id": nil], ["a": 1, "b": ["c": .double(2.0), "d": true]], ["scalars": [1, true, "2"]],
    ]

    @Test(
        "canonical(canonical(x)) == canonical(x) for every provider, field and sample value",
        arguments: ProviderRegistry.descriptors.map(\.type))
    func idempotent(_ type: String) throws {
        let descriptor = try #require(ProviderRegistry.descriptor(type))
        let canonicalizer = Canonicalizer(schema: descriptor.clientSchema)
        for field in descriptor.clientSchema.fields where field.isComparable {
            for sample in Self.samples {
                let once = canonicalizer.canonicalize(sample, field: field)
                let twice = canonicalizer.canonicalize(once, field: field)
                #expect(twice == once, "\(descriptor.type).\(field.name): \(sample) → \(once) → \(twice)")
            }
        }
    }

    @Test("a client compared with its expected form canonicalizes as it does alone", arguments: ProviderRegistry.descriptors.map(\.type))
    func likeIsAShortcutOnly(_ type: String) throws {
        let descriptor = try #require(ProviderRegistry.descriptor(type))
        let schema = descriptor.clientSchema
        let canonicalizer = Canonicalizer(schema: schema)
        let comparable = schema.fields.filter(\.isComparable)
        // Clients built from the samples, field i taking sample (i + shift); compared with every other.
        let clients: [[String: JSONValue]] = Self.samples.indices.map { shift in
            var client: [String: JSONValue] = [:]
            for (index, field) in comparable.enumerated() { client[field.name] = Self.samples[(index + shift) % Self.samples.count] }
            return client
        }
        for client in clients {
            let alone = canonicalizer.canonicalClient(client)
            for other in clients {
                let expected = canonicalizer.canonicalClient(other)
                #expect(canonicalizer.canonicalClient(client, like: expected) == alone, "\(descriptor.type)")
            }
            #expect(canonicalizer.canonicalClient(client, like: alone) == alone, "\(descriptor.type)")
        }
    }

    /// A live client carries the ownership marker (in its field's object, or as a field of its own), which
    /// is not a field: with or without the shortcut, it canonicalizes as the same client without it.
    @Test(
        "a marked live client compared with its expected form canonicalizes as it does alone",
        arguments: ProviderRegistry.descriptors.map(\.type))
    func likeIsAShortcutOnlyWithAMarker(_ type: String) throws {
        let descriptor = try #require(ProviderRegistry.descriptor(type))
        let schema = descriptor.clientSchema
        let canonicalizer = Canonicalizer(schema: schema)
        let comparable = schema.fields.filter(\.isComparable)
        let marker = OwnershipMarker(managedBy: "repo", address: "local/web")
        var checked = 0
        var applied = 0
        for shift in Self.samples.indices {
            var client: [String: JSONValue] = [:]
            for (index, field) in comparable.enumerated() { client[field.name] = Self.samples[(index + shift) % Self.samples.count] }
            var marked = client
            schema.ownership.write(marker, into: &marked)
            guard marked != client else { continue }
            checked += 1
            let unmarked = canonicalizer.canonicalClient(client)
            let alone = canonicalizer.canonicalClient(marked)
            #expect(canonicalizer.canonicalClient(marked, like: alone) == alone, "\(descriptor.type)")
            #expect(canonicalizer.canonicalClient(marked, like: unmarked) == alone, "\(descriptor.type)")
            // An applied client as the server lists it: the canonical values, and the marker among them.
            var canonicalLive = canonicalizer.fields(unmarked)
            schema.ownership.write(marker, into: &canonicalLive)
            let listed = canonicalizer.canonicalClient(canonicalLive)
            #expect(canonicalizer.canonicalClient(canonicalLive, like: unmarked) == listed, "\(descriptor.type)")
            if listed == unmarked { applied += 1 }
        }
        #expect(checked > 0 || !schema.ownership.isAvailable, "\(descriptor.type): no sample took the marker")
        #expect(applied > 0 || !schema.ownership.isAvailable, "\(descriptor.type): no applied client compared equal")
    }
}
